"""Amazigh (zgh, Tifinagh) as the third language of the public sites and the portal: the
locale machinery accepts it, pages render in it left to right with the served Tifinagh font,
the switch offers it (not in the workspace), untranslated strings and members' texts fall
back to Arabic, and the page cache keeps it apart from the other languages."""

import csv
import json
import re
from pathlib import Path

import polib
import pytest
from django.contrib.staticfiles import finders
from django.utils import translation
from django.utils.translation import get_language_info, gettext

from kernel.bilingual import in_page_language
from tests.test_translations import translations_script

ROOT = Path(__file__).resolve().parents[1]
TIFINAGH = re.compile("[\u2d30-\u2d7f]")
FONT = "vendor/noto-sans-tifinagh/NotoSansTifinagh-Regular.woff2"


def in_zgh(client):
    client.cookies["django_language"] = "zgh"
    return client


def test_django_knows_the_language():
    info = get_language_info("zgh")
    assert (info["name"], info["name_local"], info["bidi"]) == ("Tamazight", "ⵜⴰⵎⴰⵣⵉⵖⵜ", False)
    assert translation.check_for_language("zgh")
    with translation.override("zgh"):
        assert translation.get_language_bidi() is False
        assert gettext("Openness site") == "ⴰⵙⵉⵜ ⵏ ⵓⵕⵥⵥⵓⵎ"


def test_the_members_home_page_in_amazigh(tetouan, client_for):
    response = in_zgh(client_for(tetouan)).get("/")
    page = response.content.decode()
    assert response["Content-Language"] == "zgh"
    assert '<html lang="zgh" dir="ltr">' in page
    assert "bootstrap.min.css" in page and "bootstrap.rtl.min.css" not in page
    assert ">ⴰⵙⵏⵓⴱⴳ</a>" in page  # "Home" in the site's menu
    assert "ⴰⵙⵉⵜ ⵏ ⵓⵕⵥⵥⵓⵎ" in page  # "Openness site"
    assert "ⴰⴳⵎⴰⵎ ⴳ ⵓⵥⵟⵟⴰ ⴰⵎⵖⵔⵉⴱⵉ" in page  # the footer's network mark
    assert "Openness site" not in page and "Skip to content" not in page


def test_the_portal_in_amazigh(network, db, client_for):
    page = in_zgh(client_for(None)).get("/").content.decode()
    assert '<html lang="zgh" dir="ltr">' in page
    assert "ⴰⵥⵟⵟⴰ ⴰⵎⵖⵔⵉⴱⵉ ⵏ ⵜⵊⵎⴰⵄⵉⵏ ⵜⵉⴽⴰⵍⴰⵏⵉⵏ ⵉⵕⵥⵎⵏ" in page
    assert ">ⵉⵏⵖⵎⵉⵙⵏ</a>" in page  # "News"


