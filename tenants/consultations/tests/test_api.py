"""The API: anyone reads and comments (confirmed by e-mail) and reports; staff respond and
moderate by role; no e-mail and no withheld name ever in a public answer."""

import json

import pytest
from django.core import mail
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import _load_enum_name_overrides
from drf_spectacular.settings import patched_settings

from tenants.consultations.models import Comment, ModerationEvent, Response
from citizens.limits import PUBLIC_WRITE_LIMITS
from tenants.consultations.services import response_save
from tenants.consultations.tests.factories import (
    close,
    comment_on,
    consultation_in,
    section_of,
    staff_user,
)
from kernel.actors import Actor

NEW_COMMENT = {
    "body": "أقترح إضافة مؤشرات لقياس التقدم",
    "author_name": "حسناء",
    "show_name": False,
    "email": "hasnaa@example.ma",
}


@pytest.fixture
def consultation(tetouan, in_member):
    with in_member(tetouan):
        consultation = consultation_in(title_fr="Consultation ouverte")
        section = section_of(consultation, "الالتزام الأول")
        signed = comment_on(
            consultation,
            section=section,
            author_name="سعاد",
            body="تعليق موقع",
            email="souad@example.ma",
        )
        comment_on(
            consultation,
            author_name="يوسف",
            show_name=False,
            body="تعليق بلا اسم",
            email="youssef@example.ma",
        )
        comment_on(consultation, published=False, body="تعليق ينتظر", email="wait@example.ma")
        response_save(
            comment=signed,
            kind=Response.Kind.ACCEPTED,
            by=Actor(name="focal@example.ma"),
            reasoning_ar="سيعتمد",
        )
    return consultation


def post(client, path_: str, data: dict | None = None, **extra):
    return client.post(path_, json.dumps(data or {}), content_type="application/json", **extra)


def test_anyone_reads_the_list_open_ones_first(tetouan, in_member, client_for, consultation):
    with in_member(tetouan):
        consultation_in(-30, -1, title_fr="Fermée")
        consultation_in(5, 30, title_fr="À venir")
    data = client_for(tetouan).get("/api/consultations/").json()
    assert [(c["title_fr"], c["state"]) for c in data["results"]] == [
        ("Consultation ouverte", "open"),
        ("À venir", "upcoming"),
        ("Fermée", "closed"),
    ]
    assert data["results"][0]["comment_count"] == 2


def test_the_detail_has_published_comments_without_e_mails_or_withheld_names(
    tetouan, client_for, consultation
):
    response = client_for(tetouan).get(f"/api/consultations/{consultation.pk}/")
    data = response.json()
    assert [c["body"] for c in data["comments"]] == ["تعليق موقع", "تعليق بلا اسم"]
    signed, anonymous = data["comments"]
    assert signed["author"] == "سعاد" and signed["response"]["kind"] == "accepted"
    assert "by" not in signed["response"]
    assert anonymous["name_shown"] is False and anonymous["response"] is None
    text = response.content.decode()
    assert "@example.ma" not in text and "يوسف" not in text and "تعليق ينتظر" not in text
    assert data["response_share"] == {"comments": 2, "answered": 1, "percent": 50}
    assert data["summary"] is None and data["sections"][0]["title_ar"] == "الالتزام الأول"


def test_the_summary_once_closed(tetouan, in_member, client_for, consultation):
    with in_member(tetouan):
        close(consultation)
    summary = client_for(tetouan).get(f"/api/consultations/{consultation.pk}/").json()["summary"]
    assert [
        (row["section"] is None, row["comments"], row["answered"]) for row in summary["by_section"]
    ] == [(True, 1, 0), (False, 1, 1)]


def test_a_comment_through_the_api_waits_for_its_link(
    tetouan, in_member, client_for, consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client_for(tetouan),
            f"/api/consultations/{consultation.pk}/comments/",
            {**NEW_COMMENT, "body": "<script>x</script>أقترح"},
        )
    assert response.status_code == 202 and "detail" in response.json()
    assert mail.outbox[-1].to == ["hasnaa@example.ma"]
    with in_member(tetouan):
        comment = Comment.objects.get(email="hasnaa@example.ma")
    assert comment.status == Comment.Status.PENDING and comment.body == "أقترح"


