"""The network's side of platform/commitment_templates: the catalogue members read, and the
record of their copies (connected at start-up by PublicationsConfig.ready)."""

import commitment_templates
import events
from kernel.actors import Actor

from network.publications.selectors import commitment_template_catalogue
from network.publications.services import template_copy_record


def _published() -> list[dict]:
    return [template.as_copy() for template in commitment_template_catalogue()]


def _get(template_id: int) -> dict | None:
    template = commitment_template_catalogue().filter(pk=template_id).first()
    return template.as_copy() if template else None


def _record_copy(sender, *, schema_name: str, kind: str, data: dict, **kwargs) -> None:
    if kind != commitment_templates.TEMPLATE_COPIED:
        return
    template_copy_record(
        schema_name=schema_name,
        template_id=data["template_id"],
        version=data["template_version"],
        commitment_id=data["commitment_id"],
        by=Actor(
            name=data.get("by", ""),
            account_id=data.get("by_account_id"),
            network_account_id=data.get("by_network_account_id"),
        ),
    )


commitment_templates.provide(published=_published, get=_get)
events.member_event.connect(_record_copy, dispatch_uid="publications.record_template_copy")
