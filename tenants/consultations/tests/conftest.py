"""Fixtures of the consultations tests (the two members come from the repository's conftest.py)."""

import re

import pytest
from django.core import mail
from django.core.cache import cache


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema (`pytestmark = pytest.mark.usefixtures(...)`)."""
    with in_member(tetouan):
        yield tetouan


@pytest.fixture(autouse=True)
def fresh_rate_limits(network, in_member):
    """Every test starts with no comment or report counted (the counters live in the cache,
    which no test transaction rolls back)."""
    for member in network.values():
        with in_member(member):
            cache.delete_pattern("ratelimit:consultations:*")
    yield


@pytest.fixture
def sent_link():
    """The verification link (its path) of the last e-mail sent."""

    def last() -> str:
        body = mail.outbox[-1].body
        return re.search(r"https?://[^/\s]+(/consultations/verify/\S+/)", body).group(1)

    return last
