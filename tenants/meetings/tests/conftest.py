"""Fixtures of the meetings tests (the two members come from the repository's conftest.py)."""

import uuid
from contextlib import contextmanager

import pytest


@pytest.fixture
def in_tetouan(tetouan, in_member):
    """The test runs in Tétouan's schema (`pytestmark = pytest.mark.usefixtures(...)`)."""
    with in_member(tetouan):
        yield tetouan


@pytest.fixture
def visitor(client_for):
    """`visitor(member)`: a browser on the member's host from a network address of its own
    (rate limits count per address for the whole test run)."""

    def make(member):
        client = client_for(member)
        a, b, c = uuid.uuid4().bytes[:3]
        client.defaults["REMOTE_ADDR"] = f"10.{a}.{b}.{c}"
        return client

    return make


@pytest.fixture
def commits_in(in_member, django_capture_on_commit_callbacks):
    """`with commits_in(tetouan): browser.post(...)`: what the requests left for after the
    commit runs at the end, in the member's schema. In a test nothing commits before the
    block ends, and the routing middleware goes back to the public schema after each request,
    whereas a real request commits while it is still in its member's schema."""

    @contextmanager
    def run(member):
        with django_capture_on_commit_callbacks() as callbacks:
            yield
        with in_member(member):
            for callback in callbacks:
                callback()

    return run
