"""Fixtures of the surveys tests (the two members come from the repository's conftest.py)."""

import pytest


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema."""
    with in_member(tetouan):
        yield tetouan


@pytest.fixture(autouse=True)
def _no_rate_limit(monkeypatch):
    """Counters live in the cache for an hour, across tests: the test of the limit itself
    sets them back."""
    from tenants.surveys import services

    monkeypatch.setattr(services, "RESPONSES_PER_ADDRESS", 10_000)
    monkeypatch.setattr(services, "RESPONSES_PER_PERSON", 10_000)
