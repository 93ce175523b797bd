"""One way to make each thing the petitions tests need (in the current member's schema)."""

from tenants.petitions.models import Link, Petition, Signature
from tenants.petitions.services import petition_create, petition_settings_update, signature_add
from kernel.actors import Actor

SUBJECT = "تهيئة حديقة عمومية بحي الأمل"
TEXT = "نلتمس من المجلس إدراج نقطة تتعلق بتهيئة حديقة عمومية بحي الأمل في جدول أعمال دورته."
AGENT = {
    "agent_name": "سعاد المرابط",
    "agent_cin": "L 987654",
    "agent_email": "souad@example.ma",
    "agent_phone": "0612345678",
}


def petition(*, threshold: int | None = None, **fields) -> Petition:
    """A published petition entered by staff; `threshold` sets the member's threshold first."""
    if threshold is not None:
        petition_settings_update(threshold=threshold)
    return petition_create(
        by=Actor(name="staff"), **{"subject": SUBJECT, "text": TEXT, **AGENT, **fields}
    )


def sign(target: Petition, count: int, *, start: int = 0) -> list[Signature]:
    """`count` signatures with distinct national ID numbers."""
    return [
        signature_add(
            petition=target,
            full_name=f"موقع {number}",
            cin=f"AB{100000 + number}",
            link=Link.RESIDENT,
        )
        for number in range(start, start + count)
    ]
