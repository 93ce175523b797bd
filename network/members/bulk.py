"""Onboarding many members at once, over several processes (public schema)."""

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

from network.members.models import SchemaTemplate
from network.members.schema_template import schema_template_current
from network.members.services import ProvisioningError, member_provision

CHUNK = 10
RECONNECT_EVERY = 200

_child_template: SchemaTemplate | None = None
_child_count = 0


@dataclass
class BulkOutcome:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def _provision_chunk(codes: list[str]) -> list[tuple[str, str, str]]:
    global _child_count
    results = []
    for code in codes:
        try:
            outcome = member_provision(hcp_code=code, template=_child_template)
            results.append((code, "created" if outcome.created else "unchanged", ""))
        except ProvisioningError as error:
            results.append((code, "failed", str(error)))
        _child_count += 1
        if _child_count % RECONNECT_EVERY == 0:
            connection.close()  # drop the catalog cache this connection has grown
    return results


def _child_init(template: SchemaTemplate) -> None:
    global _child_template
    _child_template = template
    connection.close()  # never share the parent's socket


def members_provision_many(
    *, codes: list[str], processes: int = 2, progress: Callable[[int], None] | None = None
) -> BulkOutcome:
    """Provision every code; each member in its own transaction. Safe to run again."""
    template = schema_template_current()
    chunks = [codes[i : i + CHUNK] for i in range(0, len(codes), CHUNK)]
    outcome = BulkOutcome()

    def collect(results):
        for code, status, message in results:
            if status == "failed":
                outcome.failed[code] = message
            else:
                getattr(outcome, status).append(code)
        if progress:
            progress(len(results))

    if processes <= 1:
        global _child_template
        _child_template = template
        for chunk in chunks:
            collect(_provision_chunk(chunk))
        return outcome

    connection.close()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_child_init, initargs=(template,)) as pool:
        for results in pool.imap_unordered(_provision_chunk, chunks):
            collect(results)
    return outcome
