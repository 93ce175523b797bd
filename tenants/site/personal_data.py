"""Least privilege on identity data (member schema).

Requesters' identity documents (law 31.13 asks for the requester's identity) and petition
signatories' CIN numbers (organic laws 111.14/112.14/113.14: the bureau checks them) are read
only by the role whose task needs them: the focal point, who answers for the member's
information requests and prepares the bureau's admissibility check. Editors and moderators,
and the directorate's assistance account, never see them. Every reading by staff is logged
(`PersonalDataRead`), readable by the focal point in the back office.
"""

from django.db.models import Model

from tenants.site.models import PersonalDataRead
from tenants.site.roles import Role, person_name, user_role

IDENTITY_ROLES = frozenset({Role.FOCAL_POINT})


def identity_visible(user) -> bool:
    """May `user` read identity documents and CIN numbers in this member?"""
    return user.is_authenticated and user_role(user) in IDENTITY_ROLES


def identity_read_record(*, user, subject: Model | str, fields: list[str]) -> PersonalDataRead:
    """Log that `user` was shown `fields` of `subject` (an object, or a label for a list)."""
    label = subject if isinstance(subject, str) else f"{subject._meta.verbose_name}: {subject}"
    return PersonalDataRead.objects.create(
        account=user,
        account_name=person_name(user)[:200],
        subject=label[:200],
        fields=", ".join(fields)[:300],
    )
