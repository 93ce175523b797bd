"""The consultations' own Arabic and French catalogues (locale/ in this app) are complete and
compiled. They hold only the messages the platform's catalogue does not."""
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"
ENTRY = re.compile(r'^msgid "(.*)"\n(?:msgid_plural "(.*)"\n)?((?:msgstr(?:\[\d\])? ".*"\n?)+)',
                   re.MULTILINE)


def unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\\\", "\\")


@pytest.mark.parametrize("language, forms", [("ar", 6), ("fr", 2)])
def test_the_catalogue_is_complete_and_compiled(language, forms):
    folder = LOCALE / language / "LC_MESSAGES"
    source = (folder / "django.po").read_text()
    with open(folder / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    entries = [match for match in ENTRY.finditer(source) if match.group(1)]
    assert len(entries) > 100 and "#, fuzzy" not in source
    for match in entries:
        msgid, plural = unescape(match.group(1)), match.group(2)
        strings = [unescape(s) for s in re.findall(r'"(.*)"', match.group(3))]
        assert all(strings) and len(strings) == (forms if plural else 1), msgid
        if not plural:
            assert compiled.gettext(msgid) == strings[0], msgid
