"""A change in a member refreshes its snapshot through a real Celery worker (queue
`aggregation`), once per debounce window; the full refresh fans out in chunks."""

import pytest
from django.conf import settings
from django_redis import get_redis_connection
from django_tenants.utils import tenant_context

from network.aggregation.models import MemberSnapshot
from tenants.documents.services import document_delete
from tenants.documents.tests.factories import document_factory
from tests.worker_process import wait_for, worker_start, worker_stop
from workers.aggregation import debounce_key, snapshot_refresh_schedule, snapshots_refresh_all

DEBOUNCE = 3  # long enough that the "no second refresh" check cannot outlive it on a loaded machine


@pytest.fixture(scope="module")
def aggregation_worker(network):
    """A real worker on the aggregation queue, pointed at the test database."""
    process = worker_start(
        queues="aggregation",
        AGGREGATION_DEBOUNCE_SECONDS=str(DEBOUNCE),
        CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"],
    )
    yield process
    worker_stop(process)


def _wait_for(condition):
    return wait_for(condition, timeout=30, what="the worker to refresh the snapshot")


def _documents_in_snapshot(member) -> int | None:
    snapshot = MemberSnapshot.objects.filter(member=member).first()
    return snapshot.figures["documents"]["total"] if snapshot else None


def test_a_change_in_a_member_refreshes_its_snapshot_through_the_worker(
    aggregation_worker, network, django_db_blocker, settings
):
    settings.AGGREGATION_DEBOUNCE_SECONDS = DEBOUNCE
    tetouan, tanger = network["tetouan"], network["tanger"]
    with django_db_blocker.unblock():
        MemberSnapshot.objects.all().delete()
        get_redis_connection("default").delete(debounce_key(tetouan.schema_name))
        try:
            with tenant_context(tetouan):
                before = _count_documents()
                document = document_factory(
                    title_ar="ميزانية 2026"
                )  # committed: no test transaction
            # The change scheduled one refresh; more changes in the window add none.
            assert not snapshot_refresh_schedule(schema_name=tetouan.schema_name)
            _wait_for(lambda: _documents_in_snapshot(tetouan) == before + 1)
            assert not MemberSnapshot.objects.filter(member=tanger).exists()  # only that member
        finally:
            with tenant_context(tetouan):
                document_delete(document=document)
            _wait_for(lambda: _documents_in_snapshot(tetouan) == before)
            MemberSnapshot.objects.all().delete()


def test_the_full_refresh_fans_out_in_chunks_to_the_worker(
    aggregation_worker, network, django_db_blocker
):
    with django_db_blocker.unblock():
        MemberSnapshot.objects.all().delete()
        try:
            assert snapshots_refresh_all.delay(chunk_size=1).get(timeout=30) == 2
            _wait_for(lambda: MemberSnapshot.objects.count() == 2)
        finally:
            MemberSnapshot.objects.all().delete()


def _count_documents() -> int:
    from tenants.documents.selectors import category_freshness

    return sum(category.count for category in category_freshness())
