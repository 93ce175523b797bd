"""Shared fixtures for every test folder (tests/, network/, tenants/, workers/): the registry and two members (Tétouan, Tanger) created once per session.

A second member is one fixture away, so that every feature gets its cross-member test.
"""
import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import tenant_context

from network.members.models import Member
from network.members.services import member_provision
from network.registry.services import registry_load

from tests.hcp import TANGER, TETOUAN, TIMEZGANA  # noqa: F401


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """Always the test database, even for a run whose tests only use django_db_blocker
    (the worker and browser tests commit for real): pytest-django would otherwise set up no
    database for such a run and leave them on the development one."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def network(django_db_setup, django_db_blocker):
    assert connection.settings_dict["NAME"].startswith("test_"), "not on the test database"
    with django_db_blocker.unblock():
        registry_load()
        members = {name: member_provision(hcp_code=code).member
                   for name, code in (("tetouan", TETOUAN), ("tanger", TANGER))}
    return members


@pytest.fixture(autouse=True)
def back_to_public():
    yield
    connection.set_schema_to_public()


@pytest.fixture
def tetouan(network, db) -> Member:
    return network["tetouan"]


@pytest.fixture
def tanger(network, db) -> Member:
    return network["tanger"]


def host_of(member: Member) -> str:
    return member.domains.get(is_primary=True).domain


@pytest.fixture
def client_for():
    """A browser on one member's host (or on the network's host with None)."""
    def make(member: Member | None) -> Client:
        return Client(HTTP_HOST=host_of(member) if member else "localhost")
    return make


@pytest.fixture
def in_member():
    """`with in_member(tetouan): ...` runs the block in that member's schema."""
    return tenant_context
