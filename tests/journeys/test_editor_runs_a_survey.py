"""An editor builds a workshop's evaluation in the workspace (a single choice, a scale with
labelled ends, a long text) and opens it; a citizen answers it on a phone, is told first what
is missing, then sees the confirmation at the top; the editor reads the results, as a chart
and a table, with the free answer listed."""

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from tests.journeys.conftest import DESKTOP

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

TITLE = "تقييم ورشة الإعداد المشترك لبرنامج الانفتاح"


def _add_question(page, kind: str, text: str, **fields) -> None:
    form = page.get_by_role("form", name="إضافة سؤال")
    if not form.is_visible():
        page.locator("#add-question summary").click()
    form.get_by_label("نوع الجواب").select_option(kind)
    form.get_by_label("السؤال (بالعربية)").fill(text)
    for label, value in fields.items():
        form.get_by_label(label).fill(value)
    form.get_by_role("button", name="إضافة السؤال").click()
    expect(page.get_by_role("status")).to_contain_text("تمت إضافة السؤال")


def test_an_editor_builds_a_survey_a_citizen_answers_it_and_the_editor_reads_the_results(
    journey_member, staff_page, citizen_page
):
    editor = staff_page("editor")
    editor.get_by_role("link", name="الاستبيانات").click()
    editor.get_by_role("link", name="إعداد استبيان").click()
    editor.locator("#id_title_ar").fill(TITLE)
    editor.locator("#id_description_ar").fill("شكرا على مشاركتكم. يستغرق هذا الاستبيان دقيقتين.")
    editor.get_by_role("button", name="إنشاء الاستبيان").click()
    expect(editor.get_by_role("status")).to_contain_text("تم إنشاء الاستبيان كمسودة")

    _add_question(
        editor,
        "single_choice",
        "كيف علمتم بالورشة؟",
        **{
            "الاختيارات (بالعربية)، اختيار في كل سطر": "موقع الجماعة\nجمعية\nوسائل التواصل الاجتماعي"
        },
    )
    _add_question(
        editor,
        "scale",
        "ما مدى رضاكم عن تنظيم الورشة؟",
        **{"وصف الدرجة 1 (بالعربية)": "غير راض", "وصف الدرجة 5 (بالعربية)": "راض جدا"},
    )
    _add_question(editor, "long_text", "ما هي اقتراحاتكم؟")
    expect(editor.locator(".staff-questions > li")).to_have_count(3)
    editor.get_by_role("button", name="فتح الاستبيان").click()
    expect(editor.get_by_role("status")).to_contain_text("تم نشر الاستبيان")
    expect(editor.locator(".survey-state")).to_have_text("مفتوح للإجابة")
    assert fits_the_screen(editor)
    editor.screenshot(path=ARTIFACTS / "staff-survey-built-ar.png", full_page=True)

    citizen = citizen_page()
    citizen.goto(journey_member.url("/surveys/"))
    citizen.get_by_role("link", name=TITLE).click()
    citizen.get_by_role("button", name="إرسال أجوبتي").click()  # nothing answered
    summary = citizen.locator("#error-summary")
    expect(summary).to_contain_text("هناك مشكلة")
    expect(summary).to_contain_text("كيف علمتم بالورشة؟: يرجى اختيار جواب.")
    assert fits_the_screen(citizen)
    citizen.screenshot(path=ARTIFACTS / "survey-errors-phone-ar.png", full_page=True)
    citizen.get_by_label("موقع الجماعة").check()
    citizen.locator(".survey-scale label", has_text="4").click()
    citizen.get_by_label("ما هي اقتراحاتكم؟").fill("نشر الوثائق قبل الورشة بأسبوع.")
    citizen.get_by_role("button", name="إرسال أجوبتي").click()
    expect(citizen.get_by_role("status")).to_contain_text("شكرا لكم: تم تسجيل أجوبتكم.")
    assert fits_the_screen(citizen)
    citizen.screenshot(path=ARTIFACTS / "survey-answered-phone-ar.png", full_page=True)

    editor.set_viewport_size(DESKTOP)
    editor.get_by_role("link", name="النتائج").first.click()
    expect(editor.locator(".survey-respondents")).to_have_text("أجاب شخص واحد.")
    first = editor.locator(".survey-result").first
    expect(first.get_by_role("row", name="موقع الجماعة")).to_contain_text("100 %")
    expect(first.locator("canvas")).to_be_visible()
    expect(editor.locator(".survey-texts")).to_contain_text("نشر الوثائق قبل الورشة بأسبوع.")
    editor.screenshot(path=ARTIFACTS / "staff-survey-results-ar.png", full_page=True)
