"""The directorate console: who gets in, onboarding, suspending and resuming."""

import pytest
from django.core.cache import caches

from network.console.models import MemberStatusChange, Onboarding
from network.console.services import onboarding_request, onboarding_run
from network.members.models import Member

MARTIL = "01.573.01.03"


@pytest.fixture
def directorate(network_client):
    return network_client("directorate")


@pytest.fixture
def north(network_client):
    """The regional focal point of Tanger-Tétouan-Al Hoceima (Tétouan's and Tanger's region)."""
    return network_client("regional_focal_point", region_code="01")


CONSOLE_PAGES = [
    "/console/",
    "/console/members/",
    "/console/members/m_015710111/",
    "/console/?q=tetouan",
]


@pytest.mark.parametrize("path", CONSOLE_PAGES)
def test_the_console_is_for_the_directorate_only(
    path, tetouan, directorate, north, client_for, staff_client
):
    assert directorate.get(path).status_code == 200
    # Even the focal point of the member's own region: 403.
    assert north.get(path).status_code == 403
    anonymous = client_for(None).get(path)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/sign-in/?next=")
    # A focal point of Tétouan, signed in on Tétouan: their session means nothing here.
    member_staff = staff_client(tetouan, "focal_point")
    member_staff.defaults["HTTP_HOST"] = "localhost"
    assert member_staff.get(path).status_code == 302
    # And the console does not exist on a member's host.
    assert client_for(tetouan).get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/console/onboard/",
        "/console/members/m_015710111/suspend/",
        "/console/members/m_015710111/resume/",
        "/console/members/m_015710111/assist/",
    ],
)
def test_no_console_action_for_a_regional_focal_point(path, tetouan, north):
    response = north.post(path, {"hcp_code": MARTIL, "reason": "x"})
    assert response.status_code == 403
    assert not Onboarding.objects.exists() and not Member.objects.get(pk=tetouan.pk).is_suspended


def test_search_in_arabic_shows_members_and_who_can_be_onboarded(directorate, tetouan):
    page = directorate.get("/console/", {"q": "تطوان"}).content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "01.571.01.11" in page and "/console/members/m_015710111/" in page
    assert "01.571" in page and 'name="hcp_code" value="01.571"' in page  # the province: not yet
    assert 'name="hcp_code" value="01.571.01.11"' not in page  # already a member


