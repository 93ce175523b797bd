"""The API: anyone reads counts (never who signed) and signs; staff act by role."""

import json
from dataclasses import replace

import pytest
from django.utils import timezone

from citizens.limits import PUBLIC_WRITE_LIMITS
from tenants.petitions.models import Petition, State
from tenants.petitions.services import petition_file
from tenants.petitions.tests.factories import AGENT, SUBJECT, TEXT, petition, sign

SIGNATURE = {"full_name": "مريم الحسني", "cin": "ab 778899", "link": "professional"}
NEW = {
    "subject": "تهيئة سوق القرب",
    "text": "نلتمس تهيئة سوق القرب بالحي.",
    "agent_name": "رشيد",
    "agent_cin": "K445566",
    "agent_email": "rachid@example.ma",
}


def post(client, path: str, data: dict | None = None):
    return client.post(path, json.dumps(data or {}), content_type="application/json")


def test_anyone_reads_counts_and_steps(tetouan, client_for, collecting):
    client = client_for(tetouan)
    listing = client.get("/api/petitions/").json()
    assert listing["count"] == 1
    item = listing["results"][0]
    assert (
        item["subject"],
        item["state"],
        item["signature_count"],
        item["signatures_required"],
        item["progress_percent"],
        item["threshold_reached"],
    ) == (SUBJECT, "collecting", 1, 4, 25, False)
    detail = client.get(f"/api/petitions/{collecting.pk}/").json()
    assert detail["text"] == TEXT
    assert [step["state"] for step in detail["steps"]] == ["collecting"]
    assert client.get("/api/petitions/?state=decided").json()["count"] == 0
    assert client.get("/api/petitions/?state=archived").status_code == 400


def test_public_json_holds_no_personal_data(tetouan, client_for, collecting):
    client = client_for(tetouan)
    assert post(client, f"/api/petitions/{collecting.pk}/sign/", SIGNATURE).status_code == 201
    bodies = [
        client.get("/api/petitions/").content.decode(),
        client.get(f"/api/petitions/{collecting.pk}/").content.decode(),
        client.get("/api/schema/", {"format": "json"}).content.decode(),
    ]
    for body in bodies[:2]:
        for secret in (
            "مريم الحسني",
            "AB778899",
            "ab 778899",
            "AB100000",
            "موقع 0",
            AGENT["agent_name"],
            "L987654",
            AGENT["agent_email"],
            AGENT["agent_phone"],
            collecting.agent_key,
            "agent",
            "cin",
            "full_name",
        ):
            assert secret not in body
    public_schema = json.loads(bodies[2])["components"]["schemas"]
    assert not {"agent_name", "agent_cin", "agent_email"} & set(
        public_schema["PetitionDetailOutput"]["properties"]
    )


def test_anyone_signs_once(tetouan, client_for, in_member, collecting):
    client = client_for(tetouan)
    signed = post(client, f"/api/petitions/{collecting.pk}/sign/", SIGNATURE)
    assert signed.status_code == 201
    assert signed.json() == {"signature_count": 2, "signatures_required": 4}
    again = post(client, f"/api/petitions/{collecting.pk}/sign/", {**SIGNATURE, "cin": "AB778899"})
    assert again.status_code == 400 and "cin" in again.json()
    invalid = post(client, f"/api/petitions/{collecting.pk}/sign/", {**SIGNATURE, "link": "x"})
    assert invalid.status_code == 400 and "link" in invalid.json()
    with in_member(tetouan):
        assert collecting.signatures.count() == 2


def test_signing_through_the_api_is_rate_limited(tetouan, client_for, collecting, monkeypatch):
    signing = replace(PUBLIC_WRITE_LIMITS["petitions:sign"], per_address=1)
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, "petitions:sign", signing)
    client = client_for(tetouan)
    assert post(client, f"/api/petitions/{collecting.pk}/sign/", SIGNATURE).status_code == 201
    refused = post(client, f"/api/petitions/{collecting.pk}/sign/", {**SIGNATURE, "cin": "Z1"})
    assert refused.status_code == 429


