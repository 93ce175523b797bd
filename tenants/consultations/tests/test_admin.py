"""The back office: consultations with their sections; moderation and responses through the
services, so every decision is logged with its reason."""

import pytest

from tenants.consultations.models import Comment, Consultation, ModerationEvent, Response
from tenants.consultations.services import comment_hide
from tenants.consultations.tests.factories import comment_on, consultation_in, section_of
from tenants.programme.tests.factories import commitment_factory, programme_factory
from kernel.actors import Actor


def management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def comment_form(comment: Comment, events: int = 0, **fields) -> dict:
    """The POST of a comment's change form: the decision, the response, the (read-only) log."""
    data = {
        "decision": "",
        "reason": "",
        **management("response"),
        **management("moderation_events", events, events),
    }
    for index, event in enumerate(comment.moderation_events.order_by("-at", "-pk")[:events]):
        data.update(
            {
                f"moderation_events-{index}-id": event.pk,
                f"moderation_events-{index}-comment": comment.pk,
            }
        )
    return {**data, **fields}


def consultation_form(sections: list[dict] = (), initial: int = 0, **fields) -> dict:
    data = {
        "title_ar": "",
        "title_fr": "",
        "opens_at_0": "2030-03-01",
        "opens_at_1": "09:00",
        "closes_at_0": "2030-03-31",
        "closes_at_1": "23:00",
        "programme": "",
        "document": "",
        "description_ar": "",
        "description_fr": "",
        **management("sections", len(sections), initial),
        **fields,
    }
    for index, section in enumerate(sections):
        data.update({f"sections-{index}-{name}": value for name, value in section.items()})
    return data


@pytest.fixture
def comment(tetouan, in_member) -> Comment:
    with in_member(tetouan):
        return comment_on(consultation_in(), body="تعليق للمراجعة")


