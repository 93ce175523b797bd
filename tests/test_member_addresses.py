"""One member URL function (tenancy.addresses): the address each caller puts in its pages and
e-mails is the one it gave before there was a single function."""

from django.contrib.auth.models import User
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from django_tenants.utils import get_tenant_domain_model

from network.console.services import assistance_url
from network.members.models import Member
from network.members.selectors import member_directory
from tenancy import addresses
from tenancy.addresses import current_member_site_url, member_site_url
from tenants.documents.tests.factories import document_factory
from tenants.information_requests.tests.factories import filed
from tenants.notifications.links import subscriber_links
from tenants.notifications.models import Subscriber, Subscription, Topic
from tenants.reminders.calendar_hooks import _site_url
from tenants.site.models import StaffMembership

# Tests run with DEBUG off (Django's test runner) and the development port hint (":8000"):
# links written outside a request take the deployment's scheme (https); network pages give
# theirs (http, the test client's).
TETOUAN_SITE = "https://tetouan.localhost:8000/"
ON_THE_NETWORKS_PAGES = "http://tetouan.localhost:8000/"


def test_a_members_address_is_its_primary_domain(tetouan, settings):
    listed = member_directory().get(pk=tetouan.pk)  # primary domain prefetched
    assert member_site_url(listed) == member_site_url(tetouan) == TETOUAN_SITE
    assert member_site_url(tetouan, scheme="http") == ON_THE_NETWORKS_PAGES
    assert member_site_url(Member(schema_name="m_none")) == ""  # no domain, no address
    settings.DEBUG = True  # the development server
    assert member_site_url(tetouan) == "http://tetouan.localhost:8000/"
    settings.DEBUG, settings.SITE_PORT_HINT = False, ""
    assert member_site_url(tetouan) == "https://tetouan.localhost/"


def test_the_current_members_address(tetouan, in_member, monkeypatch):
    monkeypatch.setattr(addresses, "_current", {})
    assert current_member_site_url() == ""  # the public schema is no member
    request = RequestFactory().get("/", HTTP_HOST="tetouan.localhost:8123")
    assert current_member_site_url(request) == "http://tetouan.localhost:8123/"
    with in_member(tetouan):
        assert current_member_site_url() == TETOUAN_SITE
        get_tenant_domain_model().objects.filter(tenant=tetouan, is_primary=True).update(
            domain="tetouan-new.localhost"
        )
        assert current_member_site_url() == TETOUAN_SITE  # remembered a minute
        later = addresses.time.monotonic() + addresses.CURRENT_SECONDS + 1
        monkeypatch.setattr(addresses.time, "monotonic", lambda: later)
        assert current_member_site_url() == "https://tetouan-new.localhost:8000/"


def test_the_consoles_links_to_a_member(tetouan, network_client):
    page = network_client("directorate").get(f"/console/members/{tetouan.schema_name}/")
    html = page.content.decode()
    site = ON_THE_NETWORKS_PAGES
    assert f'href="{site}"' in html and f'href="{site}staff/"' in html
    assert assistance_url(member=tetouan, token="abc") == f"{site}admin/assist/abc/"


def test_links_in_e_mails_written_outside_a_request(
    tetouan, in_member, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        subscriber = Subscriber.objects.create(
            email="amal@example.ma", language="fr", verified_at=timezone.now()
        )
        Subscription.objects.create(subscriber=subscriber, topic=Topic.DOCUMENTS)
        links = subscriber_links(subscriber)
        assert links["manage_url"].startswith(f"{TETOUAN_SITE}notifications/manage/")
        assert links["unsubscribe_url"].startswith(f"{TETOUAN_SITE}notifications/unsubscribe/")
        # A receiver's link to the new item (followers) and to the back office (staff).
        focal = User.objects.create_user("focal@tetouan.ma", email="focal@tetouan.ma")
        StaffMembership.objects.create(user=focal, role="focal_point")
        with django_capture_on_commit_callbacks(execute=True):
            document_factory(title_fr="Budget 2025")
            filed()
        assert _site_url(tetouan, None) == TETOUAN_SITE.rstrip("/")  # the calendar's recount
    sent = {message.to[0]: message.body for message in mail.outbox}
    assert f"{TETOUAN_SITE}documents/" in sent["amal@example.ma"]
    assert f"{TETOUAN_SITE}admin/information_requests/" in sent["focal@tetouan.ma"]
    assert "8000//" not in sent["amal@example.ma"] + sent["focal@tetouan.ma"]
