"""The workspace's comment pages: the comments to act on first, hiding and publishing again with
a reason, the reasoned response; each in Arabic, in a constant number of queries, and nothing
of another member."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.consultations.models import Comment, ModerationEvent, Response
from tenants.consultations.services import comment_hide, comment_report, response_save
from tenants.consultations.tests.factories import comment_on, consultation_in, section_of
from kernel.actors import Actor


def _reported(consultation, body: str, reports: int = 1) -> Comment:
    comment = comment_on(consultation, body=body)
    for number in range(reports):
        comment_report(comment=comment, address=f"10.1.{reports}.{number}")
    comment.refresh_from_db()
    return comment


@pytest.fixture
def moderator(tetouan, staff_client):
    return staff_client(tetouan, "moderator")


def test_the_list_puts_reported_comments_first_then_those_awaiting_a_response(
    tetouan, in_member, moderator
):
    with in_member(tetouan):
        consultation = consultation_in()
        answered = comment_on(consultation, body="تعليق أجيب عنه من قبل", email="a@example.ma")
        response_save(
            comment=answered,
            kind=Response.Kind.ACCEPTED,
            by=Actor(name="أمينة"),
            reasoning_ar="سيؤخذ به.",
        )
        waiting = comment_on(
            consultation,
            body="تعليق ينتظر ردا معللا",
            email="b@example.ma",
            show_name=False,
            author_name="كريم الإدريسي",
        )
        reported = _reported(consultation, "تعليق مبلغ عنه ينتظر قرارا")
    response = moderator.get("/staff/comments/")
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        page.index("تعليق مبلغ عنه ينتظر قرارا")
        < page.index("تعليق ينتظر ردا معللا")
        < page.index("تعليق أجيب عنه من قبل")
    )
    assert "تبليغ واحد" in page and "في انتظار رد معلل" in page and "مقبول" in page
    assert "كريم الإدريسي" in page and "الاسم غير معروض للعموم" in page
    assert "b@example.ma" not in page  # a moderator never needs the author's e-mail
    assert f"/staff/comments/{reported.pk}/" in page and f"/staff/comments/{waiting.pk}/" in page


def test_the_list_filters_by_consultation_and_by_status(tetouan, in_member, moderator):
    with in_member(tetouan):
        first, second = consultation_in(), consultation_in(title_ar="استشارة حول الميزانية")
        comment_on(first, body="تعليق على المسودة الأولى")
        comment_on(second, body="تعليق على الميزانية")
        hidden = comment_on(second, body="تعليق مسيء أخفي", email="c@example.ma")
        comment_hide(comment=hidden, by=Actor(name="أمينة"), reason="سب وشتم")
    page = moderator.get(f"/staff/comments/?consultation={second.pk}").content.decode()
    assert "تعليق على الميزانية" in page and "تعليق على المسودة الأولى" not in page
    page = moderator.get("/staff/comments/?status=hidden").content.decode()
    assert "تعليق مسيء أخفي" in page and "تعليق على الميزانية" not in page
    page = moderator.get("/staff/comments/?status=waiting").content.decode()
    assert "تعليق مسيء أخفي" not in page and "تعليق على الميزانية" in page


def test_every_staff_role_moderates_comments(tetouan, staff_client):
    for role in ("focal_point", "editor", "moderator"):
        assert staff_client(tetouan, role).get("/staff/comments/").status_code == 200


def test_the_comment_page_shows_the_comment_its_reports_and_its_log(
    tetouan, in_member, moderator, staff_client
):
    with in_member(tetouan):
        consultation = consultation_in()
        section = section_of(consultation, title_ar="محور الشفافية")
        comment = _reported(consultation, "نص التعليق كاملا كما كتبه صاحبه", reports=2)
        Comment.objects.filter(pk=comment.pk).update(section=section, email="author@example.ma")
        comment_hide(comment=comment, by=Actor(name="مشرف سابق"), reason="معطيات شخصية")
    page = moderator.get(f"/staff/comments/{comment.pk}/").content.decode()
    assert "نص التعليق كاملا كما كتبه صاحبه" in page and "محور الشفافية" in page
    assert "معطيات شخصية" in page and "أخفاه مشرف" in page and "مشرف سابق" in page
    assert "author@example.ma" not in page
    assert "إعادة نشره" in page  # hidden by a moderator: it can be published again
    focal_page = staff_client(tetouan, "focal_point").get(f"/staff/comments/{comment.pk}/")
    assert "author@example.ma" in focal_page.content.decode()


def test_a_moderator_hides_a_comment_with_a_reason_and_the_public_no_longer_sees_it(
    tetouan, in_member, moderator, client_for
):
    with in_member(tetouan):
        consultation = consultation_in()
        comment = comment_on(consultation, body="تعليق فيه سب وشتم")
    response = moderator.post(
        f"/staff/comments/{comment.pk}/hide/",
        {"hide-reason": "يتضمن سبا لأحد المنتخبين"},
        follow=True,
    )
    assert response.redirect_chain == [(f"/staff/comments/{comment.pk}/", 302)]
    page = response.content.decode()
    assert 'role="status"' in page and "تم إخفاء التعليق من الصفحة العمومية" in page
    with in_member(tetouan):
        comment.refresh_from_db()
        event = comment.moderation_events.get()
    assert comment.status == Comment.Status.HIDDEN
    assert (event.action, event.reason) == (ModerationEvent.Action.HIDE, "يتضمن سبا لأحد المنتخبين")
    public = client_for(tetouan).get(f"/consultations/{consultation.pk}/").content.decode()
    assert "تعليق فيه سب وشتم" not in public


def test_hiding_without_a_reason_is_refused_in_arabic_and_changes_nothing(
    tetouan, in_member, moderator
):
    with in_member(tetouan):
        comment = comment_on(consultation_in(), body="تعليق عادي")
    response = moderator.post(f"/staff/comments/{comment.pk}/hide/", {"hide-reason": "  "})
    assert response.status_code == 400
    assert "اذكروا سبب هذا القرار." in response.content.decode()
    with in_member(tetouan):
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PUBLISHED
        assert not comment.moderation_events.exists()


def test_a_moderator_publishes_again_a_comment_hidden_by_reports(
    tetouan, in_member, moderator, settings
):
    settings.CONSULTATION_REPORTS_TO_HIDE = 1
    with in_member(tetouan):
        comment = _reported(consultation_in(), "تعليق أخفته التبليغات خطأ")
        assert comment.status == Comment.Status.HIDDEN
    page = moderator.get(f"/staff/comments/{comment.pk}/").content.decode()
    assert "الإبقاء عليه مخفيا" in page and "إعادة نشره" in page
    assert (
        moderator.post(f"/staff/comments/{comment.pk}/restore/", {"restore-reason": ""}).status_code
        == 400
    )
    response = moderator.post(
        f"/staff/comments/{comment.pk}/restore/",
        {"restore-reason": "لا يخالف قواعد الاستشارة"},
        follow=True,
    )
    assert "تمت إعادة نشر التعليق" in response.content.decode()
    with in_member(tetouan):
        comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED and comment.moderator_decided


def test_a_moderator_answers_a_comment_and_the_public_page_shows_the_response(
    tetouan, in_member, moderator, client_for
):
    with in_member(tetouan):
        consultation = consultation_in()
        comment = comment_on(consultation, body="أقترح نشر الميزانية بصيغة مفتوحة")
    response = moderator.post(
        f"/staff/comments/{comment.pk}/response/",
        {
            "response-kind": "partly",
            "response-reasoning_ar": "سننشر الميزانية بصيغة CSV ابتداء من 2027.",
            "response-reasoning_fr": "",
        },
        follow=True,
    )
    assert response.redirect_chain == [(f"/staff/comments/{comment.pk}/", 302)]
    assert "تم نشر الرد المعلل تحت التعليق." in response.content.decode()
    public = client_for(tetouan).get(f"/consultations/{consultation.pk}/").content.decode()
    assert "سننشر الميزانية بصيغة CSV ابتداء من 2027." in public and "مقبول جزئيا" in public

    # Changed: the page offers the response as it is, and the new one replaces it.
    page = moderator.get(f"/staff/comments/{comment.pk}/").content.decode()
    assert "تحيين الرد" in page and "سننشر الميزانية بصيغة CSV" in page
    moderator.post(
        f"/staff/comments/{comment.pk}/response/",
        {"response-kind": "accepted", "response-reasoning_fr": "Retenu tel quel."},
    )
    with in_member(tetouan):
        saved = Response.objects.get(comment=comment)
    assert (saved.kind, saved.reasoning_ar, saved.reasoning_fr) == (
        "accepted",
        "",
        "Retenu tel quel.",
    )


def test_a_response_without_reasons_or_kind_is_refused_in_arabic(tetouan, in_member, moderator):
    with in_member(tetouan):
        comment = comment_on(consultation_in(), body="تعليق")
    response = moderator.post(
        f"/staff/comments/{comment.pk}/response/", {"response-kind": "accepted"}
    )
    assert response.status_code == 400
    assert "اذكروا التعليل بالعربية أو بالفرنسية أو بهما معا." in response.content.decode()
    response = moderator.post(
        f"/staff/comments/{comment.pk}/response/", {"response-reasoning_ar": "تعليل"}
    )
    assert response.status_code == 400
    assert "يرجى اختيار الرد" in response.content.decode()
    with in_member(tetouan):
        assert not Response.objects.filter(comment=comment).exists()


def test_a_pending_comment_can_be_neither_hidden_nor_answered(tetouan, in_member, moderator):
    with in_member(tetouan):
        comment = comment_on(consultation_in(), body="تعليق لم يؤكد بعد", published=False)
    page = moderator.get(f"/staff/comments/{comment.pk}/").content.decode()
    assert "ينتظر هذا التعليق تأكيد صاحبه" in page and "hide-reason" not in page
    assert (
        moderator.post(f"/staff/comments/{comment.pk}/hide/", {"hide-reason": "سبب"}).status_code
        == 400
    )
    assert (
        moderator.post(
            f"/staff/comments/{comment.pk}/response/",
            {"response-kind": "accepted", "response-reasoning_ar": "تعليل"},
        ).status_code
        == 400
    )


def test_tetouans_staff_cannot_open_or_act_on_tangers_comments(
    tetouan, tanger, in_member, moderator
):
    with in_member(tanger):
        comment = comment_on(consultation_in(), body="تعليق في طنجة وحدها")
    assert moderator.get(f"/staff/comments/{comment.pk}/").status_code == 404
    assert (
        moderator.post(f"/staff/comments/{comment.pk}/hide/", {"hide-reason": "سبب"}).status_code
        == 404
    )
    assert (
        moderator.post(
            f"/staff/comments/{comment.pk}/response/",
            {"response-kind": "accepted", "response-reasoning_ar": "تعليل"},
        ).status_code
        == 404
    )
    assert "تعليق في طنجة وحدها" not in moderator.get("/staff/comments/").content.decode()
    with in_member(tanger):
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PUBLISHED
        assert not Response.objects.exists()


def test_the_pages_need_a_staff_sign_in(tetouan, in_member, client_for):
    with in_member(tetouan):
        comment = comment_on(consultation_in())
    for path in ("/staff/comments/", f"/staff/comments/{comment.pk}/"):
        response = client_for(tetouan).get(path)
        assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_list_makes_a_constant_number_of_queries(tetouan, in_member, moderator):
    moderator.get("/staff/comments/")
    counts = []
    for volume in (1, 12):
        with in_member(tetouan):
            consultation = consultation_in()
            section = section_of(consultation)
            for number in range(volume):
                comment = _reported(consultation, f"تعليق {volume}-{number}")
                Comment.objects.filter(pk=comment.pk).update(section=section)
                response_save(
                    comment=comment, kind="accepted", by=Actor(name="أمينة"), reasoning_ar="نعم"
                )
        counts.append(_queries(moderator, "/staff/comments/"))
    assert counts[0] == counts[1] <= 20


def test_the_comment_page_makes_a_constant_number_of_queries(tetouan, in_member, moderator):
    counts = []
    for volume in (1, 12):
        with in_member(tetouan):
            comment = _reported(consultation_in(), f"تعليق {volume}", reports=volume)
            for number in range(volume):
                comment_hide(comment=comment, by=Actor(name="أمينة"), reason=f"سبب {number}")
            response_save(
                comment=comment, kind="accepted", by=Actor(name="أمينة"), reasoning_ar="نعم"
            )
        moderator.get(f"/staff/comments/{comment.pk}/")
        counts.append(_queries(moderator, f"/staff/comments/{comment.pk}/"))
    assert counts[0] == counts[1] <= 20


def test_the_comment_page_reads_in_french(tetouan, in_member, moderator, settings):
    with in_member(tetouan):
        comment = comment_on(consultation_in(), body="Je propose un budget ouvert.")
    moderator.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = moderator.get(f"/staff/comments/{comment.pk}/").content.decode()
    assert "Masquer le commentaire" in page and "Publier la réponse" in page
    assert "Motifs en français" in page and 'lang="fr"' in page
