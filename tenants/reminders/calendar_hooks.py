"""The official calendar changed (a holiday decision, platform/citizens): the due dates of
the open information requests and complaints of a batch of members, counted again (called by
the workers' recount, workers/holidays.py, from the public schema; each member's rows stay in
its own schema, every statement names it). It lives with the reminders, above both the
requests it recounts and the outbox it writes to.

A due date is always derived from the receipt day (`received_on`): 20 working days (3 when
urgent), plus 20 (3 when urgent) from the original due date once extended; a complaint to the
head is answered within `complaint_head_answer_working_days()` of its receipt. Recounting from
there is idempotent: a second run, or one after a decision that changes nothing here, moves
nothing. The reminders derive from `due_on` at every sweep (tenants/reminders), so they follow.

Filter first: a date counted over the days after `received_on` up to `due_on` can only move
when one of the days whose status changed lies in that window, so only those rows are read,
every member of the batch in one round trip. The new dates are counted here, in Python (the
one place for working days: citizens.working_days), and written back by one
`UPDATE … FROM (VALUES …)` per member, sent together. That update only writes a row whose
dates are still the ones read (a member of staff who extended the request meanwhile counted
its dates with the new calendar already), and returns the rows it wrote: only those are told,
in the same transaction, the requesters and staff being looked up only where a date moved.
A member with nothing in the window costs a part of one round trip and nothing else.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import tenant_context

from citizens.across_schemas import bound, querysets_in_schemas, statements_run, table
from citizens.working_days import add_working_days
from tenants.information_requests.models import (
    ANSWER_WORKING_DAYS,
    EXTENSION_WORKING_DAYS,
    OPEN_STATES,
    URGENT_EXTENSION_WORKING_DAYS,
    URGENT_WORKING_DAYS,
    Complaint,
    ComplaintOutcome,
    InformationRequest,
    complaint_head_answer_working_days,
)
from tenants.notifications.models import Notification
from tenancy.addresses import current_member_site_url

# The outbox's own rows and INSERT (notification_record's), for rows recorded in bulk across
# members.
from tenants.notifications.recording import (
    outbox_hand_over,
    outbox_insert_statement,
    outbox_row_render,
)
from tenants.reminders.officers import officers_in_charge, staff_reminded, staff_steps
from tenants.site.models import SiteProfile
from kernel.page_cache import content_changed
from tenants.site.roles import STAFF_LANGUAGE

REQUESTER_KIND = "calendar.information_request.due_moved"
STAFF_KIND = "calendar.information_request.due_moved.staff"


@dataclass(frozen=True)
class MovedDueDate:
    request_id: int
    reference: str
    before: date
    after: date


@dataclass
class Recount:
    """What the recount did in one member."""

    moved: list[MovedDueDate] = field(default_factory=list)  # due dates (requests)
    complaints: int = 0  # the head's answer dates that moved
    told: int = 0  # e-mails recorded


def information_request_due_dates(information_request: InformationRequest) -> tuple[date, date]:
    """(initial due date, due date) of a request, counted from its receipt."""
    urgent = information_request.is_urgent
    initial = add_working_days(
        information_request.received_on, URGENT_WORKING_DAYS if urgent else ANSWER_WORKING_DAYS
    )
    if information_request.is_extended:
        return initial, add_working_days(
            initial, URGENT_EXTENSION_WORKING_DAYS if urgent else EXTENSION_WORKING_DAYS
        )
    return initial, initial


def _window_holds(days: list[date] | None, prefix: str = "") -> Q:
    """Rows whose counting window (received_on, due_on] holds one of `days`; every row when
    the days are not known."""
    if days is None:
        return Q()
    return Q(
        *[Q(**{f"{prefix}received_on__lt": day, f"{prefix}due_on__gte": day}) for day in days],
        _connector=Q.OR,
    )


def due_dates_recount(
    *,
    members: list,
    days: list[date] | None = None,
    notify: bool = True,
    site_urls: dict[str, str] | None = None,
) -> dict[str, Recount]:
    """Count again the due dates of the open requests and complaints of `members` (objects with
    `schema_name` and `is_suspended`: network members) whose window holds one of `days` (the
    days whose status changed; None: every open one). Tells requesters and officers of the
    due dates that moved (not at a suspended member, nor with `notify=False`), with links to
    each member's site (`site_urls` by schema, else looked up). Runs from any schema, on the
    current connection; returns {schema_name: Recount}."""
    members = {member.schema_name: member for member in members}
    if not members or days == []:
        return {schema_name: Recount() for schema_name in members}
    found = querysets_in_schemas(
        [
            InformationRequest.objects.filter(state__in=OPEN_STATES)
            .filter(_window_holds(days))
            .order_by("pk"),
            Complaint.objects.filter(outcome=ComplaintOutcome.OPEN)
            .filter(_window_holds(days))
            .order_by("pk"),
        ],
        list(members),
    )
    head_days = complaint_head_answer_working_days()
    requests_to_write, complaints_to_write = {}, {}
    for schema_name, (requests, complaints) in found.items():
        changed = [(r, *information_request_due_dates(r)) for r in requests]
        changed = [
            (r, initial, due)
            for r, initial, due in changed
            if (initial, due) != (r.initial_due_on, r.due_on)
        ]
        if changed:
            requests_to_write[schema_name] = changed
        moved = [(c, add_working_days(c.received_on, head_days)) for c in complaints]
        moved = [(c, due) for c, due in moved if due != c.due_on]
        if moved:
            complaints_to_write[schema_name] = moved
    recounts = {schema_name: Recount() for schema_name in members}
    if not requests_to_write and not complaints_to_write:
        return recounts

    with transaction.atomic():
        written = _write(requests_to_write, complaints_to_write)
        to_tell: dict[str, list[InformationRequest]] = {}
        for schema_name, (request_ids, complaint_ids) in written.items():
            recount = recounts[schema_name]
            recount.complaints = len(complaint_ids)
            for information_request, initial, due in requests_to_write.get(schema_name, []):
                if information_request.pk not in request_ids:
                    continue  # changed meanwhile: counted by whoever changed it
                if due != information_request.due_on:
                    to_tell.setdefault(schema_name, []).append(information_request)
                    recount.moved.append(
                        MovedDueDate(
                            information_request.pk,
                            information_request.reference,
                            information_request.due_on,
                            due,
                        )
                    )
                information_request.initial_due_on, information_request.due_on = initial, due
            if request_ids:
                # No save signal from an UPDATE: drop the member's cached pages (and refresh
                # its snapshot) once this commits.
                transaction.on_commit(_content_changed_in(members[schema_name]))
        if notify:
            to_tell = {
                schema_name: moved
                for schema_name, moved in to_tell.items()
                if not members[schema_name].is_suspended
            }
            recipients = _recipients_read(list(to_tell), days)
            rows = {
                schema_name: _notifications(
                    moved,
                    recounts[schema_name].moved,
                    recipients[schema_name],
                    site_url=_site_url(members[schema_name], site_urls),
                )
                for schema_name, moved in to_tell.items()
            }
            for schema_name, ids in _record(rows).items():
                recounts[schema_name].told = len(ids)
                transaction.on_commit(_hand_over(members[schema_name], ids), robust=True)
    return recounts


def _write(requests: dict[str, list], complaints: dict[str, list]) -> dict[str, tuple[set, set]]:
    """The new dates, an UPDATE per member and table, all sent together; the ids written,
    {schema_name: (request ids, complaint ids)}."""
    now = timezone.now()
    statements, targets = [], []
    for schema_name, changed in requests.items():
        values = ", ".join(
            bound("(%s, %s, %s, %s, %s)", [r.pk, r.initial_due_on, r.due_on, initial, due])
            for r, initial, due in changed
        )
        statements.append(
            bound(
                f"UPDATE {table(InformationRequest, schema_name)} AS t SET "
                "initial_due_on = v.initial_due_on, due_on = v.due_on, updated_at = %s "
                f"FROM (VALUES {values}) AS v(id, was_initial, was_due, initial_due_on, due_on) "
                "WHERE t.id = v.id AND t.initial_due_on = v.was_initial AND t.due_on = v.was_due "
                "AND t.state = ANY(%s) RETURNING t.id",
                [now, list(OPEN_STATES)],
            )
        )
        targets.append((schema_name, 0))
    for schema_name, moved in complaints.items():
        values = ", ".join(bound("(%s, %s, %s)", [c.pk, c.due_on, due]) for c, due in moved)
        statements.append(
            bound(
                f"UPDATE {table(Complaint, schema_name)} AS t SET due_on = v.due_on, "
                f"updated_at = %s FROM (VALUES {values}) AS v(id, was_due, due_on) "
                "WHERE t.id = v.id AND t.due_on = v.was_due AND t.outcome = %s RETURNING t.id",
                [now, ComplaintOutcome.OPEN],
            )
        )
        targets.append((schema_name, 1))
    written: dict[str, tuple[set, set]] = {}
    for (schema_name, which), rows in zip(targets, statements_run(statements)):
        written.setdefault(schema_name, (set(), set()))[which].update(pk for (pk,) in rows)
    return written


def _content_changed_in(member):
    def content_changed_after_recount():
        with tenant_context(member):
            content_changed()

    return content_changed_after_recount


def _site_url(member, site_urls: dict[str, str] | None) -> str:
    if site_urls is not None and member.schema_name in site_urls:
        return site_urls[member.schema_name].rstrip("/")
    with tenant_context(member):
        return current_member_site_url().rstrip("/")


# --- who is told ------------------------------------------------------------------------------


@dataclass
class _Recipients:
    """What telling needs of a member: its profile (the sender's name, the site's contact
    address), its staff who are reminded and its requests' staff steps, as officers.py reads
    them."""

    profile: SiteProfile | None
    staff: list[tuple[int, str, str]]  # (account id, role, e-mail)
    steps: list[tuple[int, int | None]]  # (request id, account id), oldest first


def _recipients_read(schema_names: list[str], days: list[date] | None) -> dict[str, _Recipients]:
    """Every member's _Recipients, in one round trip for all of them."""
    found = querysets_in_schemas(
        [
            SiteProfile.objects.order_by("pk")[:1],
            staff_reminded(),
            staff_steps(Q(request__state__in=OPEN_STATES) & _window_holds(days, "request__")),
        ],
        schema_names,
    )
    return {
        schema_name: _Recipients(profile=(profile or [None])[0], staff=staff, steps=steps)
        for schema_name, (profile, staff, steps) in found.items()
    }


