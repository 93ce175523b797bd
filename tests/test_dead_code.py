"""No dead code: vulture, with the project's configuration (pyproject.toml, [tool.vulture]),
finds nothing. Code that Django, DRF or Celery reach by name is listed, with why, in
vulture_allowlist.py; code that nothing reaches is deleted."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def vulture(*paths: str) -> subprocess.CompletedProcess:
    """vulture run from the repository's root, so that it reads pyproject.toml: with no
    paths, over the configured folders and the allowlist."""
    return subprocess.run(
        [sys.executable, "-m", "vulture", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_vulture_finds_no_dead_code():
    result = vulture()
    assert result.returncode in (0, 3), f"vulture could not run:\n{result.stderr}"
    assert result.returncode == 0 and not result.stdout, (
        "vulture found code that nothing uses:\n"
        f"{result.stdout}{result.stderr}\n"
        "Delete it. If Django, DRF or Celery reach it by name (a setting, a template, a string, "
        "a decorator that registers it), add it to vulture_allowlist.py under the group that "
        "says how."
    )


def test_a_function_nothing_calls_is_found(tmp_path):
    """The check can fail: the configuration's threshold catches an unused function, and the
    allowlist does not hide it."""
    module = tmp_path / "forgotten.py"
    module.write_text(
        "def petition_figures_forgotten():\n    return {}\n\n\n"
        "def called():\n    return 1\n\n\ncalled()\n"
    )
    result = vulture(str(module), "vulture_allowlist.py")
    assert result.returncode == 3
    assert "unused function 'petition_figures_forgotten'" in result.stdout
    assert "'called'" not in result.stdout
