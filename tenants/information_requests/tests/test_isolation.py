"""A request filed at Tétouan never shows at Tanger (register, pages, API), and Tétouan's
staff cannot act on Tanger's requests."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tenants.information_requests.models import InformationRequest, State
from tenants.information_requests.services import information_request_set_public_summary
from tenants.information_requests.tests.factories import REQUESTER, filed
from kernel.actors import Actor

WANTED = "أطلب ميزانية جماعة تطوان لسنة 2026"


@pytest.fixture
def tetouan_request(tetouan, in_member) -> InformationRequest:
    with in_member(tetouan):
        information_request = filed(information_wanted=WANTED)
        return information_request_set_public_summary(
            information_request=information_request, by=Actor(name="clerk"), public_summary=WANTED
        )


def test_a_request_of_tetouan_is_not_in_tangers_register(
    tetouan, tanger, client_for, tetouan_request
):
    assert WANTED in client_for(tetouan).get("/information-requests/").content.decode()
    tanger_site = client_for(tanger)
    for query in ({}, {"overdue": "1"}, {"state": "received"}):
        page = tanger_site.get("/information-requests/", query).content.decode()
        assert WANTED not in page and tetouan_request.reference not in page
    assert tanger_site.get(f"/information-requests/{tetouan_request.pk}/").status_code == 404
    assert (
        tanger_site.get(f"/information-requests/{tetouan_request.pk}/receipt/").status_code == 404
    )


def test_a_request_of_tetouan_is_not_in_tangers_api(
    tetouan, tanger, client_for, staff_client, tetouan_request
):
    tanger_api = client_for(tanger)
    assert tanger_api.get("/api/information-requests/").json()["count"] == 0
    assert tanger_api.get(f"/api/information-requests/{tetouan_request.pk}/").status_code == 404
    tanger_staff = staff_client(tanger, "focal_point")
    assert tanger_staff.get("/api/information-requests/staff/").json()["count"] == 0
    assert (
        tanger_staff.get(f"/api/information-requests/{tetouan_request.pk}/staff/").status_code
        == 404
    )
    assert (
        tanger_staff.post(
            f"/api/information-requests/{tetouan_request.pk}/transition/",
            {"action": "start"},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_a_request_filed_at_tetouan_is_numbered_and_kept_at_tetouan(
    tetouan, tanger, client_for, in_member
):
    assert (
        client_for(tetouan)
        .post(
            "/information-requests/new/", {**REQUESTER, "information_wanted": WANTED, "website": ""}
        )
        .status_code
        == 302
    )
    with in_member(tanger):
        assert not InformationRequest.objects.exists()
        tanger_first = filed()
    with in_member(tetouan):
        tetouan_first = InformationRequest.objects.get()
    # Each member numbers its own requests.
    assert tetouan_first.reference == f"DI-{timezone.localdate().year}-0001"
    assert tanger_first.reference == "DI-2026-0001"


def test_tetouans_staff_cannot_act_on_tangers_requests(
    tetouan, tanger, in_member, client_for, staff_client
):
    with in_member(tanger):
        tanger_request = filed(today=None)
    tetouan_editor = staff_client(tetouan, "editor")
    with in_member(tetouan):
        token = Token.objects.create(user=User.objects.get(username="editor@example.ma")).key
    tanger_browser = client_for(tanger)
    tanger_browser.cookies = tetouan_editor.cookies  # the same session cookie, replayed
    url = f"/api/information-requests/{tanger_request.pk}/transition/"
    assert tanger_browser.post(
        url, {"action": "start"}, content_type="application/json"
    ).status_code in (401, 403)
    assert tanger_browser.get(
        f"/api/information-requests/{tanger_request.pk}/staff/"
    ).status_code in (401, 403)
    with_token = client_for(tanger).post(
        url,
        {"action": "start"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert with_token.status_code in (401, 403)  # the token means nothing at Tanger
    assert tetouan_editor.post(
        "/admin/information_requests/informationrequest/",
        {"action": "start", "_selected_action": [tanger_request.pk], "apply": "1"},
    ).status_code in (200, 302)
    with in_member(tanger):
        assert InformationRequest.objects.get().state == State.RECEIVED


def test_a_requesters_link_complaint_and_scan_of_tetouan_mean_nothing_at_tanger(
    tetouan, tanger, in_member, client_for, staff_client
):
    from datetime import date

    from tenants.information_requests.services import complaint_file, information_request_record
    from tenants.information_requests.tests.factories import pdf_file
    from tenants.information_requests.tokens import requester_path

    with in_member(tetouan):
        paper = information_request_record(
            by=Actor(name="clerk"),
            channel="post",
            received_on=date(2026, 1, 5),
            scan=pdf_file("scan.pdf"),
            information_wanted="محضر دورة يناير",
            today=date(2026, 3, 2),
            **{key: value for key, value in REQUESTER.items() if key != "email"},
        )
        complaint_file(
            information_request=paper, grievance="لا جواب في الأجل", today=date(2026, 3, 2)
        )
        tetouan_path = requester_path(paper)
    with in_member(tanger):
        same_pk = filed(information_wanted="طلب طنجة")
    assert client_for(tetouan).get(tetouan_path).status_code == 200
    assert client_for(tanger).get(tetouan_path).status_code == 404
    tanger_focal = staff_client(tanger, "focal_point")
    assert "لا جواب في الأجل" not in tanger_focal.get("/staff/").content.decode()
    complaints = tanger_focal.get("/staff/requests/complaints/?show=all").content.decode()
    assert "list-group-item" not in complaints  # no complaint listed at Tanger
    assert tanger_focal.get(f"/staff/requests/{paper.pk}/scan/").status_code == 404
    with in_member(tanger):
        assert not same_pk.__class__.objects.filter(complaint__isnull=False).exists()
