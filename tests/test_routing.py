import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.members.models import Member
from tenancy import routing
from tests.hcp import TIMEZGANA


def test_portal_lists_members_with_links_to_their_sites(tetouan, tanger, client_for):
    page = client_for(None).get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "تطوان" in page and "طنجة" in page
    assert 'href="http://tetouan.localhost:8000/"' in page
    assert "HCP" in page or "المندوبية السامية للتخطيط" in page


def test_member_home_is_arabic_and_branded(tetouan, client_for):
    response = client_for(tetouan).get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page
    assert "تطوان" in page and "طنجة-تطوان-الحسيمة" in page
    assert "bootstrap.rtl.min.css" in page and "--member-primary" in page
    assert 'href="/lang/fr/?next=/"' in page  # the French switch


def test_french_switch(tetouan, client_for):
    client = client_for(tetouan)
    response = client.get("/lang/fr/", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert "Tétouan" in page and "Tanger-Tétouan-Al Hoceima" in page
    assert "bootstrap.min.css" in page


def test_browser_language_does_not_override_arabic(tetouan, client_for):
    page = client_for(tetouan).get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


@pytest.mark.parametrize("host", ["nowhere.localhost", "bad_host.localhost", "example.org"])
def test_unknown_host_is_a_clear_404(network, db, client_for, host):
    response = client_for(None).get("/", HTTP_HOST=host)
    assert response.status_code == 404
    assert "<html" in response.content.decode()


def test_a_member_not_ready_is_not_served(network, db, client_for):
    from network.members.services import member_provision

    member = member_provision(hcp_code=TIMEZGANA).member
    Member.objects.filter(pk=member.pk).update(is_ready=False)
    routing.routing_forget_hosts(["timezgana.localhost"])
    response = client_for(None).get("/", HTTP_HOST="timezgana.localhost")
    assert response.status_code == 503


def test_a_warm_request_makes_no_query_to_find_its_member(tetouan, client_for):
    client = client_for(tetouan)
    client.get("/")  # warms the routing cache
    routing._local.clear()  # even without the process-local copy: Redis answers
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "members_domain" not in sql and "members_member" not in sql
    assert "search_path" in queries.captured_queries[0]["sql"]  # straight into the member
