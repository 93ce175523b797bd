"""A consultation of Tétouan never shows at Tanger; a link or a member of staff of Tétouan
means nothing at Tanger."""

import json

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token

from tenants.consultations.models import Comment, ModerationEvent, Response
from tenants.consultations.tests.factories import comment_on, consultation_in, staff_user
from tenants.consultations.tokens import comment_token_make

TITLE = "استشارة تطوان حول مسودة البرنامج"
BODY = "تعليق من تطوان على المسودة"


@pytest.fixture
def tetouan_comment(tetouan, in_member) -> Comment:
    with in_member(tetouan):
        return comment_on(consultation_in(title_ar=TITLE), body=BODY)


def test_pages_of_tetouan_are_not_at_tanger(tetouan, tanger, client_for, tetouan_comment):
    pk = tetouan_comment.consultation_id
    assert TITLE in client_for(tetouan).get("/consultations/").content.decode()
    assert BODY in client_for(tetouan).get(f"/consultations/{pk}/").content.decode()
    tanger_browser = client_for(tanger)
    assert TITLE not in tanger_browser.get("/consultations/").content.decode()
    assert tanger_browser.get(f"/consultations/{pk}/").status_code == 404
    assert (
        tanger_browser.post(f"/consultations/comments/{tetouan_comment.pk}/report/").status_code
        == 404
    )


def test_the_api_of_tanger_knows_nothing_of_tetouan(tanger, client_for, tetouan_comment):
    client = client_for(tanger)
    assert client.get("/api/consultations/").json()["count"] == 0
    pk = tetouan_comment.consultation_id
    assert client.get(f"/api/consultations/{pk}/").status_code == 404
    assert client.post(f"/api/consultations/{pk}/comments/", {}).status_code == 404
    assert (
        client.post(f"/api/consultations/comments/{tetouan_comment.pk}/report/").status_code == 404
    )


def test_a_link_of_tetouan_is_worthless_at_tanger(tetouan, tanger, in_member, client_for):
    with in_member(tetouan):
        pending = comment_on(consultation_in(), published=False, body=BODY)
        token = comment_token_make(pending.pk)
    with in_member(tanger):  # Tanger has a pending comment with the very same id
        twin = comment_on(consultation_in(), published=False, body="تعليق من طنجة")
        Comment.objects.filter(pk=twin.pk).update(id=pending.pk)
    refused = client_for(tanger).get(f"/consultations/verify/{token}/")
    assert refused.status_code == 400
    with in_member(tanger):
        assert Comment.objects.get(pk=pending.pk).status == Comment.Status.PENDING
    assert client_for(tetouan).get(f"/consultations/verify/{token}/").status_code == 200


def test_a_confirmed_address_at_tetouan_is_not_confirmed_at_tanger(
    tetouan, tanger, in_member, client_for, sent_link, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        tetouan_consultation = consultation_in()
    with in_member(tanger):
        tanger_consultation = consultation_in()
    form = {"body": "رأيي", "author_name": "سعاد", "email": "souad@example.ma"}
    tetouan_browser = client_for(tetouan)
    with django_capture_on_commit_callbacks(execute=True):
        tetouan_browser.post(f"/consultations/{tetouan_consultation.pk}/", form)
    tetouan_browser.get(sent_link())
    tanger_browser = client_for(tanger)
    tanger_browser.cookies = tetouan_browser.cookies  # the same session cookie, replayed
    with django_capture_on_commit_callbacks(execute=True):
        tanger_browser.post(f"/consultations/{tanger_consultation.pk}/", form)
    assert len(mail.outbox) == 2  # Tanger sends its own link
    with in_member(tanger):
        assert Comment.objects.get().status == Comment.Status.PENDING


def test_staff_of_tetouan_cannot_moderate_or_respond_at_tanger(
    tetouan, tanger, in_member, client_for, staff_client
):
    with in_member(tanger):
        tanger_comment = comment_on(consultation_in())
    with in_member(tetouan):
        token = Token.objects.create(user=staff_user("moderator", "moderator-token")).key
    tetouan_browser = staff_client(tetouan, "moderator")
    tanger_browser = client_for(tanger)
    tanger_browser.cookies = tetouan_browser.cookies
    moderation = f"/api/consultations/comments/{tanger_comment.pk}/moderation/"
    response = f"/api/consultations/comments/{tanger_comment.pk}/response/"
    hide = json.dumps({"decision": "hide", "reason": "x"})
    answer = json.dumps({"kind": "accepted", "reasoning_ar": "x"})
    for client, extra in (
        (tanger_browser, {}),
        (client_for(tanger), {"HTTP_AUTHORIZATION": f"Token {token}"}),
    ):
        assert client.post(
            moderation, hide, content_type="application/json", **extra
        ).status_code in (401, 403)
        assert client.put(
            response, answer, content_type="application/json", **extra
        ).status_code in (401, 403)
        assert client.get("/api/consultations/comments/", **extra).status_code in (401, 403)
    assert (
        tanger_browser.get(f"/admin/consultations/comment/{tanger_comment.pk}/change/").status_code
        == 302
    )  # Tanger's login page
    with in_member(tanger):
        assert Comment.objects.get().status == Comment.Status.PUBLISHED
        assert not ModerationEvent.objects.exists() and not Response.objects.exists()