def test_unpublished_petitions_are_not_public(tetouan, client_for, in_member):
    with in_member(tetouan):
        filed = petition_file(subject=SUBJECT, text=TEXT, **AGENT)
    client = client_for(tetouan)
    assert client.get("/api/petitions/").json()["count"] == 0
    assert client.get(f"/api/petitions/{filed.pk}/").status_code == 404
    assert post(client, f"/api/petitions/{filed.pk}/sign/", SIGNATURE).status_code == 404


def test_anonymous_visitors_cannot_act_as_staff(tetouan, client_for, collecting):
    client = client_for(tetouan)
    assert post(client, "/api/petitions/", NEW).status_code in (401, 403)
    assert client.get(f"/api/petitions/{collecting.pk}/signatures/").status_code in (401, 403)
    assert post(
        client, f"/api/petitions/{collecting.pk}/transition/", {"to": "submitted"}
    ).status_code in (401, 403)
    assert post(client, f"/api/petitions/{collecting.pk}/publish/").status_code in (401, 403)


@pytest.mark.parametrize("role", ["editor", "focal_point"])
def test_staff_create_move_and_read_signatures(tetouan, in_member, staff_client, collecting, role):
    client = staff_client(tetouan, role)
    created = post(client, "/api/petitions/", {**NEW, "published": False})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert post(client, f"/api/petitions/{pk}/publish/").json()["published_at"]

    below = post(client, f"/api/petitions/{collecting.pk}/transition/", {"to": "submitted"})
    assert below.status_code == 400 and "to" in below.json()
    with in_member(tetouan):
        sign(collecting, 3, start=1)
    steps = [
        {"to": "submitted"},
        {"to": "admissible"},
        {"to": "referred", "committee": "لجنة المرافق العمومية"},
        {"to": "on_agenda", "session_date": str(timezone.localdate())},
        {"to": "decided", "answer": "وافق المجلس على الطلب."},
    ]
    for step in steps:
        response = post(client, f"/api/petitions/{collecting.pk}/transition/", step)
        assert response.status_code == 200, response.content
    assert response.json()["state"] == "decided"
    assert response.json()["answer"] == "وافق المجلس على الطلب."

    if role != "focal_point":  # who signed is the focal point's (personal_data.py)
        assert client.get(f"/api/petitions/{collecting.pk}/signatures/").status_code == 403
        return
    signatures = client.get(f"/api/petitions/{collecting.pk}/signatures/").json()
    assert signatures["count"] == 4
    assert {row["cin"] for row in signatures["results"]} == {f"AB10000{n}" for n in range(4)}


def test_a_step_missing_its_reason_answers_400(tetouan, in_member, staff_client):
    with in_member(tetouan):
        target = petition(threshold=1)
        sign(target, 1)
    client = staff_client(tetouan, "editor")
    assert (
        post(client, f"/api/petitions/{target.pk}/transition/", {"to": "submitted"}).status_code
        == 200
    )
    refused = post(client, f"/api/petitions/{target.pk}/transition/", {"to": "not_admissible"})
    assert refused.status_code == 400 and "reason" in refused.json()
    skipped = post(
        client, f"/api/petitions/{target.pk}/transition/", {"to": "decided", "answer": "x"}
    )
    assert skipped.status_code == 400 and "to" in skipped.json()


def test_moderators_read_signatures_but_do_not_move_petitions(
    tetouan, in_member, staff_client, collecting
):
    client = staff_client(tetouan, "moderator")
    # Who signed, with their CIN, is the focal point's (tenants/site/personal_data.py).
    assert client.get(f"/api/petitions/{collecting.pk}/signatures/").status_code == 403
    assert (
        post(client, f"/api/petitions/{collecting.pk}/transition/", {"to": "submitted"}).status_code
        == 403
    )
    assert post(client, "/api/petitions/", NEW).status_code == 403
    with in_member(tetouan):
        assert Petition.objects.get(pk=collecting.pk).state == State.COLLECTING


def test_the_schema_describes_the_petitions_api(tetouan, client_for):
    response = client_for(tetouan).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"get", "post"} <= set(paths["/api/petitions/"])
    assert set(paths["/api/petitions/{id}/sign/"]) == {"post"}
    assert set(paths["/api/petitions/{id}/signatures/"]) == {"get"}
    assert set(paths["/api/petitions/{id}/transition/"]) == {"post"}