def test_the_tifinagh_font_is_served_and_used(network, db, client_for):
    assert finders.find(FONT)
    response = client_for(None).get(f"/static/{FONT}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"wOF2"
    css = Path(finders.find("infitah/infitah.css")).read_text()
    assert f'url("../{FONT}")' in css and ":lang(zgh)" in css
    assert (ROOT / "platform/static/vendor/noto-sans-tifinagh/LICENSE").read_text().count(
        "SIL Open Font License"
    ) >= 1
    assert "Noto Sans Tifinagh" in (ROOT / "platform/static/vendor/VERSIONS").read_text()


def switch_links(page: str) -> dict[str, str]:
    """{language code: the tag of its link} in the page's language switch."""
    switch = re.search(r'<nav class="lang-switch.*?</nav>', page, re.DOTALL).group(0)
    return {code: tag for tag, code in re.findall(r'(<a [^>]*hreflang="([a-z]+)"[^>]*>)', switch)}


@pytest.mark.parametrize(
    "language, offered", [("ar", {"fr", "zgh"}), ("fr", {"ar", "zgh"}), ("zgh", {"ar", "fr"})]
)
def test_the_switch_offers_the_other_two_languages_each_in_its_script(
    tetouan, client_for, language, offered
):
    for client in (client_for(tetouan), client_for(None)):
        client.cookies["django_language"] = language
        page = client.get("/").content.decode()
        links = switch_links(page)
        assert set(links) == offered
        if "zgh" in links:
            assert 'lang="zgh" dir="ltr"' in links["zgh"]
            assert re.search(r'hreflang="zgh"[^>]*>ⵜⴰⵎⴰⵣⵉⵖⵜ</a>', page)
        if "ar" in links:
            assert 'lang="ar" dir="rtl"' in links["ar"]


def test_the_switch_sets_amazigh_and_keeps_the_visitor_on_the_page(tetouan, client_for):
    client = client_for(tetouan)
    response = client.get("/lang/zgh/", {"next": "/programme/"})
    assert response.status_code == 302 and response["Location"] == "/programme/"
    assert response.cookies["django_language"].value == "zgh"
    assert '<html lang="zgh" dir="ltr">' in client.get("/").content.decode()


def test_the_workspace_stays_in_arabic_and_french_and_says_so(tetouan, client_for):
    page = in_zgh(client_for(tetouan)).get("/staff/sign-in/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert set(switch_links(page)) == {"fr"}
    assert "هذا الفضاء متاح بالعربية والفرنسية." in page


def test_an_untranslated_string_falls_back_to_arabic_not_english():
    """An Amazigh catalogue entry left empty is not compiled: Django then reads Arabic, the
    default language (its fallback for every other language)."""
    catalogue = polib.pofile(str(ROOT / "platform/locale/zgh/LC_MESSAGES/django.po"))
    arabic = {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(ROOT / "platform/locale/ar/LC_MESSAGES/django.po"))
    }
    untranslated = [
        entry.msgid
        for entry in catalogue.untranslated_entries()
        if not entry.msgid_plural and arabic.get(entry.msgid) and "%" not in entry.msgid
    ]
    assert len(untranslated) > 100
    with translation.override("zgh"):
        shown = {msgid: gettext(msgid) for msgid in untranslated[:50]}
    assert shown == {msgid: arabic[msgid] for msgid in untranslated[:50]}


def test_an_untranslated_string_on_an_amazigh_page_reads_in_arabic(tetouan, client_for):
    """The programme page's strings are not required in Amazigh: shown in Arabic."""
    page = in_zgh(client_for(tetouan)).get("/programme/").content.decode()
    assert '<html lang="zgh" dir="ltr">' in page
    assert re.search("[\u0600-\u06ff]", page) and TIFINAGH.search(page)


def test_the_page_cache_keeps_languages_apart(tetouan, client_for, page_cache):
    pages = {}
    for language in ("zgh", "ar", "zgh", "fr", "ar"):
        client = client_for(tetouan)
        client.cookies["django_language"] = language
        page = client.get("/").content.decode()
        assert f'<html lang="{language}"' in page
        pages.setdefault(language, set()).add(page)
    assert "ⴰⵙⵏⵓⴱⴳ" in next(iter(pages["zgh"])) and "ⴰⵙⵏⵓⴱⴳ" not in next(iter(pages["ar"]))
    # The second visit in each language was served from the cache, byte for byte.
    assert len(pages["zgh"]) == 1 and len(pages["ar"]) == 1


@pytest.mark.parametrize(
    "language, expected",
    [("zgh", ("ⵜⵉⵟⵟⴰⵡⵉⵏ", "zgh")), ("ar", ("تطوان", "ar")), ("fr", ("Tétouan", "fr"))],
)
def test_a_trilingual_text_in_each_language(language, expected):
    with translation.override(language):
        text = in_page_language("تطوان", "Tétouan", "ⵜⵉⵟⵟⴰⵡⵉⵏ")
    assert (str(text), text.lang) == expected


def test_a_text_without_amazigh_falls_back_to_arabic_then_french():
    with translation.override("zgh"):
        arabic = in_page_language("تطوان", "Tétouan")
        french = in_page_language("", "Tétouan")
    assert (str(arabic), arabic.lang) == ("تطوان", "ar")
    assert (str(french), french.lang) == ("Tétouan", "fr")


def test_the_members_name_and_its_programme_in_amazigh(tetouan, client_for, in_member):
    from tenants.programme.models import Commitment, Programme
    from tenants.site.models import SiteProfile

    with in_member(tetouan):
        SiteProfile.objects.update(name_tifinagh="ⵜⴰⵊⵎⴰⵄⵜ ⵏ ⵜⵉⵟⵟⴰⵡⵉⵏ")
        programme = Programme.objects.create(
            title_ar="برنامج الانفتاح",
            title_fr="Programme",
            title_zgh="ⴰⵖⴰⵡⴰⵙ ⵏ ⵓⵕⵥⵥⵓⵎ",
            period_start=2025,
            period_end=2027,
        )
        commitment = Commitment.objects.create(
            programme=programme, number=1, title_ar="نشر الميزانية", title_fr="Publier"
        )
        with translation.override("zgh"):
            assert (programme.title, programme.title.lang) == ("ⴰⵖⴰⵡⴰⵙ ⵏ ⵓⵕⵥⵥⵓⵎ", "zgh")
            assert (commitment.title, commitment.title.lang) == ("نشر الميزانية", "ar")
        with translation.override("ar"):
            assert programme.title == "برنامج الانفتاح"
    page = in_zgh(client_for(tetouan)).get("/").content.decode()
    assert re.search(r'<p class="member-name" lang="zgh" dir="auto">ⵜⴰⵊⵎⴰⵄⵜ ⵏ ⵜⵉⵟⵟⴰⵡⵉⵏ</p>', page)
    assert "ⴰⵖⴰⵡⴰⵙ ⵏ ⵓⵕⵥⵥⵓⵎ" in page


def test_the_amazigh_of_one_member_is_not_on_another(tetouan, tanger, client_for, in_member):
    from tenants.site.models import SiteProfile

    with in_member(tetouan):
        SiteProfile.objects.update(name_tifinagh="ⵜⵉⵟⵟⴰⵡⵉⵏ ⵜⴰⵏⵓⵎⴰⵍⵜ")
    assert "ⵜⵉⵟⵟⴰⵡⵉⵏ ⵜⴰⵏⵓⵎⴰⵍⵜ" in in_zgh(client_for(tetouan)).get("/").content.decode()
    assert "ⵜⵉⵟⵟⴰⵡⵉⵏ ⵜⴰⵏⵓⵎⴰⵍⵜ" not in in_zgh(client_for(tanger)).get("/").content.decode()


def test_the_review_file_lists_every_string_and_reads_back(tmp_path, monkeypatch):
    script = translations_script()
    review = tmp_path / "review.csv"
    count = script.review_write(review)
    with open(review, newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    assert len(rows) == count > 1000
    assert list(rows[0]) == script.REVIEW_COLUMNS
    by_msgid = {row["msgid"]: row for row in rows}
    home = by_msgid["Home"]
    assert (home["ar"], home["fr"], home["zgh"], home["required"]) == (
        "الرئيسية",
        "Accueil",
        "ⴰⵙⵏⵓⴱⴳ",
        "yes",
    )
    assert "tenants/site/templates/site/base_site.html" in home["used in"]
    assert rows[0]["required"] == "yes"  # the required strings come first

    # A reviewer corrects one string and translates another: both go to the JSON file.
    home["zgh"] = "ⴰⵙⵏⵓⴱⴳ ⴰⵎⴰⵜⴰⵢ"
    untranslated = next(row for row in rows if not row["zgh"] and not row["required"])
    untranslated["zgh"] = "ⴰⵎⴷⵢⴰ"
    with open(review, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=script.REVIEW_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    words_file = tmp_path / "amazigh.json"
    words_file.write_text(json.dumps({"Home": {"zgh": "ⴰⵙⵏⵓⴱⴳ"}, "Other": {"zgh": "ⴰ"}}))
    monkeypatch.setattr(script, "AMAZIGH_WORDS", words_file)
    assert script.review_import(review) >= 2
    words = json.loads(words_file.read_text())
    assert words["Home"] == {"zgh": "ⴰⵙⵏⵓⴱⴳ ⴰⵎⴰⵜⴰⵢ"}
    assert words[untranslated["msgid"]]["zgh"] in ("ⴰⵎⴷⵢⴰ", ["ⴰⵎⴷⵢⴰ"])
    assert words["Other"] == {"zgh": "ⴰ"}  # untouched
