"""The staff inbox: what waits, by urgency, for the roles that act on it, in a constant number
of queries, and nothing of another member."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenants.information_requests.models import InformationRequest
from tenants.information_requests.services import information_request_file


def _request(subject: str, *, received: date) -> InformationRequest:
    return information_request_file(
        requester_name="سعيد بنعلي",
        id_document="cin",
        id_number="L123456",
        postal_address="حي الملاح، تطوان",
        email=f"{abs(hash(subject))}@example.ma",
        information_wanted=subject,
        today=received,
    )


def test_the_workspace_asks_for_a_sign_in_and_refuses_strangers(tetouan, client_for):
    response = client_for(tetouan).get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/?next=/staff/")
    sign_in = client_for(tetouan).get(response["Location"])
    assert sign_in.status_code == 200
    assert "تسجيل الدخول".encode() in sign_in.content


def test_the_inbox_puts_overdue_requests_first(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    today = timezone.localdate()
    with in_member(tetouan):
        late = _request("طلب متأخر عن أجله", received=today - timedelta(days=60))
        fresh = _request("طلب جديد وصل اليوم", received=today)
    page = client.get("/staff/").content.decode()
    assert page.index(late.reference) < page.index(fresh.reference)
    assert "متأخر" in page or "Overdue" not in page  # the overdue badge, in Arabic
    assert f"/staff/requests/{late.pk}/" in page


def test_a_moderator_sees_only_comments(tetouan, staff_client):
    page = staff_client(tetouan, "moderator").get("/staff/").content.decode()
    assert 'id="inbox-comments"' in page
    assert 'id="inbox-requests"' not in page and 'id="inbox-milestones"' not in page
    assert "/staff/site/team/" not in page


def test_another_members_requests_never_show(tetouan, tanger, in_member, staff_client):
    with in_member(tanger):
        foreign = _request("طلب في طنجة وحدها", received=timezone.localdate())
    page = staff_client(tetouan, "focal_point").get("/staff/").content.decode()
    assert foreign.reference not in page and "طلب في طنجة وحدها" not in page


def test_a_session_of_one_member_opens_nothing_at_another(
    tetouan, tanger, staff_client, client_for
):
    tetouan_client = staff_client(tetouan, "focal_point")
    cookie = tetouan_client.cookies["sessionid"].value
    stranger = client_for(tanger)
    stranger.cookies["sessionid"] = cookie
    assert stranger.get("/staff/").status_code == 302


def test_the_inbox_makes_a_constant_number_of_queries(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    client.get("/staff/")  # the session and the profile's caches warmed
    counts = []
    for volume in (1, 12):
        with in_member(tetouan):
            for number in range(volume):
                _request(
                    f"طلب {volume}-{number}", received=timezone.localdate() - timedelta(days=number)
                )
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 20
