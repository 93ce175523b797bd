"""Provisioning through a real Celery worker process, on the real Redis broker."""

import pytest
from django.db import connection
from django_tenants.utils import schema_exists

from network.members.models import Member
from tenant_schemas_celery.task import _shared_storage

from workers.base import MemberNotReady, MemberTask
from workers.fanout import for_each_member
from workers.provisioning import provision_member
from workers.sweeps import member_ping
from tests.worker_process import wait_for, worker_start, worker_stop

CHEFCHAOUEN = "01.151.01.01"


@pytest.fixture(scope="module")
def worker(network):
    """A real worker on every queue, pointed at the test database."""
    process = worker_start(MEMBER_SPARE_SCHEMAS="1")
    yield process
    worker_stop(process)


def spare_names() -> list[str]:
    from network.members.spares import PREFIX

    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s)", [PREFIX])
        return [row[0] for row in cursor.fetchall()]


def test_provisioning_through_the_worker(worker, django_db_blocker):
    with django_db_blocker.unblock():
        try:
            result = provision_member.delay(CHEFCHAOUEN).get(timeout=60)
            assert result["ok"] and result["created"] and result["schema_name"] == "m_011510101"
            member = Member.objects.get(collectivity_id=CHEFCHAOUEN)
            assert member.is_ready and schema_exists(member.schema_name)
            # Delivered again (as after a worker crash): nothing changes.
            again = provision_member.delay(CHEFCHAOUEN).get(timeout=60)
            assert again["ok"] and not again["created"]
            failed = provision_member.delay("00.000").get(timeout=60)
            assert not failed["ok"] and "00.000" in failed["error"]
            # A member was created: the worker builds a spare schema for the next one.
            assert len(wait_for(spare_names, what="a spare schema")) == 1
        finally:
            with connection.cursor() as cursor:
                for spare in spare_names():
                    cursor.execute(f'DROP SCHEMA "{spare}" CASCADE')
            member = Member.objects.filter(collectivity_id=CHEFCHAOUEN).first()
            if member:
                with connection.cursor() as cursor:
                    cursor.execute(f"DROP SCHEMA IF EXISTS {member.schema_name} CASCADE")
                member.domains.all().delete()
                member.delete()


def test_a_task_sent_for_a_member_runs_in_that_member(worker, network, django_db_blocker):
    with django_db_blocker.unblock():
        tetouan, tanger = network["tetouan"], network["tanger"]
        assert member_ping.apply_async_for_member(tetouan).get(timeout=30) == {
            "schema_name": tetouan.schema_name,
            "hcp_code": "01.571.01.11",
        }
        assert (
            member_ping.apply_async_for_member(tanger).get(timeout=30)["hcp_code"] == "01.511.01.0"
        )


def test_a_member_not_ready_is_refused_to_tasks(tetouan):
    Member.objects.filter(pk=tetouan.pk).update(is_ready=False)
    _shared_storage.clear()
    with pytest.raises(MemberNotReady):
        MemberTask.get_tenant_for_schema(tetouan.schema_name)
    _shared_storage.clear()


def test_fan_out_reaches_only_ready_members(tetouan, tanger):
    Member.objects.filter(pk=tanger.pk).update(is_ready=False)

    class Recorder:
        sent = []

        def apply_async_for_member(self, member, **options):
            self.sent.append((member.schema_name, options["countdown"]))

    recorder = Recorder()
    assert for_each_member(recorder, spread_seconds=60) == len(recorder.sent)
    schemas = [schema for schema, _ in recorder.sent]
    assert tetouan.schema_name in schemas and tanger.schema_name not in schemas
    assert all(0 <= countdown <= 60 for _, countdown in recorder.sent)
