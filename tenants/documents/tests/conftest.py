"""Fixtures of the documents tests (the two members come from the repository's conftest.py)."""
import pytest
from django.contrib.auth.models import User

from tenants.site.models import StaffMembership


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Files written under tmp_path. TenantFileSystemStorage caches its root and only drops it
    when MULTITENANT_RELATIVE_MEDIA_ROOT changes, so that setting is set again too."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = settings.MULTITENANT_RELATIVE_MEDIA_ROOT
    return tmp_path


@pytest.fixture(autouse=True)
def live_pages(settings):
    """Pages rendered afresh: nothing commits in a test transaction, so the page cache's
    version would not move (test_pages.py turns the cache on where it is the subject)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def staff_client(client_for, in_member):
    """`staff_client(tetouan, "editor")`: a browser on the member's host, signed in as a new
    member of its staff with that role (account and session in that member's schema)."""
    def make(member, role: str):
        client = client_for(member)
        with in_member(member):
            user = User.objects.create_user(f"{role}@example.ma", is_staff=True)
            StaffMembership.objects.create(user=user, role=role)
            client.force_login(user)  # the session is stored in the member's schema
        return client
    return make