def test_the_api_never_trusts_a_session(
    tetouan, in_member, client_for, consultation, sent_link, django_capture_on_commit_callbacks
):
    browser = client_for(tetouan)
    with django_capture_on_commit_callbacks(execute=True):
        post(browser, f"/api/consultations/{consultation.pk}/comments/", NEW_COMMENT)
    assert browser.get(sent_link()).status_code == 200  # the address is confirmed in the session
    with django_capture_on_commit_callbacks(execute=True):
        post(browser, f"/api/consultations/{consultation.pk}/comments/", NEW_COMMENT)
    with in_member(tetouan):
        assert list(
            Comment.objects.filter(email="hasnaa@example.ma")
            .values_list("status", flat=True)
            .order_by("pk")
        ) == ["published", "pending"]


@pytest.mark.parametrize("opens, closes", [(2, 10), (-10, -1)])
def test_no_comment_outside_the_window(tetouan, in_member, client_for, opens, closes):
    with in_member(tetouan):
        consultation = consultation_in(opens, closes)
    response = post(
        client_for(tetouan), f"/api/consultations/{consultation.pk}/comments/", NEW_COMMENT
    )
    assert response.status_code == 403 and response.json()["detail"]


def test_bad_comments_are_refused(tetouan, in_member, client_for, consultation):
    client = client_for(tetouan)
    url = f"/api/consultations/{consultation.pk}/comments/"
    with in_member(tetouan):
        other_section = section_of(consultation_in()).pk
    for data, field in (
        ({**NEW_COMMENT, "website": "spam"}, "website"),
        ({**NEW_COMMENT, "section": other_section}, "section"),
        ({**NEW_COMMENT, "body": "<b></b>"}, "body"),
        ({**NEW_COMMENT, "email": "nope"}, "email"),
    ):
        response = post(client, url, data)
        assert response.status_code == 400 and field in response.json(), data
    assert post(client, "/api/consultations/999999/comments/", NEW_COMMENT).status_code == 404
    with in_member(tetouan):
        assert not Comment.objects.filter(email="hasnaa@example.ma").exists()


def test_comments_are_rate_limited(tetouan, client_for, consultation):
    client = client_for(tetouan)
    url = f"/api/consultations/{consultation.pk}/comments/"
    per_person = PUBLIC_WRITE_LIMITS["consultations:comment"].per_email
    statuses = [post(client, url, NEW_COMMENT).status_code for _ in range(per_person + 1)]
    assert statuses == [202] * per_person + [429]


def test_anyone_reports_and_three_reports_hide(tetouan, in_member, client_for, consultation):
    client = client_for(tetouan)
    with in_member(tetouan):
        pk = Comment.objects.get(body="تعليق بلا اسم").pk
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        assert (
            post(
                client, f"/api/consultations/comments/{pk}/report/", REMOTE_ADDR=address
            ).status_code
            == 202
        )
    assert post(client, f"/api/consultations/comments/{pk}/report/").status_code == 404
    bodies = [
        c["body"] for c in client.get(f"/api/consultations/{consultation.pk}/").json()["comments"]
    ]
    assert bodies == ["تعليق موقع"]


def test_reports_are_rate_limited(tetouan, in_member, client_for, consultation):
    with in_member(tetouan):
        pk = Comment.objects.get(body="تعليق موقع").pk
    statuses = {
        post(client_for(tetouan), f"/api/consultations/comments/{pk}/report/").status_code
        for _ in range(11)
    }
    assert statuses == {202, 429}


def test_a_moderator_hides_and_restores_with_a_reason(
    tetouan, in_member, staff_client, consultation
):
    client = staff_client(tetouan, "moderator")
    with in_member(tetouan):
        pk = Comment.objects.get(body="تعليق بلا اسم").pk
    url = f"/api/consultations/comments/{pk}/moderation/"
    assert post(client, url, {"decision": "hide", "reason": ""}).status_code == 400
    hidden = post(client, url, {"decision": "hide", "reason": "تعليق مسيء"})
    assert hidden.status_code == 200 and hidden.json()["status"] == "hidden"
    restored = post(client, url, {"decision": "restore", "reason": "بعد المراجعة"})
    assert restored.json()["status"] == "published"
    assert [(e["action"], e["reason"], e["by"]) for e in restored.json()["moderation_events"]] == [
        ("restore", "بعد المراجعة", "مشرف"),
        ("hide", "تعليق مسيء", "مشرف"),
    ]
    assert post(client, url, {"decision": "restore", "reason": "مرة أخرى"}).status_code == 400


