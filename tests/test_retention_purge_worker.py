"""The daily retention purge as the workers run it (workers/privacy.py): scheduled once a
night, fanned out per member, each task purging its own member only."""

from tenants.petitions.models import Signature
from tenants.privacy.retention import RETENTION, petition_appeal_days
from tenants.privacy.tests.test_privacy import _decided_petition


def test_the_worker_task_purges_in_the_member_it_is_sent_to(tetouan, tanger, in_member):
    from workers.privacy import retention_purge_for_member

    with in_member(tetouan):
        _decided_petition(petition_appeal_days() + 5)
    with in_member(tanger):
        _decided_petition(petition_appeal_days() + 5)
        counts = retention_purge_for_member.run()
        assert counts["signatory_identity"] == 2
        assert not Signature.objects.exclude(cin="").exists()
    with in_member(tetouan):
        assert Signature.objects.exclude(cin="").count() == 2


def test_the_purge_is_scheduled_daily_with_the_pending_purges():
    from workers.app import app

    entry = app.conf.beat_schedule["retention-purge"]
    assert entry["task"] == "workers.privacy.retention_purge_sweep"
    assert all(
        RETENTION[key].purge
        for key in ("pending_comment", "pending_survey_response", "pending_contribution")
    )
