"""The petitions' own Arabic and French catalogues (locale/ in this folder) are complete and
compiled, and the public pages show no English left over."""
import gettext
import re
from pathlib import Path

import pytest
from django.utils import translation

from tenants.petitions.models import State

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def entries(language: str) -> list[tuple[str, list[str]]]:
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text()
    found = []
    for block in text.split("\n\n")[1:]:
        msgid = "".join(re.findall(r'"(.*)"', re.search(r'^msgid ((?:".*"\n?)+)', block,
                                                         re.M).group(1)))
        strs = ["".join(re.findall(r'"(.*)"', value))
                for value in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)]
        found.append((msgid.replace('\\"', '"'), [s.replace('\\"', '"') for s in strs]))
    return found


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_catalogue_is_complete_and_compiled(language):
    catalogue = entries(language)
    assert len(catalogue) > 100
    assert [msgid for msgid, strs in catalogue if not all(strs)] == []
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    assert [msgid for msgid, strs in catalogue
            if len(strs) == 1 and mo.gettext(msgid) != strs[0]] == []


@pytest.mark.parametrize("language, label", [("ar", "في طور جمع التوقيعات"),
                                             ("fr", "Collecte des signatures")])
def test_states_are_named_in_the_language(language, label):
    with translation.override(language):
        assert str(State.COLLECTING.label) == label


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_public_pages_have_no_english_left(tetouan, client_for, collecting, language):
    client = client_for(tetouan)
    client.cookies["django_language"] = language
    for path in ("/petitions/", f"/petitions/{collecting.pk}/", f"/petitions/{collecting.pk}/sign/",
                 "/petitions/new/"):
        page = client.get(path).content.decode()
        for english in ("Sign this petition", "Collecting signatures", "File a petition",
                        "signatures of the", "Full name", "How petitions work"):
            assert english not in page, (path, english)
