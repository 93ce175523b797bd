"""The public pages: the list with the phase and the counts, proposing an idea, supporting and
commenting through the e-mailed link, the idea's answer and path, the programme's pages;
Arabic first, hostile input harmless, limits, constant queries whatever the volume."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citizens.limits import PUBLIC_WRITE_LIMITS
from tenants.ideas import services
from tenants.ideas.models import Answer, Idea, IdeaComment, Status, Support
from tenants.ideas.tests.factories import (
    close_collection,
    cocreated_programme,
    comment_of,
    commitment_factory,
    idea_on,
    support_of,
)
from kernel.actors import Actor

FORM = {
    "principle": "transparency_integrity",
    "title": "نشر محاضر الدورات",
    "body": "أقترح نشر محاضر دورات المجلس في أجل أسبوع.",
    "author_name": "سعاد العلمي",
    "show_name": "on",
    "association": "",
    "email": "souad@example.ma",
    "website": "",
}


@pytest.fixture
def programme(tetouan, in_member):
    with in_member(tetouan):
        return cocreated_programme()


@pytest.fixture
def browser(tetouan, client_for):
    return client_for(tetouan)


def _ideas(tetouan, in_member) -> list[Idea]:
    with in_member(tetouan):
        return list(Idea.objects.order_by("pk"))


def test_the_list_shows_published_ideas_the_phase_and_the_counts(
    tetouan, in_member, browser, programme
):
    with in_member(tetouan):
        first = idea_on(programme, title="فكرة منشورة أولى")
        support_of(first, "a@example.ma")
        support_of(first, "b@example.ma")
        support_of(first, "c@example.ma", confirmed=False)
        second = idea_on(programme, title="فكرة عن الرقمنة", principle="digitalization")
        services.idea_answer(
            idea=second,
            answer=Answer.NOT_RETAINED,
            by=Actor(name="أمينة"),
            reasons_ar="خارج اختصاص الجماعة",
        )
        idea_on(programme, title="فكرة في انتظار التأكيد", published=False)
        hidden = idea_on(programme, title="فكرة مخفية")
        services.idea_hide(idea=hidden, by=Actor(name="أمينة"), reason="إشهار")
    page = browser.get("/ideas/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "فكرة منشورة أولى" in page and "فكرة عن الرقمنة" in page
    assert "فكرة في انتظار التأكيد" not in page and "فكرة مخفية" not in page
    assert "اقتراح فكرة" in page and "مرحلة الإعداد المشترك" in page
    assert "دعمان" in page  # two confirmed supports, the pending one not counted
    assert "غير معتمدة" in page and "50%" in page  # one of two answered
    filtered = browser.get("/ideas/?principle=digitalization").content.decode()
    assert "فكرة عن الرقمنة" in filtered and "فكرة منشورة أولى" not in filtered
    waiting = browser.get("/ideas/?state=waiting").content.decode()
    assert "فكرة منشورة أولى" in waiting and "فكرة عن الرقمنة" not in waiting


def test_without_a_programme_the_page_says_ideas_will_come(browser):
    page = browser.get("/ideas/").content.decode()
    assert "ستجمع الأفكار خلال إعداده المشترك" in page
    assert browser.get("/ideas/new/").status_code == 200


def test_a_citizen_proposes_an_idea_confirms_it_and_the_next_one_is_published_at_once(
    tetouan, in_member, browser, client_for, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = browser.post("/ideas/new/", FORM, follow=True)
    assert sent.status_code == 200
    assert "تفقدوا بريدكم الإلكتروني" in sent.content.decode()
    [idea] = _ideas(tetouan, in_member)
    assert idea.status == Status.PENDING and idea.language == "ar"
    assert mail.outbox[-1].to == ["souad@example.ma"]
    assert "نشر محاضر الدورات" in mail.outbox[-1].body and "أكدوا فكرتكم" in mail.outbox[-1].subject
    link = mail.outbox[-1].body.split("http://")[1].split()[0].split("/", 1)[1]
    confirmed = browser.get(f"/{link}")
    assert confirmed.status_code == 200 and "نشرت فكرتكم" in confirmed.content.decode()
    assert confirmed["Referrer-Policy"] == "no-referrer"
    assert browser.get(f"/{link}").status_code == 400  # once
    with django_capture_on_commit_callbacks(execute=True):
        again = browser.post("/ideas/new/", {**FORM, "title": "فكرة ثانية"})
    second = _ideas(tetouan, in_member)[-1]
    assert second.status == Status.PUBLISHED and again["Location"] == f"/ideas/{second.pk}/"
    page = browser.get(again["Location"]).content.decode()
    assert "شكرا لكم: نشرت فكرتكم." in page and 'role="status"' in page
    assert "souad@example.ma" in page  # their own browser prefills it; nobody else sees it
    assert "souad@example.ma" not in client_for(tetouan).get(again["Location"]).content.decode()


def test_bad_input_gets_arabic_errors_and_writes_nothing(tetouan, in_member, browser, programme):
    answer = browser.post("/ideas/new/", {**FORM, "principle": "", "title": ""})
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "هناك مشكلة" in page and "اختاروا المبدأ الذي تخدمه فكرتكم." in page
    fake = SimpleUploadedFile("budget.pdf", b"<svg onload=alert(1)></svg>")
    refused = browser.post("/ideas/new/", {**FORM, "attachment": fake})
    assert refused.status_code == 400
    assert "هذا النوع من الملفات غير مقبول" in refused.content.decode()
    bot = browser.post("/ideas/new/", {**FORM, "website": "http://spam.example"})
    assert bot.status_code == 400
    assert _ideas(tetouan, in_member) == []


def test_hostile_text_is_harmless(tetouan, in_member, browser, programme):
    with in_member(tetouan):
        idea = idea_on(
            programme,
            title="عنوان <img src=x onerror=alert(1)>",
            body="نص\"><script>alert('x')</script>",
        )
    page = browser.get(f"/ideas/{idea.pk}/").content.decode()
    assert "<script>alert" not in page and "onerror" not in page and "عنوان" in page


def test_too_many_ideas_from_one_address_are_refused(
    tetouan, in_member, browser, programme, django_capture_on_commit_callbacks
):
    limit = PUBLIC_WRITE_LIMITS["ideas:idea"].per_address
    for number in range(limit):
        with django_capture_on_commit_callbacks(execute=True):
            browser.post(
                "/ideas/new/", {**FORM, "email": f"p{number}@example.ma"}, REMOTE_ADDR="10.9.9.9"
            )
    refused = browser.post(
        "/ideas/new/", {**FORM, "email": "late@example.ma"}, REMOTE_ADDR="10.9.9.9"
    )
    assert refused.status_code == 429 and "بعد ساعة" in refused.content.decode()
    assert len(_ideas(tetouan, in_member)) == limit


def test_support_and_comment_through_the_idea_page(
    tetouan, in_member, browser, programme, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        idea = idea_on(programme, title="فكرة للدعم")
    with django_capture_on_commit_callbacks(execute=True):
        sent = browser.post(f"/ideas/{idea.pk}/support/", {"support-email": "fatima@example.ma"})
    assert sent.status_code == 302 and sent["Location"].endswith("#support")
    link = mail.outbox[-1].body.split("http://")[1].split()[0].split("/", 1)[1]
    assert "أكدوا دعمكم" in mail.outbox[-1].subject
    assert "احتسب دعمكم" in browser.get(f"/{link}").content.decode()
    # The address is now confirmed in this browser: the comment is published at once.
    commented = browser.post(
        f"/ideas/{idea.pk}/comments/",
        {
            "comment-body": "أساند هذه الفكرة",
            "comment-author_name": "فاطمة",
            "comment-show_name": "on",
            "comment-email": "fatima@example.ma",
        },
        follow=True,
    )
    page = commented.content.decode()
    assert "شكرا لكم: نشر تعليقكم." in page and "أساند هذه الفكرة" in page
    assert "شخص واحد يدعم هذه الفكرة." in page
    again = browser.post(f"/ideas/{idea.pk}/support/", {"support-email": "fatima@example.ma"})
    assert again.status_code == 400
    assert "هذا العنوان يدعم هذه الفكرة من قبل." in again.content.decode()
    with in_member(tetouan):
        assert Support.objects.filter(idea=idea, confirmed_at__isnull=False).count() == 1
        assert IdeaComment.objects.get().status == Status.PUBLISHED


def test_the_answer_and_the_path_are_public(tetouan, in_member, browser, programme):
    with in_member(tetouan):
        commitment = commitment_factory(programme, title_ar="نشر الميزانية المفتوحة")
        idea = idea_on(programme, title="ميزانية مفتوحة")
        services.idea_answer(idea=idea, answer=Answer.UNDER_STUDY, by=Actor(name="أمينة"))
        services.idea_answer(
            idea=idea,
            answer=Answer.RETAINED,
            by=Actor(name="أمينة"),
            commitment=commitment,
            reasons_ar="أدرجت في البرنامج.",
        )
        twin = idea_on(programme, title="ميزانية بصيغة CSV")
        services.idea_answer(
            idea=twin, answer=Answer.MERGED, by=Actor(name="أمينة"), merged_into=idea
        )
    page = browser.get(f"/ideas/{idea.pk}/").content.decode()
    assert "أصبحت هذه الفكرة الالتزام:" in page and "نشر الميزانية المفتوحة" in page
    assert f"/programme/commitments/{commitment.pk}/" in page and "أدرجت في البرنامج." in page
    path = page[page.index("مسار الفكرة") :]
    assert path.index("اقترحت") < path.index("قيد الدراسة") < path.index("معتمدة")
    assert path.count("الجواب الرسمي:") == 2 and "ميزانية بصيغة CSV" in page
    twin_page = browser.get(f"/ideas/{twin.pk}/").content.decode()
    assert "أدمجت هذه الفكرة في:" in twin_page and f"/ideas/{idea.pk}/" in twin_page
    programme_page = browser.get("/programme/").content.decode()
    assert "ميزانية مفتوحة" in programme_page and "اعتمدت فكرة واحدة للمواطنين" in programme_page
    commitment_page = browser.get(f"/programme/commitments/{commitment.pk}/").content.decode()
    assert "أفكار المواطنين التي انبثق عنها" in commitment_page
    assert "ميزانية مفتوحة" in commitment_page


def test_a_closed_phase_keeps_everything_readable_and_takes_nothing(
    tetouan, in_member, browser, programme
):
    with in_member(tetouan):
        idea = idea_on(programme, title="فكرة من مرحلة الإعداد")
        comment_of(idea, body="تعليق قديم")
        close_collection(programme)
    listing = browser.get("/ideas/").content.decode()
    assert "فكرة من مرحلة الإعداد" in listing and "أغلق باب تلقي الأفكار" in listing
    assert "/ideas/new/" not in listing
    page = browser.get(f"/ideas/{idea.pk}/").content.decode()
    assert "تعليق قديم" in page and "أغلق باب" in page
    assert f"/ideas/{idea.pk}/support/" not in page and f"/ideas/{idea.pk}/comments/" not in page
    assert "أغلق باب" in browser.get("/ideas/new/").content.decode()
    assert browser.post("/ideas/new/", FORM).status_code == 403
    assert (
        browser.post(f"/ideas/{idea.pk}/support/", {"support-email": "x@example.ma"}).status_code
        == 403
    )
    with in_member(tetouan):
        assert Idea.objects.count() == 1 and not Support.objects.exists()


def test_a_pending_or_hidden_idea_is_not_found(tetouan, in_member, browser, programme):
    with in_member(tetouan):
        pending = idea_on(programme, published=False)
        hidden = idea_on(programme, title="مخفية")
        services.idea_hide(idea=hidden, by=Actor(name="أمينة"), reason="معطيات شخصية")
    for idea in (pending, hidden):
        assert browser.get(f"/ideas/{idea.pk}/").status_code == 404
        assert browser.post(f"/ideas/{idea.pk}/support/", {}).status_code == 404


def test_reporting_an_idea_and_a_comment(tetouan, in_member, browser, programme):
    with in_member(tetouan):
        idea = idea_on(programme)
        comment = comment_of(idea)
    assert browser.post(f"/ideas/{idea.pk}/report/").status_code == 302
    assert browser.post(f"/ideas/comments/{comment.pk}/report/").status_code == 302
    with in_member(tetouan):
        idea.refresh_from_db()
        comment.refresh_from_db()
    assert idea.report_count == 1 and comment.report_count == 1


def test_the_api_lists_published_ideas_without_personal_data(
    tetouan, in_member, browser, programme
):
    with in_member(tetouan):
        idea = idea_on(programme, show_name=False, email="secret@example.ma")
        comment_of(idea, email="reader-secret@example.ma")
        idea_on(programme, title="غير مؤكدة", published=False)
    listing = browser.get("/api/ideas/")
    assert listing.status_code == 200 and listing.json()["count"] == 1
    detail = browser.get(f"/api/ideas/{idea.pk}/")
    body = detail.content.decode()
    assert detail.json()["comment_count"] == 1 and detail.json()["path"][0]["kind"] == "published"
    assert "secret@example.ma" not in body and "أمينة" not in body


def _queries(browser, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(path).status_code == 200
    return len(captured)


def _more_ideas(programme, count: int, commitment) -> Idea:
    ideas = [idea_on(programme, title=f"فكرة {n}", email=f"p{n}@example.ma") for n in range(count)]
    for number, idea in enumerate(ideas):
        support_of(idea, f"s{number}@example.ma")
        comment_of(idea, email=f"c{number}@example.ma")
        if number % 3 == 0:
            services.idea_answer(
                idea=idea, answer=Answer.RETAINED, by=Actor(name="أمينة"), commitment=commitment
            )
    return ideas[0]


def test_the_list_and_the_idea_page_take_the_same_queries_at_3_and_50_ideas(
    tetouan, in_member, browser, programme, django_assert_max_num_queries
):
    with in_member(tetouan):
        commitment = commitment_factory(programme)
        idea = _more_ideas(programme, 3, commitment)
    small_list, small_page = _queries(browser, "/ideas/"), _queries(browser, f"/ideas/{idea.pk}/")
    with in_member(tetouan):
        for number in range(47):
            comment_of(idea, email=f"more{number}@example.ma")
        _more_ideas(programme, 47, commitment)
    with django_assert_max_num_queries(small_list):
        browser.get("/ideas/")
    with django_assert_max_num_queries(small_page):
        browser.get(f"/ideas/{idea.pk}/")
    with django_assert_max_num_queries(_queries(browser, "/programme/")):
        browser.get("/programme/")