def test_a_consultation_is_added_with_its_sections(tetouan, in_member, staff_client):
    with in_member(tetouan):
        programme = programme_factory()
        commitment = commitment_factory(programme, 1, title_ar="نشر الميزانية")
    response = staff_client(tetouan, "editor").post(
        "/admin/consultations/consultation/add/",
        consultation_form(
            [{"title_ar": "مقدمة", "number": ""}, {"commitment": commitment.pk, "number": ""}],
            title_ar="استشارة حول المسودة",
            programme=programme.pk,
        ),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    with in_member(tetouan):
        consultation = Consultation.objects.get()
        assert [(s.number, s.title_ar) for s in consultation.sections.all()] == [
            (1, "مقدمة"),
            (2, "نشر الميزانية"),
        ]


def test_a_consultation_that_closes_before_it_opens_is_not_saved(tetouan, in_member, staff_client):
    response = staff_client(tetouan, "editor").post(
        "/admin/consultations/consultation/add/",
        consultation_form(title_ar="استشارة", closes_at_0="2030-02-01"),
    )
    assert response.status_code == 200
    with in_member(tetouan):
        assert not Consultation.objects.exists()


def test_sections_for_every_commitment_in_one_action(tetouan, in_member, staff_client):
    with in_member(tetouan):
        programme = programme_factory()
        for number in (1, 2, 3):
            commitment_factory(programme, number)
        consultation = consultation_in(programme=programme)
    response = staff_client(tetouan, "focal_point").post(
        "/admin/consultations/consultation/",
        {"action": "add_commitment_sections", "_selected_action": [consultation.pk]},
    )
    assert response.status_code == 302
    with in_member(tetouan):
        assert consultation.sections.filter(commitment__isnull=False).count() == 3


def test_a_section_with_comments_is_not_deleted(tetouan, in_member, staff_client):
    with in_member(tetouan):
        consultation = consultation_in(title_ar="استشارة")
        section = section_of(consultation, "القسم")
        comment_on(consultation, section=section)
    data = consultation_form(
        [
            {
                "id": section.pk,
                "consultation": consultation.pk,
                "number": 1,
                "title_ar": "القسم",
                "DELETE": "on",
            }
        ],
        initial=1,
        title_ar="استشارة",
    )
    response = staff_client(tetouan, "editor").post(
        f"/admin/consultations/consultation/{consultation.pk}/change/", data
    )
    assert response.status_code == 200  # the form again, with the error
    with in_member(tetouan):
        assert consultation.sections.exists()


def test_a_moderator_hides_with_a_reason_in_the_back_office(
    tetouan, in_member, staff_client, comment
):
    admin = staff_client(tetouan, "moderator")
    url = f"/admin/consultations/comment/{comment.pk}/change/"
    page = admin.get(url)
    assert page.status_code == 200 and "citizen@example.ma" in page.content.decode()
    without_reason = admin.post(url, comment_form(comment, decision="hide"))
    assert without_reason.status_code == 200
    assert (
        admin.post(url, comment_form(comment, decision="hide", reason="تعليق مسيء")).status_code
        == 302
    )
    with in_member(tetouan):
        event = ModerationEvent.objects.get()
        assert (event.action, event.reason, event.by) == (
            "hide",
            "تعليق مسيء",
            "مشرف",
        )  # the role, never an e-mail
        assert Comment.objects.get().status == Comment.Status.HIDDEN


def test_a_moderator_restores_in_the_back_office(tetouan, in_member, staff_client, comment):
    with in_member(tetouan):
        comment_hide(comment=comment, by=Actor(name="other"), reason="بلاغات")
        data = comment_form(comment, events=1, decision="restore", reason="لا إساءة فيه")
    response = staff_client(tetouan, "moderator").post(
        f"/admin/consultations/comment/{comment.pk}/change/", data
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    with in_member(tetouan):
        assert Comment.objects.get().status == Comment.Status.PUBLISHED
        assert ModerationEvent.objects.first().action == "restore"


def test_staff_respond_in_the_back_office(tetouan, in_member, staff_client, comment):
    data = comment_form(
        comment,
        **{
            "response-TOTAL_FORMS": 1,
            "response-0-kind": "partly",
            "response-0-reasoning_ar": "سيؤخذ جزء منه بعين الاعتبار",
            "response-0-reasoning_fr": "",
        },
    )
    response = staff_client(tetouan, "editor").post(
        f"/admin/consultations/comment/{comment.pk}/change/", data
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    with in_member(tetouan):
        answer = Response.objects.get()
        assert (answer.kind, answer.by) == ("partly", "محرر")


def test_comments_are_neither_added_nor_deleted_in_the_back_office(tetouan, staff_client, comment):
    admin = staff_client(tetouan, "focal_point")
    listing = admin.get("/admin/consultations/comment/", {"status__exact": "published"})
    assert listing.status_code == 200 and "تعليق للمراجعة" in listing.content.decode()
    assert admin.get("/admin/consultations/comment/add/").status_code == 403
    assert admin.get(f"/admin/consultations/comment/{comment.pk}/delete/").status_code == 403
    assert admin.get("/admin/consultations/moderationevent/").status_code == 200


def test_a_consultation_that_received_comments_is_kept(tetouan, in_member, staff_client):
    with in_member(tetouan):
        consultation = consultation_in(title_ar="استشارة")
        comment_on(consultation, section=section_of(consultation, "القسم"))
        empty = consultation_in(title_ar="استشارة فارغة")
        section_of(empty, "القسم")
    admin = staff_client(tetouan, "focal_point")
    for page in (
        "/admin/consultations/consultation/",
        "/admin/consultations/consultation/add/",
        f"/admin/consultations/consultation/{consultation.pk}/change/",
    ):
        assert admin.get(page).status_code == 200, page
    for target, expected in ((consultation, 200), (empty, 302)):  # 200: "cannot delete"
        response = admin.post(
            f"/admin/consultations/consultation/{target.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == expected
    with in_member(tetouan):
        assert list(Consultation.objects.all()) == [consultation]
        assert Comment.objects.count() == 1
