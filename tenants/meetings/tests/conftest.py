"""Fixtures of the meetings tests (the two members come from the repository's conftest.py)."""
import pytest

from tenants.meetings.tests.factories import staff_user


@pytest.fixture(autouse=True)
def live_pages(settings):
    """Pages rendered afresh: in a test transaction nothing commits, so the page cache's
    version would never move (test_pages.py turns the cache back on where it is the subject)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema (`pytestmark = pytest.mark.usefixtures(...)`)."""
    with in_member(tetouan):
        yield tetouan


@pytest.fixture
def media_root(settings, tmp_path):
    """Files written under tmp_path. TenantFileSystemStorage caches MEDIA_ROOT and only drops
    it when MULTITENANT_RELATIVE_MEDIA_ROOT changes, so that setting is set again as well."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = settings.MULTITENANT_RELATIVE_MEDIA_ROOT
    return tmp_path


@pytest.fixture
def staff_client(client_for, in_member):
    """`staff_client(tetouan, "editor")`: a browser on the member's host signed in as a new
    member of its staff with that role (account and session in that member's schema)."""
    def make(member, role: str):
        client = client_for(member)
        with in_member(member):
            client.force_login(staff_user(role, username=role))
        return client
    return make
