#!/usr/bin/env python
"""Bring the Arabic, French and Amazigh catalogues up to date with the code, and fill them.

    .venv/bin/python deploy/translations.py [translations/*.json ...]
    .venv/bin/python deploy/translations.py --review               # writes docs/amazigh-review.csv
    .venv/bin/python deploy/translations.py --import-review FILE   # a reviewer's corrected CSV

1. `makemessages` collects every string of the code into platform/locale/{ar,fr,zgh};
2. each JSON file given ({"msgid": {"ar": "...", "fr": "...", "zgh": "..."}}) fills the
   matching entries (an entry already translated is overwritten: the file is the newer word);
3. `compilemessages` writes the .mo files the server reads.

Runs under a lock, so several people (or agents) working in one tree cannot interleave.
Strings left untranslated are listed at the end; tests/test_translations.py fails on them.

Amazigh (zgh, Tifinagh) is required only for the strings of the pages every visitor sees first
(ZGH_REQUIRED_SOURCES: the frames, the home pages, the error pages); any other string may stay
untranslated in zgh: it is then left out of the compiled catalogue and shows in Arabic, Django's
fallback for every language but the default one (settings.LANGUAGE_CODE). The review file lists
every string, so a native speaker can translate or correct any of them; `--import-review` puts
the file's Amazigh column back into translations/amazigh.json and rebuilds the catalogues.
"""

import csv
import fcntl
import json
import re
import subprocess
import sys
from pathlib import Path

import local  # deploy/local.py: the development environment of the project's commands
import polib

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "platform" / "locale"
LANGUAGES = ("ar", "fr", "zgh")
# Every string of these templates must be translated into Amazigh (tests/test_translations.py).
ZGH_REQUIRED_SOURCES = re.compile(
    r"^(platform/templates/(base\.html|errors/|tenancy/)"
    r"|tenants/site/templates/site/(base_site|home|_pagination)\.html"
    r"|network/portal/templates/portal/(base_portal|home)\.html)"
)
# The public pages (not the staff's, not e-mails): listed first in the review file.
PUBLIC_SOURCES = re.compile(
    r"^(platform/templates/(?!twofactor/)|network/portal/templates/portal/"
    r"|tenants/(?!workspace/)[a-z_]+/templates/[a-z_]+/(?!staff/|email/|admin/))"
)
# What makemessages cannot know of a language without Django locale data.
ZGH_HEADER = {
    "Language": "zgh",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
    "Content-Type": "text/plain; charset=UTF-8",
}
AMAZIGH_WORDS = ROOT / "translations" / "amazigh.json"
REVIEW_FILE = ROOT / "docs" / "amazigh-review.csv"
REVIEW_COLUMNS = ["msgid", "ar", "fr", "zgh", "required", "public", "used in"]
IGNORED = [".venv", ".data", "test-artifacts", "bench", "node_modules", "deploy"]


def manage(*args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def catalogue_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def zgh_required(entry: polib.POEntry) -> bool:
    return any(ZGH_REQUIRED_SOURCES.match(path) for path, _ in entry.occurrences)


def fill(words: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    missing = {}
    for language in LANGUAGES:
        path = catalogue_path(language)
        catalogue = polib.pofile(str(path), wrapwidth=79)
        if language == "zgh":
            catalogue.metadata.update(ZGH_HEADER)
        for entry in catalogue:
            if entry.obsolete:
                continue
            word = words.get(entry.msgid, {}).get(language)
            if word and not entry.msgid_plural:
                entry.msgstr = word
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            elif word and entry.msgid_plural:
                forms = word if isinstance(word, list) else [word]
                for index in entry.msgstr_plural:
                    entry.msgstr_plural[index] = forms[min(index, len(forms) - 1)]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalogue.save(str(path))
        missing[language] = [
            entry.msgid
            for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()
            if not entry.obsolete and (language != "zgh" or zgh_required(entry))
        ]
    return missing


def _text(entry: polib.POEntry | None) -> str:
    if entry is None:
        return ""
    if entry.msgid_plural:  # the forms, one per line
        return "\n".join(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return entry.msgstr


def review_write(path: Path = REVIEW_FILE) -> int:
    """Every string with its Arabic, French and Amazigh text and where it is used: the
    required ones first, then the other public ones, then the staff's."""
    catalogues = {
        language: {
            entry.msgid: entry
            for entry in polib.pofile(str(catalogue_path(language)))
            if not entry.obsolete
        }
        for language in LANGUAGES
    }
    rows = []
    for msgid, entry in catalogues["zgh"].items():
        places = sorted({place for place, _ in entry.occurrences})
        required = zgh_required(entry)
        public = required or any(PUBLIC_SOURCES.match(place) for place in places)
        rows.append(
            {
                "msgid": msgid,
                **{language: _text(catalogues[language].get(msgid)) for language in LANGUAGES},
                "required": "yes" if required else "",
                "public": "yes" if public else "",
                "used in": " ".join(places),
            }
        )
    rows.sort(key=lambda row: (not row["required"], not row["public"], row["used in"]))
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=REVIEW_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def review_read(path: Path) -> dict[str, dict[str, str | list[str]]]:
    """The Amazigh column of a (corrected) review file, by msgid; empty cells are skipped."""
    words: dict[str, dict[str, str | list[str]]] = {}
    with open(path, newline="", encoding="utf-8-sig") as source:
        for row in csv.DictReader(source):
            text = (row.get("zgh") or "").strip()
            if row.get("msgid") and text:
                words[row["msgid"]] = {"zgh": text.split("\n") if "\n" in text else text}
    return words


def review_import(path: Path) -> int:
    """Puts a reviewer's Amazigh into translations/amazigh.json (kept in the file's order, new
    strings appended) and returns how many strings changed."""
    words = json.loads(AMAZIGH_WORDS.read_text()) if AMAZIGH_WORDS.exists() else {}
    changed = 0
    for msgid, word in review_read(path).items():
        if words.get(msgid, {}).get("zgh") != word["zgh"]:
            words.setdefault(msgid, {})["zgh"] = word["zgh"]
            changed += 1
    AMAZIGH_WORDS.write_text(json.dumps(words, ensure_ascii=False, indent=2) + "\n")
    return changed


def main(files: list[str]) -> int:
    if files[:1] == ["--review"]:
        print(f"{review_write()} strings written to {REVIEW_FILE.relative_to(ROOT)}")
        return 0
    if files[:1] == ["--import-review"] and len(files) == 2:
        print(
            f"{review_import(Path(files[1]))} Amazigh strings changed in "
            f"{AMAZIGH_WORDS.relative_to(ROOT)}"
        )
        files = sorted(str(path) for path in (ROOT / "translations").glob("*.json"))
    local.development_environment()  # makemessages runs with the development settings
    words: dict[str, dict[str, str]] = {}
    for name in files:  # merged per language: one file may bring a string's Amazigh only
        for msgid, word in json.loads(Path(name).read_text()).items():
            words.setdefault(msgid, {}).update(word)
    with open("/tmp/infitah-translations.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        manage(
            "makemessages",
            *[f"-l{language}" for language in LANGUAGES],
            "--no-obsolete",
            *[arg for folder in IGNORED for arg in ("-i", f"{folder}/*")],
        )
        missing = fill(words)
        manage("compilemessages", "--ignore", ".venv")
    for language, msgids in missing.items():
        for msgid in msgids:
            print(f"untranslated ({language}): {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
