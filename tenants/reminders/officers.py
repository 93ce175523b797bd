"""Who is in charge of an information request (the current member's schema): the member of
staff who last acted on it, found by the account its history keeps (kernel.actors), while that
account is still active staff of the member; else the focal points, else the site's contact
address. Never by name: two colleagues may share one, and a name matches nobody once changed.

One rule, for the reminders (selectors.py) and for the staff told that due dates moved after a
holiday decision (calendar_hooks.py). The latter reads many members in one round trip, so the
rule (`officers_in_charge`) takes rows already read, and both read them with the querysets
below: run in the member's schema, or in many at once (citizens.across_schemas).
"""

from django.db.models import Q, QuerySet

from tenants.information_requests.models import RequestEvent
from tenants.site.models import StaffMembership
from tenants.site.roles import MEMBER_STAFF_ROLES, Role


def staff_reminded() -> QuerySet:
    """(account id, role, e-mail) of the member's own active staff with a role that is
    reminded (never the directorate's assistance account), by last name."""
    return (
        StaffMembership.objects.filter(user__is_active=True, role__in=MEMBER_STAFF_ROLES)
        .order_by("user__last_name", "user_id")
        .values_list("user_id", "role", "user__email")
    )


def staff_steps(requests: Q) -> QuerySet:
    """(request id, account id or None) of every step a member of staff took on the requests
    `requests` selects (a condition on the step, e.g. Q(request__in=...)), oldest first: the
    last one per request is who acted last. Steps of the requester or the system have no
    author and are left out."""
    return (
        RequestEvent.objects.filter(requests)
        .exclude(by="")
        .order_by("at", "pk")
        .values_list("request_id", "by_account_id")
    )


def officers_in_charge(
    request_ids, *, steps, staff, contact_email: str = ""
) -> dict[int, list[str]]:
    """The addresses to tell about each request of `request_ids`: the one of the account that
    took its last staff step (`steps`, as `staff_steps` reads them) when that account is among
    `staff` (as `staff_reminded` reads them); otherwise the focal points' addresses, or
    `contact_email` when there is no focal point with one."""
    last_actor = dict(steps)  # oldest first: the latest wins
    addresses = {account_id: email for account_id, _role, email in staff if email}
    focal_points = list(
        dict.fromkeys(email for _id, role, email in staff if role == Role.FOCAL_POINT and email)
    ) or ([contact_email] if contact_email else [])
    return {
        request_id: (
            [addresses[last_actor[request_id]]]
            if last_actor.get(request_id) in addresses
            else focal_points
        )
        for request_id in request_ids
    }
