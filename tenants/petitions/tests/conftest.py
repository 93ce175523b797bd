"""Fixtures of the petitions tests (the two members come from the repository's conftest.py)."""

import pytest
from django.core.cache import cache

from tenants.petitions.models import Petition
from tenants.petitions.tests.factories import petition, sign


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema (`pytestmark = pytest.mark.usefixtures(...)`)."""
    with in_member(tetouan):
        yield tetouan


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters start from zero (they live in the cache, not in the database)."""
    cache.clear()
    yield


@pytest.fixture
def collecting(tetouan, in_member) -> Petition:
    """A published petition of Tétouan: 1 signature of the 4 required."""
    with in_member(tetouan):
        target = petition(threshold=4)
        sign(target, 1)
        return target
