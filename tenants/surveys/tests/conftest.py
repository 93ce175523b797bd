"""Fixtures of the surveys tests (the two members come from the repository's conftest.py)."""

from dataclasses import replace

import pytest

from citizens.limits import PUBLIC_WRITE_LIMITS


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema."""
    with in_member(tetouan):
        yield tetouan


@pytest.fixture(autouse=True)
def _no_rate_limit(monkeypatch):
    """Counters live in the cache for an hour, across tests: the test of the limit itself
    sets them back."""
    relaxed = replace(PUBLIC_WRITE_LIMITS["surveys:response"], per_email=10_000, per_address=10_000)
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, "surveys:response", relaxed)