def test_staff_see_every_comment_with_its_e_mail(tetouan, staff_client, client_for, consultation):
    data = (
        staff_client(tetouan, "moderator").get("/api/consultations/comments/?status=pending").json()
    )
    assert [(c["body"], c["email"]) for c in data["results"]] == [
        ("تعليق ينتظر", "wait@example.ma")
    ]
    assert client_for(tetouan).get("/api/consultations/comments/").status_code == 403


@pytest.mark.parametrize("role", ["focal_point", "editor", "moderator"])
def test_staff_publish_a_reasoned_response(tetouan, in_member, staff_client, consultation, role):
    client = staff_client(tetouan, role)
    with in_member(tetouan):
        pk = Comment.objects.get(body="تعليق بلا اسم").pk
    url = f"/api/consultations/comments/{pk}/response/"
    put = client.put(
        url,
        {"kind": "not_retained", "reasoning_ar": "لا يدخل في اختصاص الجماعة"},
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    assert put.json()["response"]["kind"] == "not_retained"
    assert (
        put.json()["response"]["by"]
        == {"focal_point": "نقطة الارتكاز", "editor": "محرر", "moderator": "مشرف"}[role]
    )
    assert client.put(url, {"kind": "accepted"}, content_type="application/json").status_code == 400


def test_someone_without_a_role_can_neither_moderate_nor_respond(
    tetouan, in_member, client_for, consultation
):
    with in_member(tetouan):
        pk = Comment.objects.get(body="تعليق بلا اسم").pk
        nobody = staff_user("moderator", "former")
        nobody.staff_membership.delete()
        signed_in = client_for(tetouan)
        signed_in.force_login(nobody)  # the session lives in Tétouan's schema
    anonymous = client_for(tetouan)
    for client in (anonymous, signed_in):
        assert (
            post(
                client,
                f"/api/consultations/comments/{pk}/moderation/",
                {"decision": "hide", "reason": "x"},
            ).status_code
            == 403
        )
        assert (
            client.put(
                f"/api/consultations/comments/{pk}/response/",
                {"kind": "accepted", "reasoning_ar": "x"},
                content_type="application/json",
            ).status_code
            == 403
        )
    with in_member(tetouan):
        assert not ModerationEvent.objects.exists()
        assert Response.objects.count() == 1


# To add to SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]: other apps have a "state", a "kind"...
ENUM_NAME_OVERRIDES = {
    "ConsultationStateEnum": "tenants.consultations.models.Consultation.State",
    "ConsultationCommentStatusEnum": "tenants.consultations.models.Comment.Status",
    "ConsultationResponseKindEnum": "tenants.consultations.models.Response.Kind",
    "ModerationActionEnum": "tenants.consultations.models.ModerationEvent.Action",
    "ModerationDecisionEnum": "tenants.consultations.models.ModerationDecision",
}


def test_the_schema_has_no_warnings_for_consultations(capsys, settings):
    """The consultations API alone (drf-spectacular names the view's file in its warnings)."""
    GENERATOR_STATS.reset()
    overrides = {**settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"], **ENUM_NAME_OVERRIDES}
    generator = SchemaGenerator(patterns=[path("api/", include("tenants.consultations.api_urls"))])
    _load_enum_name_overrides.cache_clear()  # drf-spectacular caches them
    try:
        with patched_settings({"ENUM_NAME_OVERRIDES": overrides}):
            schema = generator.get_schema(request=None, public=True)
    finally:
        _load_enum_name_overrides.cache_clear()
    assert set(ENUM_NAME_OVERRIDES) <= set(schema["components"]["schemas"])
    assert {
        "/api/consultations/",
        "/api/consultations/{id}/",
        "/api/consultations/{id}/comments/",
        "/api/consultations/comments/{id}/moderation/",
        "/api/consultations/comments/{id}/response/",
        "/api/consultations/comments/{id}/report/",
    } <= set(schema["paths"])
    assert capsys.readouterr().err == ""
