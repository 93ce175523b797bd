"""Fixtures of the documents tests (the two members come from the repository's conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _files_in_tmp(media_root):
    """Every documents test writes its files under a temporary folder."""
    return media_root