def _officers(requests: list[InformationRequest], recipients: _Recipients) -> dict[int, list[str]]:
    """The addresses of the officer in charge of each request, by the reminders' rule
    (officers.py), from what was read for all members at once."""
    profile = recipients.profile
    return officers_in_charge(
        [information_request.pk for information_request in requests],
        steps=recipients.steps,
        staff=recipients.staff,
        contact_email=profile.contact_email if profile else "",
    )


def _notifications(
    moved: list[InformationRequest],
    dates: list[MovedDueDate],
    recipients: _Recipients,
    *,
    site_url: str,
) -> list[dict]:
    """The outbox rows of a member telling each requester with an address, and each officer,
    of the requests whose due date moved. Their keys are the ones a second run finds recorded:
    per request and new date; per officer and the set of (request, new date) they are told
    of."""
    profile = recipients.profile
    before = {m.request_id: m.before for m in dates}
    rows = []

    def row(*, key, email, language, template, context, kind):
        rows.append(
            outbox_row_render(
                key=key,
                recipient_email=email,
                language=language,
                template=template,
                context=context,
                kind=kind,
                profile=profile,
            )
        )

    for information_request in moved:
        if not information_request.email:
            continue  # a request received by post: its officer writes by post
        link = (
            site_url + reverse("information_requests:detail", args=[information_request.pk])
            if site_url
            else ""
        )
        row(
            key=f"calendar:information_request:{information_request.pk}:due:"
            f"{information_request.due_on:%Y-%m-%d}",
            email=information_request.email,
            language=information_request.language,
            template="citizens/email/deadline_moved",
            context={
                "information_request": information_request,
                "link": link,
                "before": before[information_request.pk],
            },
            kind=REQUESTER_KIND,
        )
    # Staff: one e-mail per person, listing the requests of theirs whose date moved.
    officers = _officers(moved, recipients)
    by_recipient: dict[str, list[InformationRequest]] = {}
    for information_request in moved:
        for email in officers[information_request.pk]:
            by_recipient.setdefault(email, []).append(information_request)
    for email, theirs in by_recipient.items():
        digest = hashlib.sha256(
            ";".join(f"{r.pk}:{r.due_on:%Y-%m-%d}" for r in theirs).encode()
        ).hexdigest()[:16]
        row(
            key=f"calendar:staff:{digest}:{email}",
            email=email,
            language=STAFF_LANGUAGE,
            template="citizens/email/deadlines_moved_staff",
            context={
                "moved": [(r, before[r.pk]) for r in theirs],
                "link": site_url + "/staff/" if site_url else "",
            },
            kind=STAFF_KIND,
        )
    return rows


def _record(rows_by_schema: dict[str, list[dict]]) -> dict[str, list[int]]:
    """Each member's rows in its outbox, an INSERT per member, all sent together; a key
    recorded already is skipped (ON CONFLICT), as `notification_record` does. The ids of the
    new rows, {schema_name: ids}."""
    schemas = [schema_name for schema_name, rows in rows_by_schema.items() if rows]
    statements = [
        bound(
            *outbox_insert_statement(table(Notification, schema_name), rows_by_schema[schema_name])
        )
        for schema_name in schemas
    ]
    inserted = {
        schema_name: [pk for (pk,) in rows]
        for schema_name, rows in zip(schemas, statements_run(statements))
    }
    return {schema_name: ids for schema_name, ids in inserted.items() if ids}


def _hand_over(member, ids: list[int]):
    def outbox_hand_over_after_recount():
        outbox_hand_over(member, only=ids)

    return outbox_hand_over_after_recount
