"""The workspace's idea pages: the ideas awaiting an answer first, the official answer, hiding
with a reason, comments moderated; opened and saved in Arabic, e-mails for the focal point
only, the inbox, the menu."""

import pytest

from tenants.ideas import services
from tenants.ideas.models import Answer, Event, Idea, IdeaComment, Status
from tenants.ideas.tests.factories import (
    cocreated_programme,
    comment_of,
    commitment_factory,
    idea_on,
)
from kernel.actors import Actor


@pytest.fixture
def programme(tetouan, in_member):
    with in_member(tetouan):
        return cocreated_programme()


@pytest.fixture
def focal_point(tetouan, staff_client):
    return staff_client(tetouan, "focal_point")


def test_the_list_puts_ideas_awaiting_an_answer_first(tetouan, in_member, programme, focal_point):
    with in_member(tetouan):
        answered = idea_on(programme, title="فكرة أجيب عنها")
        services.idea_answer(
            idea=answered,
            answer=Answer.NOT_RETAINED,
            by=Actor(name="أمينة"),
            reasons_ar="خارج الاختصاص",
        )
        idea_on(programme, title="فكرة تنتظر جوابا")
        idea_on(programme, title="فكرة غير مؤكدة", published=False)
    response = focal_point.get("/staff/ideas/")
    page = response.content.decode()
    assert response.status_code == 200 and '<html lang="ar" dir="rtl">' in page
    assert page.index("فكرة تنتظر جوابا") < page.index("فكرة أجيب عنها")
    assert "في انتظار جواب" in page and "غير معتمدة" in page
    waiting = focal_point.get("/staff/ideas/?state=waiting").content.decode()
    assert "فكرة تنتظر جوابا" in waiting and "فكرة أجيب عنها" not in waiting
    pending = focal_point.get("/staff/ideas/?state=pending").content.decode()
    assert "فكرة غير مؤكدة" in pending and "فكرة تنتظر جوابا" not in pending


def test_who_opens_the_idea_pages(tetouan, staff_client, client_for):
    for role in ("focal_point", "editor"):
        assert staff_client(tetouan, role).get("/staff/ideas/").status_code == 200
    assert staff_client(tetouan, "moderator").get("/staff/ideas/").status_code == 403
    assert client_for(tetouan).get("/staff/ideas/")["Location"].startswith("/staff/sign-in/")


def test_the_menu_and_the_inbox_show_ideas_awaiting_an_answer(
    tetouan, in_member, programme, focal_point
):
    with in_member(tetouan):
        idea_on(programme, title="فكرة تنتظر جوابا في صندوق الوارد")
    page = focal_point.get("/staff/").content.decode()
    assert 'href="/staff/ideas/"' in page
    assert "أفكار في انتظار جواب رسمي" in page and "فكرة تنتظر جوابا في صندوق الوارد" in page


def test_the_focal_point_answers_retained_with_its_commitment(
    tetouan, in_member, programme, focal_point
):
    with in_member(tetouan):
        commitment = commitment_factory(programme, title_ar="نشر الميزانية المفتوحة")
        idea = idea_on(programme, email="author@example.ma")
    page = focal_point.get(f"/staff/ideas/{idea.pk}/").content.decode()
    assert "author@example.ma" in page and "نشر الميزانية المفتوحة" in page
    saved = focal_point.post(
        f"/staff/ideas/{idea.pk}/answer/",
        {
            "answer-answer": "retained",
            "answer-commitment": commitment.pk,
            "answer-reasons_ar": "أدرجت في البرنامج.",
        },
        follow=True,
    )
    assert saved.status_code == 200
    assert "نشر الجواب الرسمي في صفحة الفكرة." in saved.content.decode()
    with in_member(tetouan):
        idea.refresh_from_db()
        assert idea.answer == Answer.RETAINED and idea.commitment_id == commitment.pk
        event = idea.events.get(kind=Event.Kind.ANSWERED)
    assert event.by == "أمينة العلوي" or event.by  # the actor's name, or their role's label


def test_not_retained_without_reasons_is_refused_in_arabic(
    tetouan, in_member, programme, focal_point
):
    with in_member(tetouan):
        idea = idea_on(programme)
    refused = focal_point.post(f"/staff/ideas/{idea.pk}/answer/", {"answer-answer": "not_retained"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "اذكروا أسباب عدم اعتماد الفكرة" in page and "هناك مشكلة" in page
    retained = focal_point.post(f"/staff/ideas/{idea.pk}/answer/", {"answer-answer": "retained"})
    assert retained.status_code == 400
    assert "اختاروا التزام البرنامج الذي أصبحت عليه هذه الفكرة." in retained.content.decode()
    with in_member(tetouan):
        idea.refresh_from_db()
        assert idea.answer == "" and not idea.events.filter(kind=Event.Kind.ANSWERED).exists()


def test_an_editor_sees_no_email_and_hides_an_idea_and_a_comment_with_a_reason(
    tetouan, in_member, programme, staff_client
):
    editor = staff_client(tetouan, "editor")
    with in_member(tetouan):
        idea = idea_on(programme, email="author@example.ma")
        comment = comment_of(idea, body="تعليق مسيء", email="reader@example.ma")
    page = editor.get(f"/staff/ideas/{idea.pk}/").content.decode()
    assert "author@example.ma" not in page and "reader@example.ma" not in page
    refused = editor.post(
        f"/staff/ideas/comments/{comment.pk}/hide/", {f"c{comment.pk}-reason": ""}
    )
    assert refused.status_code == 400 and "اذكروا سبب هذا القرار." in refused.content.decode()
    hidden = editor.post(
        f"/staff/ideas/comments/{comment.pk}/hide/", {f"c{comment.pk}-reason": "سب وشتم"}
    )
    assert hidden.status_code == 302 and hidden["Location"].endswith(f"#comment-{comment.pk}")
    editor.post(f"/staff/ideas/{idea.pk}/hide/", {"hide-reason": "إشهار"})
    with in_member(tetouan):
        assert IdeaComment.objects.get(pk=comment.pk).status == Status.HIDDEN
        assert Idea.objects.get(pk=idea.pk).status == Status.HIDDEN
    page = editor.get(f"/staff/ideas/{idea.pk}/").content.decode()
    assert "سب وشتم" in page and "إشهار" in page and "إعادة نشره" in page
    restored = editor.post(f"/staff/ideas/{idea.pk}/restore/", {"restore-reason": "خطأ"})
    assert restored.status_code == 302


def test_an_unknown_idea_is_not_found(focal_point):
    assert focal_point.get("/staff/ideas/999999/").status_code == 404
    assert focal_point.post("/staff/ideas/999999/answer/", {}).status_code == 404
