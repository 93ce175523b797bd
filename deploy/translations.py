#!/usr/bin/env python
"""Bring the Arabic and French catalogues up to date with the code, and fill them.

    .venv/bin/python deploy/translations.py [translations/*.json ...]

1. `makemessages` collects every string of the code into platform/locale/{ar,fr};
2. each JSON file given ({"msgid": {"ar": "...", "fr": "..."}}) fills the matching entries
   (an entry already translated is overwritten: the file is the newer word);
3. `compilemessages` writes the .mo files the server reads.

Runs under a lock, so several people (or agents) working in one tree cannot interleave.
Strings left untranslated are listed at the end; tests/test_translations.py fails on them.
"""
import fcntl
import json
import subprocess
import sys
from pathlib import Path

import polib

import local  # deploy/local.py: the development environment of the project's commands

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "platform" / "locale"
LANGUAGES = ("ar", "fr")
IGNORED = [".venv", ".data", "test-artifacts", "bench", "node_modules", "deploy"]


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def fill(words: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    missing = {}
    for language in LANGUAGES:
        path = LOCALE / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path), wrapwidth=79)
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
        missing[language] = [entry.msgid for entry in catalogue.untranslated_entries()
                             + catalogue.fuzzy_entries() if not entry.obsolete]
    return missing


def main(files: list[str]) -> int:
    local.development_environment()  # makemessages runs with the development settings
    words: dict[str, dict[str, str]] = {}
    for name in files:
        words.update(json.loads(Path(name).read_text()))
    with open("/tmp/infitah-translations.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        manage("makemessages", *[f"-l{language}" for language in LANGUAGES], "--no-obsolete",
               *[arg for folder in IGNORED for arg in ("-i", f"{folder}/*")])
        missing = fill(words)
        manage("compilemessages", "--ignore", ".venv")
    for language, msgids in missing.items():
        for msgid in msgids:
            print(f"untranslated ({language}): {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
