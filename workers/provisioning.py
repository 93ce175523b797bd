"""Jobs of the `provisioning` queue (public schema)."""

from django.db import OperationalError
from django.dispatch import receiver

from network.console.models import Onboarding
from network.console.services import onboarding_run
from network.console.signals import onboarding_requested
from network.members.models import Member
from network.members.services import ProvisioningError, member_provision
from network.members.spares import spare_schemas_refill
from workers.aggregation import snapshot_refresh_member
from workers.app import app


@app.task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def provision_member(self, hcp_code: str, custom_domains: list[str] | None = None) -> dict:
    """Provision one member; idempotent, so a redelivered task changes nothing."""
    try:
        outcome = member_provision(hcp_code=hcp_code, custom_domains=custom_domains or [])
    except ProvisioningError as error:
        return {"hcp_code": hcp_code, "ok": False, "error": str(error)}
    if outcome.created:
        refill_spare_schemas.delay()  # the next onboarding finds a spare again
    return {
        "hcp_code": hcp_code,
        "ok": True,
        "schema_name": outcome.member.schema_name,
        "created": outcome.created,
        "added_domains": outcome.added_domains,
    }


@app.task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def refill_spare_schemas() -> dict:
    """Keep MEMBER_SPARE_SCHEMAS schemas built ahead of time (and none of an older template).

    Two refills at once could overshoot by a spare or two: harmless, the next one is used.
    """
    return spare_schemas_refill()


@app.task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def onboard_member(onboarding_id: int) -> dict:
    """Carry out an onboarding asked for in the directorate console (its state shows there:
    pending → provisioning → ready or failed). Idempotent: a finished one is left alone."""
    onboarding = onboarding_run(onboarding_id=onboarding_id)
    if onboarding is None:
        return {"onboarding_id": onboarding_id, "state": None}
    if onboarding.state == Onboarding.State.READY:
        refill_spare_schemas.delay()
        # Its snapshot now (a few ms): the dashboard lists members from snapshots only.
        member = Member.objects.filter(collectivity_id=onboarding.collectivity_id).first()
        if member is not None:
            snapshot_refresh_member(member.schema_name)
    return {"onboarding_id": onboarding_id, "state": onboarding.state}


@receiver(onboarding_requested, dispatch_uid="workers.provisioning.onboarding_requested")
def _onboarding_queue(sender, onboarding_id: int, **kwargs) -> None:
    onboard_member.delay(onboarding_id)
