"""Every 500 once reachable from outside (issue 12) is a clear 4xx: without an account, or as
staff. One test per finding; tests/test_schemathesis.py looks for the ones nobody listed."""

import json
import logging

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from tenants.consultations.tests.factories import comment_on, consultation_in
from tenants.information_requests.tests.factories import REQUESTER, filed
from tenants.notifications.models import Subscriber

NEW_REQUEST = {**REQUESTER, "information_wanted": "أطلب لائحة الصفقات العمومية لسنة 2025."}


# --- the network's API: session authentication only ------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/", "/api/schema/", "/api/news/", "/api/snapshots/", "/api/members/"]
)
def test_a_token_header_on_the_portal_s_api_is_refused_not_a_500(client_for, network, db, path):
    """DRF's tokens live in members' schemas: the public schema has no `authtoken_token`."""
    response = client_for(None).get(path, HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert response.status_code in (200, 401, 403), response.status_code


def test_the_portal_s_openapi_document_advertises_the_session_only(client_for, network, db):
    schema = client_for(None).get("/api/schema/", {"format": "json"}).json()
    assert set(schema["components"]["securitySchemes"]) == {"cookieAuth"}
    assert "tokenAuth" not in json.dumps(schema)


def test_a_member_s_api_still_takes_its_own_tokens(tetouan, client_for, in_member):
    from django.contrib.auth.models import User
    from rest_framework.authtoken.models import Token

    with in_member(tetouan):
        user = User.objects.create_user("robot@example.ma", is_staff=True)
        token = Token.objects.create(user=user)
    client = client_for(tetouan)
    assert client.get("/api/documents/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    # DRF answers 403 rather than 401 when session authentication comes first.
    assert client.get("/api/documents/", HTTP_AUTHORIZATION="Token wrong").status_code in (401, 403)


def _api_views(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _api_views(pattern.url_patterns, route)
        elif route.startswith("api/") and hasattr(pattern.callback, "cls"):
            yield route, pattern.callback


def test_every_view_of_the_network_s_api_authenticates_by_session_only():
    from django.urls import get_resolver
    from rest_framework.authentication import SessionAuthentication

    views = list(_api_views(get_resolver("config.urls_public").url_patterns))
    assert len(views) > 10
    for route, view in views:
        classes = view.initkwargs.get("authentication_classes", view.cls.authentication_classes)
        assert list(classes) in ([SessionAuthentication], []), route


# --- malformed bodies and query strings --------------------------------------------------------


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_a_json_body_nested_very_deep_is_a_400(tetouan, client_for, depth):
    response = client_for(tetouan).post(
        "/api/information-requests/", deep_json(depth), content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_json_body_nested_very_deep_on_the_portal_is_a_400(network_client):
    response = network_client("directorate").post(
        "/api/news/", deep_json(1_000), content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "member, path",
    [
        (True, "/documents/?q=%00"),
        (True, "/api/documents/?q=%00"),
        (True, "/api/commitments/?principle=%00"),
        (True, "/api/commitments/?%00=1"),
        (False, "/api/snapshots/?region=%00"),
        (False, "/api/members/?q=a%00b"),
    ],
)
def test_a_nul_byte_in_a_query_string_is_a_400(tetouan, client_for, network_client, member, path):
    client = client_for(tetouan) if member else network_client("directorate")
    response = client.get(path)
    assert response.status_code == 400
    if "/api/" in path:
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_a_nul_byte_in_a_multipart_field_is_a_400(tetouan, staff_client):
    client = staff_client(tetouan, "focal_point")
    response = client.post(
        "/api/documents/",
        {
            "category": "budget_accounts",
            "title_ar": "ميزانية\x002026",
            "link": "https://example.ma/b.pdf",
        },
    )
    assert response.status_code == 400


def test_a_nul_byte_in_a_multipart_field_on_the_portal_is_a_400(network_client):
    """A related field looked up by its value: the NUL reached PostgreSQL (a 500)."""
    response = network_client("directorate").post(
        "/api/best-practices/", {"title_ar": "ممارسة", "state": "draft", "member": "01\x00"}
    )
    assert response.status_code == 400


def test_a_nul_byte_in_a_form_field_of_a_page_is_a_400(tetouan, client_for):
    response = client_for(tetouan).post(
        "/notifications/", {"email": "a\x00@example.ma", "topics": ["programme"]}
    )
    assert response.status_code == 400


def test_a_nul_byte_in_a_json_string_is_a_400(tetouan, client_for):
    body = json.dumps({**NEW_REQUEST, "requester_name": "x\x00y", "id_document": "cin\x00"})
    response = client_for(tetouan).post(
        "/api/information-requests/", body, content_type="application/json"
    )
    assert response.status_code == 400


# --- missing fields ---------------------------------------------------------------------------


def test_filing_a_request_without_an_identity_document_is_a_400_with_the_field(tetouan, client_for):
    given = {key: value for key, value in NEW_REQUEST.items() if key != "id_document"}
    response = client_for(tetouan).post(
        "/api/information-requests/", given, content_type="application/json"
    )
    assert response.status_code == 400
    assert "id_document" in response.json()


def test_an_extension_without_a_reason_is_a_400_with_the_field(tetouan, staff_client, in_member):
    with in_member(tetouan):
        information_request = filed(today=None)
    client = staff_client(tetouan, "focal_point")
    response = client.post(
        f"/api/information-requests/{information_request.pk}/transition/",
        {"action": "extend"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "reason" in response.json()


@pytest.mark.parametrize("role", [None, "focal_point"])
def test_options_on_the_comment_response_endpoint_answers(
    tetouan, client_for, staff_client, in_member, role
):
    with in_member(tetouan):
        comment = comment_on(consultation_in())
    client = staff_client(tetouan, role) if role else client_for(tetouan)
    response = client.options(f"/api/consultations/comments/{comment.pk}/response/")
    assert response.status_code in (200, 401, 403)


# --- the after-commit hand-over with the broker down -----------------------------------------


@pytest.fixture
def broker_unreachable(settings):
    """The Celery app pointed at a port where nothing listens (its pools rebuilt for it)."""
    from workers.app import app

    settings.NOTIFICATIONS_DELIVERY = "worker"
    saved = app.conf.broker_url, app._pool, app.amqp._producer_pool
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url = saved[0]
        app._pool, app.amqp._producer_pool = saved[1], saved[2]


def test_a_subscription_saved_while_the_broker_is_down_answers_normally(
    network, client_for, broker_unreachable, django_db_blocker, caplog
):
    """The change committed: the citizen is told to check their e-mail (the sweep sends it
    later), and the broker's failure is logged, not shown."""
    tetouan, email = network["tetouan"], "broker-down@example.ma"
    # No test transaction (no `db` fixture): the request commits and its on_commit hooks run.
    with django_db_blocker.unblock():
        try:
            with caplog.at_level(logging.ERROR):
                response = client_for(tetouan).post(
                    "/notifications/",
                    {
                        "email": email,
                        "topics": ["programme"],
                        "language": "ar",
                        "delivery": "immediate",
                    },
                )
            assert response.status_code == 302, response.status_code
            with tenant_context(tetouan):
                assert Subscriber.objects.filter(email=email).exists()
            assert any(
                f"outbox_hand_over({tetouan.schema_name})" in record.getMessage()
                and "Connection refused" in record.getMessage()
                for record in caplog.records
            )
        finally:
            with tenant_context(tetouan):
                Subscriber.objects.filter(email=email).delete()
                from tenants.notifications.models import Notification

                Notification.objects.filter(recipient_email=email).delete()
            connection.set_schema_to_public()
