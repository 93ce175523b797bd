"""Fixtures of the information requests tests (the two members come from the repository's
conftest.py)."""

import pytest

from tenants.information_requests.services import FILING_LIMIT as REAL_FILING_LIMIT


@pytest.fixture(autouse=True)
def _files_in_tmp(media_root):
    """Answer files are written under a temporary folder."""
    return media_root


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema."""
    with in_member(tetouan):
        yield tetouan


@pytest.fixture(autouse=True)
def _no_rate_limit(monkeypatch):
    """Counters live in the cache for an hour, across tests: tests of the limit itself turn it
    back on with `rate_limited` and unique identities."""
    from tenants.information_requests import services

    monkeypatch.setattr(services, "FILING_LIMIT", 10_000)


@pytest.fixture
def rate_limited(monkeypatch):
    """The real limit (FILING_LIMIT filings an hour); returns it."""
    from tenants.information_requests import services

    monkeypatch.setattr(services, "FILING_LIMIT", REAL_FILING_LIMIT)
    return REAL_FILING_LIMIT
