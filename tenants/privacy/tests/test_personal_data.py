"""Least privilege on identity data: requesters' ID numbers and petition signatories' CINs are
read by the focal point alone, in the back office and the staff API, and each reading is
logged in the member's own log (PersonalDataRead). Histories name people, never e-mails."""

import pytest
from django.test import RequestFactory

from tenants.site.models import PersonalDataRead
from tenants.site.roles import Role

ID_NUMBER = "K123456"
AGENT_CIN = "L987654"
SIGNATORY_CIN = "AB100000"


@pytest.fixture
def identity_data(tetouan, in_member, media_root):
    """A request with its requester's ID number, a petition with its agent and a signature."""
    from tenants.information_requests.tests.factories import filed
    from tenants.petitions.tests.factories import petition, sign

    with in_member(tetouan):
        information_request = filed()
        target = petition(threshold=100)
        sign(target, 1)
    return {"request": information_request.pk, "petition": target.pk}


def _pages(ids) -> list[str]:
    return [
        f"/admin/information_requests/informationrequest/{ids['request']}/change/",
        "/admin/information_requests/informationrequest/",
        f"/admin/petitions/petition/{ids['petition']}/change/",
        f"/api/information-requests/{ids['request']}/staff/",
        "/api/information-requests/staff/",
    ]


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR])
def test_editors_and_moderators_never_see_an_id_number_or_a_cin(
    tetouan, in_member, staff_client, identity_data, role
):
    client = staff_client(tetouan, role)
    for url in _pages(identity_data):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in (ID_NUMBER, AGENT_CIN, SIGNATORY_CIN):
            assert secret not in body, f"{secret} on {url} for a {role}"
    assert "id_number" not in client.get(_pages(identity_data)[3]).json()
    # Who signed: neither the back office's list nor the API.
    assert client.get("/admin/petitions/signature/").status_code == 403
    assert client.get(f"/api/petitions/{identity_data['petition']}/signatures/").status_code == 403
    # Nor a search by ID number, which would confirm one.
    found = client.get("/admin/information_requests/informationrequest/", {"q": ID_NUMBER})
    assert "0 " in found.content.decode() or ID_NUMBER not in found.content.decode()
    with in_member(tetouan):
        assert not PersonalDataRead.objects.exists()


def test_the_focal_point_reads_them_and_each_reading_is_logged(
    tetouan, tanger, in_member, staff_client, identity_data
):
    client = staff_client(tetouan, Role.FOCAL_POINT)
    pages = _pages(identity_data)
    assert ID_NUMBER in client.get(pages[0]).content.decode()
    assert AGENT_CIN in client.get(pages[2]).content.decode().replace(" ", "")
    assert client.get(pages[3]).json()["id_number"] == ID_NUMBER
    assert SIGNATORY_CIN in client.get("/admin/petitions/signature/").content.decode()
    signatures = client.get(f"/api/petitions/{identity_data['petition']}/signatures/").json()
    assert SIGNATORY_CIN in str(signatures)
    with in_member(tetouan):
        readings = list(PersonalDataRead.objects.all())
        assert len(readings) == 5
        # Who read: the account itself, and the name shown to others (never an e-mail: this
        # focal point has no name, so their role).
        assert {reading.account.email for reading in readings} == {"focal_point@example.ma"}
        assert {reading.account_name for reading in readings} == {"نقطة الارتكاز"}
        assert any("id_number" in reading.fields for reading in readings)
    # The log is the focal point's to read, in the back office only.
    log = client.get("/admin/site/personaldataread/")
    assert log.status_code == 200 and "id_number" in log.content.decode()
    assert (
        staff_client(tetouan, Role.EDITOR).get("/admin/site/personaldataread/").status_code == 403
    )
    # Tanger's log has none of Tétouan's readings.
    with in_member(tanger):
        assert not PersonalDataRead.objects.exists()


def test_the_directorate_assistance_account_does_not_see_them(tetouan, staff_client, identity_data):
    client = staff_client(tetouan, Role.NETWORK_ASSISTANCE)
    body = client.get(_pages(identity_data)[0]).content.decode()
    assert ID_NUMBER not in body
    assert client.get("/admin/petitions/signature/").status_code == 403


def _actor_of(user):
    from tenants.site.staff import actor

    request = RequestFactory().get("/")
    request.user = user
    return actor(request)


def test_histories_name_the_person_or_their_role_never_an_email(tetouan, in_member):
    from django.contrib.auth.models import User

    from tenants.site.models import StaffMembership

    with in_member(tetouan):
        named = User.objects.create_user(
            "amina@tetouan.ma", email="amina@tetouan.ma", first_name="أمينة", last_name="العلوي"
        )
        StaffMembership.objects.create(user=named, role=Role.EDITOR)
        unnamed = User.objects.create_user("karim@tetouan.ma", email="karim@tetouan.ma")
        StaffMembership.objects.create(user=unnamed, role=Role.MODERATOR)
        assert _actor_of(named).name == "أمينة العلوي"
        assert _actor_of(named).account_id == named.pk
        assert "@" not in _actor_of(unnamed).name
