"""Fixtures of the information requests tests (the two members come from the repository's
conftest.py)."""

from dataclasses import replace

import pytest

from citizens.limits import PUBLIC_WRITE_LIMITS

FILING = "information_requests:filing"
REAL_FILING_LIMIT = PUBLIC_WRITE_LIMITS[FILING]


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
    relaxed = replace(REAL_FILING_LIMIT, per_email=10_000, per_address=10_000)
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, FILING, relaxed)


@pytest.fixture
def rate_limited(monkeypatch):
    """The real limit (filings an hour, per e-mail and per address); returns it."""
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, FILING, REAL_FILING_LIMIT)
    return REAL_FILING_LIMIT
