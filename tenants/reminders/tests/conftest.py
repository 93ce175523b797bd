"""Fixtures of the reminders tests (the two members come from the repository's conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _files_in_tmp(media_root):
    return media_root


@pytest.fixture(autouse=True)
def _no_rate_limit(monkeypatch):
    """Filing limits count per e-mail in the cache for an hour, across tests."""
    from tenants.information_requests import services

    monkeypatch.setattr(services, "FILING_LIMIT", 10_000)


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema."""
    with in_member(tetouan):
        yield tetouan