def test_onboarding_is_queued_once_and_shows_its_progress(
    directorate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = directorate.post("/console/onboard/", {"hcp_code": MARTIL})
    onboarding = Onboarding.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/console/onboardings/{onboarding.pk}/"
    assert onboarding.state == "pending" and len(callbacks) == 1
    # A second click while it is pending: the same onboarding.
    directorate.post("/console/onboard/", {"hcp_code": MARTIL})
    assert Onboarding.objects.count() == 1

    page = directorate.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page and 'data-state="pending"' in page
    assert "في الانتظار" in page

    onboarding_run(onboarding_id=onboarding.pk)  # what the worker does
    onboarding.refresh_from_db()
    assert onboarding.state == "ready" and onboarding.started_at and onboarding.finished_at
    member = Member.objects.get(collectivity_id=MARTIL)
    assert member.is_ready
    # Ready: the onboarding ends on the member's page, which says so.
    ready = directorate.get(response["Location"])
    assert ready.status_code == 302
    assert ready["Location"] == f"/console/members/{member.schema_name}/"
    page = directorate.get(ready["Location"]).content.decode()
    assert 'role="status"' in page and "martil.localhost" in page
    # Run again (a redelivered task): nothing changes.
    assert onboarding_run(onboarding_id=onboarding.pk).state == "ready"


@pytest.mark.parametrize(
    "code, message", [("01.571.01.11", "عضو في الشبكة من قبل"), ("99.999", "99.999"), ("", "")]
)
def test_onboarding_refuses_members_and_unknown_codes_in_arabic(
    directorate, tetouan, code, message
):
    response = directorate.post("/console/onboard/", {"hcp_code": code})
    assert response.status_code == 400
    assert (
        message in response.content.decode()
        and 'class="alert alert-danger"' in response.content.decode()
    )
    assert not Onboarding.objects.exists()


def test_onboarding_errors_in_french(directorate, tetouan):
    directorate.cookies["django_language"] = "fr"
    response = directorate.post("/console/onboard/", {"hcp_code": "01.571.01.11"})
    assert "est déjà membre du réseau" in response.content.decode()


def test_a_failed_onboarding_says_why(directorate, tanger):
    from network.members.models import Domain

    Domain.objects.create(domain="martil.localhost", tenant=tanger, is_primary=False)
    onboarding = onboarding_request(hcp_code=MARTIL, requested_by=directorate.user)
    assert onboarding_run(onboarding_id=onboarding.pk).state == "failed"
    page = directorate.get(f"/console/onboardings/{onboarding.pk}/").content.decode()
    assert 'data-state="failed"' in page and "martil.localhost" in page
    assert 'http-equiv="refresh"' not in page
    assert not Member.objects.filter(collectivity_id=MARTIL).exists()


def test_suspend_shows_a_notice_keeps_the_data_and_resume_restores(
    directorate,
    tetouan,
    tanger,
    client_for,
    staff_client,
    in_member,
    django_capture_on_commit_callbacks,
):
    visitor = client_for(tetouan)
    home = visitor.get("/")
    assert home.status_code == 200
    assert caches["routing"].get("routing:host:tetouan.localhost") is not None  # cached
    staff = staff_client(tetouan, "focal_point")

    with django_capture_on_commit_callbacks(execute=True):
        response = directorate.post(
            f"/console/members/{tetouan.schema_name}/suspend/", {"reason": "Demande du conseil"}
        )
    assert response.status_code == 302
    # The host's routing entry (which said "not suspended") is gone from the shared cache.
    assert caches["routing"].get("routing:host:tetouan.localhost") is None
    member = Member.objects.get(pk=tetouan.pk)
    assert member.is_suspended and member.suspension_reason == "Demande du conseil"
    change = MemberStatusChange.objects.get()
    assert (change.by_account_id, change.by_email) == (directorate.user.pk, directorate.user.email)

    for path in ("/", "/programme/", "/documents/", "/api/"):
        notice = visitor.get(path)
        assert notice.status_code == 503, path
        assert "موقع الانفتاح الخاص بهذا العضو موقوف" in notice.content.decode()
    visitor.cookies["django_language"] = "fr"
    assert "Le site d'ouverture de ce membre est suspendu" in visitor.get("/").content.decode()
    # Another member is untouched; the suspended member's staff keep the back office.
    assert client_for(tanger).get("/").status_code == 200
    assert staff.get("/admin/").status_code == 200
    assert client_for(tetouan).get("/admin/login/").status_code == 200
    with in_member(tetouan):
        from tenants.site.selectors import site_profile_get

        assert site_profile_get().hcp_code == "01.571.01.11"  # the data is kept
    assert Member.objects.active().filter(pk=tetouan.pk).count() == 0
    assert Member.objects.ready().filter(pk=tetouan.pk).count() == 1

    # Suspending twice is refused, with the reason in Arabic.
    again = directorate.post(f"/console/members/{tetouan.schema_name}/suspend/", {"reason": "x"})
    assert again.status_code == 400 and "موقوف من قبل" in again.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        directorate.post(f"/console/members/{tetouan.schema_name}/resume/")
    assert not Member.objects.get(pk=tetouan.pk).is_suspended
    visitor.cookies["django_language"] = "ar"
    assert visitor.get("/").status_code == 200
    # (ids: after a request on the member's host the test's connection reads its schema first)
    assert [(c.action, c.by_account_id) for c in MemberStatusChange.objects.all()] == [
        ("resume", directorate.user.pk),
        ("suspend", directorate.user.pk),
    ]


def test_a_suspension_needs_a_reason(directorate, tetouan):
    response = directorate.post(f"/console/members/{tetouan.schema_name}/suspend/", {"reason": " "})
    assert response.status_code == 400 and "اذكروا سبب التوقيف" in response.content.decode()
    assert not Member.objects.get(pk=tetouan.pk).is_suspended


def test_the_members_list_filters_by_status_and_name(directorate, tetouan, tanger):
    Member.objects.filter(pk=tanger.pk).update(suspended_at="2026-01-01T00:00:00Z")
    page = directorate.get("/console/members/", {"status": "suspended"}).content.decode()
    assert "/console/members/m_01511010/" in page and "/console/members/m_015710111/" not in page
    page = directorate.get("/console/members/", {"q": "tetouan"}).content.decode()
    assert "/console/members/m_015710111/" in page and "/console/members/m_01511010/" not in page


def test_resuming_sends_the_mail_held_while_suspended_and_only_that_member_s(
    directorate, tetouan, tanger, in_member, mailoutbox, django_capture_on_commit_callbacks
):
    from tenants.notifications.selectors import outbox_by_state
    from tenants.notifications.recording import notification_record

    with django_capture_on_commit_callbacks(execute=True):
        directorate.post(f"/console/members/{tetouan.schema_name}/suspend/", {"reason": "x"})
    for member in (tetouan, tanger):  # recorded, not handed over (no commit in this test)
        with in_member(member):
            notification_record(
                key="held",
                recipient_email=f"citizen@{member.schema_name}.ma",
                language="ar",
                template="notifications/email/verify",
                kind="test",
                context={"link": "http://x/", "topics": []},
            )
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        directorate.post(f"/console/members/{tetouan.schema_name}/resume/")
    assert [message.to for message in mailoutbox] == [[f"citizen@{tetouan.schema_name}.ma"]]
    with in_member(tetouan):
        assert outbox_by_state() == {"sent": 1}
    with in_member(tanger):
        assert outbox_by_state() == {"pending": 1}
