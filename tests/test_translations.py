"""The Arabic and French catalogues are complete, and the main pages show no untranslated text.

Amazigh (zgh) is complete for what deploy/translations.py requires of it (ZGH_REQUIRED_SOURCES:
the frames, the home pages, the error pages); its other strings may stay empty, and then show
in Arabic (tests/test_amazigh.py)."""

import gettext
import importlib.util
import re
import sys
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "platform" / "locale"


def translations_script():
    """deploy/translations.py, loaded as a module (a script beside deploy/local.py)."""
    deploy = str(LOCALE.parents[1] / "deploy")
    sys.path.insert(0, deploy)
    try:
        spec = importlib.util.spec_from_file_location(
            "translations_script", f"{deploy}/translations.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(deploy)


ZGH_REQUIRED_SOURCES = translations_script().ZGH_REQUIRED_SOURCES


def catalogue_entries(
    language: str, *, required_only: bool = False
) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for each entry of a .po file, header excluded; with
    `required_only`, only the entries used in ZGH_REQUIRED_SOURCES."""
    entries = []
    for block in (LOCALE / language / "LC_MESSAGES" / "django.po").read_text().split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        places = [
            place.rsplit(":", 1)[0]
            for line in block.splitlines()
            if line.startswith("#: ")
            for place in line[3:].split()
        ]
        if required_only and not any(ZGH_REQUIRED_SOURCES.match(place) for place in places):
            continue
        for line in block.splitlines():
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((fields["msgid"], strs, "#, fuzzy" in block))
    return entries


def unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n")


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_catalogue_is_complete(language):
    entries = catalogue_entries(language)
    assert len(entries) > 50
    missing = [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert missing == []


def test_amazigh_catalogue_has_what_it_requires():
    entries = catalogue_entries("zgh", required_only=True)
    assert len(entries) > 50
    missing = [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert missing == []
    tifinagh = re.compile("[\u2d30-\u2d7f]")
    assert [msgid for msgid, strs, _ in entries if not tifinagh.search(strs[0])] == []


@pytest.mark.parametrize("language", ["ar", "fr", "zgh"])
def test_compiled_catalogue_matches_the_source(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        msgid
        for msgid, strs, fuzzy in catalogue_entries(language)
        if len(strs) == 1
        and strs[0]
        and not fuzzy
        and compiled.gettext(unescape(msgid)) != unescape(strs[0])
    ]
    assert stale == []


ENGLISH_UI = [
    "Openness site",
    "Members of the network",
    "Skip to content",
    "Region",
    "Moroccan network of open territorial collectivities",
    "No such member",
]


@pytest.mark.parametrize("language", ["ar", "fr", "zgh"])
def test_main_pages_are_fully_translated(tetouan, client_for, language):
    pages = []
    for client in (client_for(None), client_for(tetouan)):
        client.cookies["django_language"] = language
        pages.append(client.get("/").content.decode())
    unknown = client_for(None)
    unknown.cookies["django_language"] = language
    pages.append(unknown.get("/", HTTP_HOST="nowhere.localhost").content.decode())
    for page in pages:
        assert f'lang="{language}"' in page
        leftovers = [text for text in ENGLISH_UI if f">{text}<" in page or f"{text} ·" in page]
        assert leftovers == []


# The names makemessages (xgettext) extracts strings from; a string marked through any other
# alias never reaches the catalogues and shows in English on the Arabic pages.
EXTRACTED_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_strings_are_marked_by_names_makemessages_extracts():
    root = LOCALE.parents[1]
    aliases = []
    for path in root.glob("**/*.py"):
        if any(part in {".venv", ".data", "node_modules"} for part in path.parts):
            continue
        for alias in re.findall(r"\b\w*gettext\w* as (\w+)", path.read_text()):
            if alias not in EXTRACTED_NAMES:
                aliases.append(f"{path.relative_to(root)}: {alias}")
    assert aliases == []
