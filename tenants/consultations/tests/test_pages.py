"""The public pages: the list, a consultation with its form, the one-time link, the report
button; Arabic first, hostile input harmless, limits and the honeypot."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tenants.consultations.models import Comment, Consultation, Response
from citizens.limits import PUBLIC_WRITE_LIMITS
from tenants.consultations.services import response_save
from tenants.consultations.tests.factories import close, comment_on, consultation_in, section_of
from kernel.page_cache import content_changed
from kernel.actors import Actor

COMMENTS = PUBLIC_WRITE_LIMITS["consultations:comment"]
FORM = {
    "body": "أقترح نشر محاضر الدورات في أجل أسبوع",
    "author_name": "سعاد العلمي",
    "show_name": "on",
    "email": "souad@example.ma",
    "website": "",
}


@pytest.fixture
def open_consultation(tetouan, in_member) -> Consultation:
    with in_member(tetouan):
        consultation = consultation_in(
            title_ar="استشارة حول مسودة البرنامج", title_fr="Consultation sur le projet"
        )
        section_of(consultation, "نشر الميزانية", text_ar="نص الالتزام الأول")
    return consultation


@pytest.fixture
def browser(tetouan, client_for):
    return client_for(tetouan)


def url(consultation: Consultation) -> str:
    return f"/consultations/{consultation.pk}/"


def send(browser, consultation, django_capture_on_commit_callbacks, address="127.0.0.1", **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return browser.post(url(consultation), {**FORM, **fields}, REMOTE_ADDR=address)


def comments_of(tetouan, in_member) -> list[Comment]:
    with in_member(tetouan):
        return list(Comment.objects.order_by("pk"))


def test_the_list_shows_open_consultations_first(tetouan, in_member, browser):
    with in_member(tetouan):
        consultation_in(-30, -2, title_ar="استشارة منتهية")
        consultation_in(3, 20, title_ar="استشارة قادمة")
        consultation_in(-1, 5, title_ar="استشارة مفتوحة")
    text = browser.get("/consultations/").content.decode()
    assert '<html lang="ar" dir="rtl">' in text
    assert text.index("استشارة مفتوحة") < text.index("استشارة قادمة") < text.index("استشارة منتهية")


def test_the_list_is_cached_and_shows_a_new_consultation_at_once(
    tetouan, in_member, browser, page_cache
):
    assert "استشارة جديدة" not in browser.get("/consultations/").content.decode()
    with in_member(tetouan):
        consultation_in(title_ar="استشارة جديدة")
        content_changed()  # what the commit would do
    assert "استشارة جديدة" in browser.get("/consultations/").content.decode()


def test_an_open_consultation_shows_its_text_sections_and_form(
    tetouan, in_member, open_consultation, browser
):
    response = browser.get(url(open_consultation))
    text = response.content.decode()
    assert response.status_code == 200
    assert "استشارة حول مسودة البرنامج" in text and "Consultation sur le projet" not in text
    assert "نص الالتزام الأول" in text and "csrfmiddlewaretoken" in text
    assert 'name="website"' in text and 'aria-hidden="true"' in text
    with in_member(tetouan):
        section = open_consultation.sections.get()
    assert f'href="?section={section.pk}#comment-form"' in text
    assert browser.get(f"{url(open_consultation)}?section={section.pk}").context["form"][
        "section"
    ].value() == str(section.pk)


@pytest.mark.parametrize("opens, closes", [(2, 10), (-10, -1)])
def test_before_and_after_the_window_nothing_is_received(
    tetouan, in_member, browser, opens, closes, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        consultation = consultation_in(opens, closes)
    page = browser.get(url(consultation))
    assert page.status_code == 200 and page.context["form"] is None
    assert 'id="comment-form"' not in page.content.decode()
    refused = send(browser, consultation, django_capture_on_commit_callbacks)
    assert refused.status_code == 403
    assert 'class="alert alert-' in refused.content.decode()
    assert comments_of(tetouan, in_member) == [] and mail.outbox == []


def test_a_comment_from_the_page_to_the_link_and_again_without_a_link(
    tetouan, in_member, open_consultation, browser, sent_link, django_capture_on_commit_callbacks
):
    sent = send(browser, open_consultation, django_capture_on_commit_callbacks)
    assert sent.status_code == 302 and sent["Location"].endswith("#comment-form")
    [comment] = comments_of(tetouan, in_member)
    assert comment.status == Comment.Status.PENDING
    page = browser.get(url(open_consultation)).content.decode()
    assert "alert-info" in page and FORM["body"] not in page  # "check your e-mail"
    assert mail.outbox[-1].to == ["souad@example.ma"]
    assert "http://tetouan.localhost/consultations/verify/" in mail.outbox[-1].body
    assert (
        "مرحبا سعاد العلمي" in mail.outbox[-1].body
        and "«استشارة حول مسودة البرنامج»" in mail.outbox[-1].body
        and mail.outbox[-1].subject.startswith("أكدوا تعليقكم")
    )

    landing = browser.get(sent_link())
    assert landing.status_code == 200 and landing["Referrer-Policy"] == "no-referrer"
    assert FORM["body"] in browser.get(url(open_consultation)).content.decode()

    again = send(
        browser,
        open_consultation,
        django_capture_on_commit_callbacks,
        body="ملاحظة ثانية",
        email="SOUAD@example.ma",
    )
    assert again.status_code == 302 and len(mail.outbox) == 1  # no new link
    assert [c.status for c in comments_of(tetouan, in_member)] == ["published", "published"]
    assert "ملاحظة ثانية" in browser.get(url(open_consultation)).content.decode()


def test_a_link_works_once(
    tetouan,
    in_member,
    open_consultation,
    browser,
    client_for,
    sent_link,
    django_capture_on_commit_callbacks,
):
    send(browser, open_consultation, django_capture_on_commit_callbacks)
    link = sent_link()
    assert browser.get(link).status_code == 200
    second = client_for(tetouan).get(link)  # e.g. someone else who got hold of the link
    assert second.status_code == 400 and "alert-warning" in second.content.decode()
    assert "consultations:verified_email" not in second.wsgi_request.session


def test_a_damaged_link_gets_a_clear_page(browser):
    response = browser.get("/consultations/verify/not-a-token/")
    assert response.status_code == 400 and "alert-warning" in response.content.decode()


def test_a_withheld_name_is_not_on_the_page(tetouan, in_member, open_consultation, browser):
    with in_member(tetouan):
        comment_on(
            open_consultation,
            author_name="يوسف بنعلي",
            show_name=False,
            email="youssef@example.ma",
            body="تعليق بدون اسم",
        )
        comment_on(open_consultation, author_name="سعاد العلمي", body="تعليق باسم")
    text = browser.get(url(open_consultation)).content.decode()
    assert "تعليق بدون اسم" in text and "يوسف" not in text and "youssef@" not in text
    with translation.override("ar"):
        assert translation.gettext("Participant") in text
    assert "سعاد العلمي" in text and "@example.ma" not in text


def test_hostile_html_is_stripped_and_escaped(
    tetouan, in_member, open_consultation, browser, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        comment_on(
            open_consultation,
            author_name='<img src=x onerror="alert(1)">سعاد',
            body="<script>alert('x')</script>رأي & اقتراح <b>مهم</b>",
        )
    text = browser.get(url(open_consultation)).content.decode()
    assert "<script>alert" not in text and "onerror" not in text and "<b>مهم" not in text
    assert "رأي &amp; اقتراح مهم" in text


def test_the_honeypot_refuses_robots(
    tetouan, in_member, open_consultation, browser, django_capture_on_commit_callbacks
):
    response = send(
        browser,
        open_consultation,
        django_capture_on_commit_callbacks,
        website="http://spam.example",
    )
    assert response.status_code == 400
    assert comments_of(tetouan, in_member) == [] and mail.outbox == []


def test_a_person_is_limited_per_hour(
    tetouan, in_member, open_consultation, browser, django_capture_on_commit_callbacks
):
    for _ in range(COMMENTS.per_email):
        assert (
            send(browser, open_consultation, django_capture_on_commit_callbacks).status_code == 302
        )
    refused = send(browser, open_consultation, django_capture_on_commit_callbacks)
    assert refused.status_code == 429 and "alert-danger" in refused.content.decode()
    assert len(comments_of(tetouan, in_member)) == COMMENTS.per_email
    other = send(
        browser, open_consultation, django_capture_on_commit_callbacks, email="other@example.ma"
    )
    assert other.status_code == 302


def test_an_address_is_limited_per_hour(
    tetouan, in_member, open_consultation, browser, django_capture_on_commit_callbacks
):
    for number in range(COMMENTS.per_address):
        send(
            browser,
            open_consultation,
            django_capture_on_commit_callbacks,
            email=f"person{number}@example.ma",
        )
    refused = send(
        browser, open_consultation, django_capture_on_commit_callbacks, email="one-more@example.ma"
    )
    assert refused.status_code == 429
    elsewhere = send(
        browser,
        open_consultation,
        django_capture_on_commit_callbacks,
        email="one-more@example.ma",
        address="10.1.1.1",
    )
    assert elsewhere.status_code == 302


def test_three_reports_hide_a_comment(tetouan, in_member, open_consultation, browser):
    with in_member(tetouan):
        comment = comment_on(open_consultation, body="تعليق مسيء")
    report = f"/consultations/comments/{comment.pk}/report/"
    assert browser.get(report).status_code == 405
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        assert "تعليق مسيء" in browser.get(url(open_consultation)).content.decode()
        response = browser.post(report, REMOTE_ADDR=address)
        assert response.status_code == 302 and response["Location"].endswith(
            f"#comment-{comment.pk}"
        )
    assert "تعليق مسيء" not in browser.get(url(open_consultation)).content.decode()
    assert browser.post(report, REMOTE_ADDR="10.0.0.4").status_code == 404


def test_reports_are_limited_per_address(tetouan, in_member, open_consultation, browser):
    with in_member(tetouan):
        comments = [comment_on(open_consultation, body=f"تعليق {n}") for n in range(11)]
    for comment in comments:
        browser.post(f"/consultations/comments/{comment.pk}/report/")
    with in_member(tetouan):
        assert [c.report_count for c in Comment.objects.order_by("pk")] == [1] * 10 + [0]


def test_the_report_button_needs_the_csrf_token(tetouan, in_member, open_consultation, client_for):
    with in_member(tetouan):
        comment = comment_on(open_consultation)
    strict = Client(HTTP_HOST=client_for(tetouan).defaults["HTTP_HOST"], enforce_csrf_checks=True)
    assert strict.post(f"/consultations/comments/{comment.pk}/report/").status_code == 403


def test_the_share_of_responses_and_the_summary_once_closed(
    tetouan, in_member, open_consultation, browser
):
    with in_member(tetouan):
        section = open_consultation.sections.get()
        answered = comment_on(open_consultation, section=section, body="على القسم")
        comment_on(open_consultation, body="على النص كاملا")
        comment_on(open_consultation, published=False, email="pending@example.ma")
        response_save(
            comment=answered,
            kind=Response.Kind.ACCEPTED,
            by=Actor(name="نقطة الارتكاز"),
            reasoning_ar="سيعتمد الاقتراح في الصيغة النهائية",
        )
    page = browser.get(url(open_consultation))
    assert (page.context["share"].comments, page.context["share"].answered) == (2, 1)
    text = page.content.decode()
    assert 'aria-valuenow="50"' in text and "سيعتمد الاقتراح في الصيغة النهائية" in text
    assert "summary" not in page.context
    with in_member(tetouan):
        close(open_consultation)
    closed = browser.get(url(open_consultation))
    summary = closed.context["summary"]
    assert [(row.comments, row.answered) for row in summary.by_section] == [(1, 0), (1, 1)]
    assert [row.comments for row in summary.by_response] == [1, 0, 0, 1]
    assert 'id="summary-title"' in closed.content.decode()


def test_the_page_in_french(tetouan, in_member, open_consultation, browser):
    browser.cookies["django_language"] = "fr"
    text = browser.get(url(open_consultation)).content.decode()
    assert '<html lang="fr" dir="ltr">' in text and "Consultation sur le projet" in text


def test_an_unknown_consultation_is_404(browser):
    assert browser.get("/consultations/999999/").status_code == 404


@pytest.mark.parametrize(
    "language, expected", [("ar", "الاستشارات العمومية"), ("fr", "Consultations publiques")]
)
def test_the_pages_are_translated(
    tetouan, in_member, open_consultation, browser, language, expected
):
    with in_member(tetouan):
        comment_on(open_consultation, show_name=False)
    browser.cookies["django_language"] = language
    for page in (browser.get("/consultations/"), browser.get(url(open_consultation))):
        text = page.content.decode()
        assert expected in text
        leftovers = [
            english
            for english in (
                "Public consultations",
                "Open for comments",
                "Give your opinion",
                "Report this comment",
                "Participant<",
                "The whole text",
                "Comments<",
            )
            if english in text
        ]
        assert leftovers == []


def test_the_page_reads_in_constant_queries(tetouan, in_member, open_consultation, browser):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert browser.get(url(open_consultation)).status_code == 200
        return len(captured)

    with in_member(tetouan):
        comment_on(open_consultation)
    queries()  # the member's profile and the routing are cached from now on
    few = queries()
    with in_member(tetouan):
        for number in range(5):
            comment = comment_on(
                open_consultation, section=section_of(open_consultation, f"قسم {number}")
            )
            response_save(
                comment=comment, kind=Response.Kind.PARTLY, by=Actor(name="x"), reasoning_ar="سبب"
            )
    assert queries() == few
    with in_member(tetouan):
        close(open_consultation)
    assert queries() <= few  # closed: the summary, but no form
    assert browser.get(url(open_consultation))["Cache-Control"].startswith("max-age=0")


def test_the_e_mail_is_in_the_language_of_the_page(
    tetouan, in_member, open_consultation, browser, django_capture_on_commit_callbacks
):
    browser.cookies["django_language"] = "fr"
    send(browser, open_consultation, django_capture_on_commit_callbacks, author_name="Souad")
    assert mail.outbox[-1].body.startswith("Bonjour Souad,")
    assert "« Consultation sur le projet »" in mail.outbox[-1].body
