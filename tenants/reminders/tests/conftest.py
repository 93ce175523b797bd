"""Fixtures of the reminders tests (the two members come from the repository's conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _files_in_tmp(media_root):
    return media_root


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema."""
    with in_member(tetouan):
        yield tetouan
