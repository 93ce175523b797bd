"""Shared fixtures for every test folder (tests/, network/, tenants/, workers/): the registry and two members (Tétouan, Tanger) created once per session.

A second member is one fixture away, so that every feature gets its cross-member test.
"""

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import tenant_context

from network.members.models import Member
from network.members.services import member_provision
from network.registry.services import registry_load
from tenancy import routing

from tests.hcp import TANGER, TETOUAN, TIMEZGANA  # noqa: F401


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """Always the test database, even for a run whose tests only use django_db_blocker
    (the worker and browser tests commit for real): pytest-django would otherwise set up no
    database for such a run and leave them on the development one."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def network(django_db_setup, django_db_blocker):
    assert connection.settings_dict["NAME"].startswith("test_"), "not on the test database"
    with django_db_blocker.unblock():
        registry_load()
        members = {
            name: member_provision(hcp_code=code).member
            for name, code in (("tetouan", TETOUAN), ("tanger", TANGER))
        }
    return members


@pytest.fixture(autouse=True)
def live_pages(settings):
    """Pages rendered afresh: in a test transaction nothing commits, so the page cache's
    version would never move. Tests of the cache turn it back on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings, network):
    """The page cache on, and empty: versions only move on commit, so a page cached by an
    earlier (rolled back) test would still be served under the same version."""
    from django.core.cache import cache

    from kernel import page_cache as pages

    settings.PAGE_CACHE_SECONDS = 600
    pages._last_seen_version.clear()
    for member in network.values():
        with tenant_context(member):
            cache.delete_pattern("page:*")


@pytest.fixture(autouse=True)
def outbox_inline(settings):
    """E-mails recorded in a member's outbox are sent by the committing process (into
    Django's test outbox), not handed to workers; the worker tests turn this off."""
    settings.NOTIFICATIONS_DELIVERY = "inline"


@pytest.fixture(autouse=True)
def routing_from_scratch():
    """Each test starts with no host in this process's routing dictionary. Its entries live
    10 s: one left by an earlier test could expire mid-test and add the lookup's two queries
    to a query count (seen once in CI)."""
    routing._local.clear()


@pytest.fixture(autouse=True)
def back_to_public():
    yield
    connection.set_schema_to_public()


@pytest.fixture
def tetouan(network, db) -> Member:
    return network["tetouan"]


@pytest.fixture
def tanger(network, db) -> Member:
    return network["tanger"]


def host_of(member: Member) -> str:
    return member.domains.get(is_primary=True).domain


@pytest.fixture
def client_for():
    """A browser on one member's host (or on the network's host with None)."""

    def make(member: Member | None) -> Client:
        return Client(HTTP_HOST=host_of(member) if member else "localhost")

    return make


@pytest.fixture
def in_member():
    """`with in_member(tetouan): ...` runs the block in that member's schema."""
    return tenant_context


@pytest.fixture
def media_root(settings, tmp_path):
    """Files written under tmp_path. django-tenants 4.0.1's TenantFileSystemStorage caches its
    root and only drops it when MULTITENANT_RELATIVE_MEDIA_ROOT changes: set that again too."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = settings.MULTITENANT_RELATIVE_MEDIA_ROOT
    return tmp_path


@pytest.fixture
def staff_client(client_for, in_member):
    """`staff_client(tetouan, "editor")`: a browser on the member's host, signed in as a new
    member of its staff with that role (account and session in that member's schema)."""
    from django.contrib.auth.models import User

    from tenants.site.models import StaffMembership

    def make(member: Member, role: str):
        client = client_for(member)
        with in_member(member):
            user = User.objects.create_user(
                f"{role}@example.ma", email=f"{role}@example.ma", is_staff=True
            )
            StaffMembership.objects.create(user=user, role=role)
            client.force_login(user)  # the session is stored in the member's schema
        return client

    return make


@pytest.fixture
def network_client(client_for, network, db):
    """`network_client("directorate")` or `network_client("regional_focal_point",
    region_code="01")`: a browser on the network's host, signed in as a new network account
    with that role (account and session in the public schema)."""
    from network.accounts.services import network_account_create
    from twofactor.testing import two_factor_signed_in

    counter = iter(range(1, 1000))

    def make(role: str, *, region_code: str | None = None):
        connection.set_schema_to_public()
        user = network_account_create(
            email=f"{role}{next(counter)}@dgct.gov.ma", role=role, region_code=region_code
        )
        client = client_for(None)
        # Network accounts must give a code after the password (platform/twofactor).
        two_factor_signed_in(client, user)
        client.user = user
        return client

    return make
