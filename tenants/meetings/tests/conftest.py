"""Fixtures of the meetings tests (the two members come from the repository's conftest.py)."""
import pytest


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema (`pytestmark = pytest.mark.usefixtures(...)`)."""
    with in_member(tetouan):
        yield tetouan
