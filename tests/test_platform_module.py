import sysconfig
from pathlib import Path


def test_import_platform_is_the_standard_library():
    import platform

    assert callable(platform.system) and platform.system()
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    assert Path(platform.__file__).resolve().parent == stdlib


def test_platform_folder_is_not_a_package():
    root = Path(__file__).resolve().parents[1]
    assert (root / "platform" / "config" / "settings.py").exists()
    assert not (root / "platform" / "__init__.py").exists()
