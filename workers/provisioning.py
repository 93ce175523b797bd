"""Jobs of the `provisioning` queue (public schema)."""
from django.db import OperationalError

from network.members.services import ProvisioningError, member_provision
from workers.app import app


@app.task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def provision_member(self, hcp_code: str, custom_domains: list[str] | None = None) -> dict:
    """Provision one member; idempotent, so a redelivered task changes nothing."""
    try:
        outcome = member_provision(hcp_code=hcp_code, custom_domains=custom_domains or [])
    except ProvisioningError as error:
        return {"hcp_code": hcp_code, "ok": False, "error": str(error)}
    return {"hcp_code": hcp_code, "ok": True, "schema_name": outcome.member.schema_name,
            "created": outcome.created, "added_domains": outcome.added_domains}
