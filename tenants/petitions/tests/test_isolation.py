"""A petition of Tétouan never shows at Tanger, a signature at one does not count at the other,
and Tétouan's staff cannot act at Tanger."""

import json

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

from tenants.petitions.models import Petition, Signature, State
from tenants.petitions.tests.factories import petition, sign

SUBJECT = "عريضة ساكنة تطوان حول النقل الحضري"
SIGNATURE = {"full_name": "أمينة", "cin": "LB5566", "link": "resident"}


@pytest.fixture
def tetouan_petition(tetouan, in_member) -> Petition:
    with in_member(tetouan):
        target = petition(subject=SUBJECT, threshold=1)
        sign(target, 1)
        return target


@pytest.fixture
def tanger_petition(tanger, in_member) -> Petition:
    with in_member(tanger):
        return petition(subject="عريضة طنجة", threshold=1)


def test_pages_of_tetouan_are_not_at_tanger(tetouan, tanger, client_for, tetouan_petition):
    assert SUBJECT in client_for(tetouan).get("/petitions/").content.decode()
    tanger_client = client_for(tanger)
    assert SUBJECT not in tanger_client.get("/petitions/").content.decode()
    for path in (
        f"/petitions/{tetouan_petition.pk}/",
        f"/petitions/{tetouan_petition.pk}/sign/",
        f"/petitions/agent/{tetouan_petition.agent_key}/",
    ):
        assert tanger_client.get(path).status_code == 404


def test_the_api_of_tanger_does_not_know_tetouans_petitions(tanger, client_for, tetouan_petition):
    client = client_for(tanger)
    assert client.get("/api/petitions/").json()["count"] == 0
    assert client.get(f"/api/petitions/{tetouan_petition.pk}/").status_code == 404
    assert client.post(f"/api/petitions/{tetouan_petition.pk}/sign/", SIGNATURE).status_code == 404


def test_a_signature_at_one_member_counts_only_there(
    tetouan, tanger, in_member, client_for, tetouan_petition, tanger_petition
):
    form = {**SIGNATURE, "declaration": "on", "website": ""}
    assert (
        client_for(tetouan).post(f"/petitions/{tetouan_petition.pk}/sign/", form).status_code == 302
    )
    assert client_for(tanger).get("/api/petitions/").json()["results"][0]["signature_count"] == 0
    # The same person signs at Tanger too: not a duplicate there, and Tétouan's count stays.
    assert (
        client_for(tanger).post(f"/petitions/{tanger_petition.pk}/sign/", form).status_code == 302
    )
    with in_member(tetouan):
        assert Petition.objects.get().signatures.count() == 2
    with in_member(tanger):
        assert Petition.objects.get().signatures.count() == 1
        assert Signature.objects.get().cin_normalized == "LB5566"


def test_tetouans_staff_cannot_act_at_tanger(
    tetouan, tanger, in_member, client_for, staff_client, tetouan_petition, tanger_petition
):
    tetouan_browser = staff_client(tetouan, "focal_point")
    with in_member(tanger):
        sign(tanger_petition, 1)
    path = f"/api/petitions/{tanger_petition.pk}/"
    step = json.dumps({"to": "submitted"})
    tanger_browser = client_for(tanger)
    tanger_browser.cookies = tetouan_browser.cookies  # the same session cookie, replayed
    assert (
        tanger_browser.post(path + "transition/", step, content_type="application/json").status_code
        == 403
    )
    assert tanger_browser.get(path + "signatures/").status_code == 403
    assert tanger_browser.get("/admin/petitions/signature/").status_code == 302  # to the login
    assert (
        tanger_browser.get(f"/admin/petitions/petition/{tanger_petition.pk}/step/").status_code
        == 302
    )
    with in_member(tetouan):
        token = Token.objects.create(user=User.objects.get(username="focal_point@example.ma")).key
    for member, target, expected in (
        (tanger, tanger_petition, 403),
        (tetouan, tetouan_petition, 200),
    ):
        response = client_for(member).post(
            f"/api/petitions/{target.pk}/transition/",
            step,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token}",
        )
        assert response.status_code == expected
    with in_member(tanger):
        assert Petition.objects.get().state == State.COLLECTING
    with in_member(tetouan):
        assert Petition.objects.get().state == State.SUBMITTED
