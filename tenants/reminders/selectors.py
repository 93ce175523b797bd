"""Which reminders are due, computed from the member's data alone (the current member's schema).

Nothing about reminders is stored here: each sweep derives from the requests, milestones,
meetings, consultations, programme and petitions what is due at `now`, and gives every
reminder an idempotency key made of what it is about and the date it is about (a new due date
makes a new key, so a moved deadline is reminded again). The outbox records a key once
(`notifications.recording.notification_record`), which is how a reminder is marked sent: a
sweep may run twice, late or after the broker lost its queue, and still send each reminder
once and miss none (see schedule.py for how long a late reminder stays due).

Who is reminded (the issue left it open; see docs/architecture.md, "Reminders"):
- a complaint to the head of the council about a request: the focal points, 3 working days
  before the head's answer is due and once it is overdue;
- an information request: the member of staff who last acted on it, by the account its
  history keeps, while still active staff; the focal points while nobody has, or once that
  account left the team (officers.py: the one rule, which the recount of due dates after a
  holiday decision follows too); its being overdue: the focal points;
- a milestone: the staff whose role may record its completion (focal points and editors: a
  commitment's lead is a department, not an account);
- a meeting: its active registrants, in the language they registered in;
- a consultation: the verified followers of the consultations topic, in their language;
- a council session: the focal points, for the programme still to adopt and for each petition
  due at that session;
- a petition's admissibility decision (the bureau's legal delay): the focal points, two weeks
  before it is due and once it is overdue.
Staff have no language of their own: their reminders are in Arabic, the back office's.
When the member has no focal point with an e-mail, the site's contact address stands in.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from citizens.working_days import add_working_days
from tenants.consultations.models import Consultation
from tenants.information_requests.models import OPEN_STATES, InformationRequest
from tenants.information_requests.selectors import complaint_waiting
from tenants.meetings.models import Registration
from tenants.meetings.services import registration_cancel_link
from tenants.notifications.models import Topic
from tenants.notifications.selectors import topic_followers
from tenants.notifications.links import subscriber_links
from tenants.notifications.recording import fit_key
from tenants.petitions.models import Petition
from tenants.petitions.models import State as PetitionState
from tenants.petitions.selectors import next_ordinary_session, petition_admissibility_due
from tenants.programme.models import Milestone, ProgrammeStatus
from tenants.programme.selectors import programme_current
from tenants.reminders import schedule
from tenants.reminders.officers import officers_in_charge, staff_reminded, staff_steps
from tenants.site.models import StaffMembership
from tenants.site.roles import MEMBER_STAFF_ROLES, STAFF_LANGUAGE, role_allows
from tenants.site.selectors import focal_point_list, site_profile_get

# Programme statuses whose adoption by the council is still to come.
AWAITING_ADOPTION = (ProgrammeStatus.DRAFT, ProgrammeStatus.CONSULTATION)
# Petitions the council must take at a session: submitted or admissible (the next ordinary
# session), or on the agenda of a given one.
PETITIONS_DUE_AT_SESSION = (
    PetitionState.SUBMITTED,
    PetitionState.ADMISSIBLE,
    PetitionState.REFERRED,
    PetitionState.ON_AGENDA,
)


class Kind:
    """What a reminder is about: part of its key, and the `kind` of its outbox row."""

    REQUEST_DUE_SOON = "reminder.information_request.due_soon"
    REQUEST_DUE_TODAY = "reminder.information_request.due_today"
    REQUEST_OVERDUE = "reminder.information_request.overdue"
    COMPLAINT_DUE_SOON = "reminder.information_request.complaint_due_soon"
    COMPLAINT_OVERDUE = "reminder.information_request.complaint_overdue"
    MILESTONE_DUE_SOON = "reminder.milestone.due_soon"
    MILESTONE_OVERDUE = "reminder.milestone.overdue"
    MEETING_EVE = "reminder.meeting.eve"
    CONSULTATION_CLOSING = "reminder.consultation.closing"
    SESSION_PROGRAMME = "reminder.session.programme"
    SESSION_PETITION = "reminder.session.petition"
    PETITION_ADMISSIBILITY_DUE_SOON = "reminder.petition.admissibility_due_soon"
    PETITION_ADMISSIBILITY_OVERDUE = "reminder.petition.admissibility_overdue"


# The e-mail template of each kind, under templates/reminders/email/.
TEMPLATES = {
    Kind.REQUEST_DUE_SOON: "information_request_due_soon",
    Kind.REQUEST_DUE_TODAY: "information_request_due_today",
    Kind.REQUEST_OVERDUE: "information_request_overdue",
    Kind.COMPLAINT_DUE_SOON: "information_request_complaint_due_soon",
    Kind.COMPLAINT_OVERDUE: "information_request_complaint_overdue",
    Kind.MILESTONE_DUE_SOON: "milestone_due_soon",
    Kind.MILESTONE_OVERDUE: "milestone_overdue",
    Kind.MEETING_EVE: "meeting_eve",
    Kind.CONSULTATION_CLOSING: "consultation_closing",
    Kind.SESSION_PROGRAMME: "session_programme",
    Kind.SESSION_PETITION: "session_petition",
    Kind.PETITION_ADMISSIBILITY_DUE_SOON: "petition_admissibility_due_soon",
    Kind.PETITION_ADMISSIBILITY_OVERDUE: "petition_admissibility_overdue",
}


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str = STAFF_LANGUAGE


@dataclass
class Reminder:
    kind: str
    key: str
    recipient: Recipient
    context: dict
    # The registration a meeting reminder is for (its `reminded_at` is set when recorded).
    registration_id: int | None = None
    # Signed links of the recipient's own (cancel, unsubscribe): signing costs, so they are
    # made only for a reminder about to be recorded, not for each one already sent.
    links: Callable[[], dict] | None = None

    @property
    def template(self) -> str:
        return f"reminders/email/{TEMPLATES[self.kind]}"

    def full_context(self) -> dict:
        return {**self.context, **(self.links() if self.links else {})}


def reminder_key(kind: str, subject_id: int, on: date, email: str) -> str:
    """`reminder:<kind>:<id>:<date>:<recipient>`: one reminder of one thing, for one date
    and one person (a key too long for the outbox ends with a digest of the whole)."""
    short_kind = kind.removeprefix("reminder.")
    return fit_key(f"reminder:{short_kind}:{subject_id}:{on.isoformat()}:{email.lower()}")


def _reminders(kind: str, subject_id: int, on: date, recipients, **context) -> list[Reminder]:
    return [
        Reminder(
            kind=kind,
            key=reminder_key(kind, subject_id, on, recipient.email),
            recipient=recipient,
            context=context,
        )
        for recipient in recipients
    ]


# --- who -----------------------------------------------------------------------------------


def focal_point_recipients() -> list[Recipient]:
    """The member's active focal points with an e-mail, or the site's contact address."""
    emails = [membership.user.email for membership in focal_point_list() if membership.user.email]
    if not emails:
        profile = site_profile_get()
        emails = [profile.contact_email] if profile and profile.contact_email else []
    return [Recipient(email) for email in dict.fromkeys(emails)]


def _staff_recipients(users) -> list[Recipient]:
    return [Recipient(email) for email in dict.fromkeys(user.email for user in users if user.email)]


def milestone_staff_recipients() -> list[Recipient]:
    """Active staff whose role may record a milestone's completion."""
    roles = [role for role in MEMBER_STAFF_ROLES if role_allows(role, "programme.change_milestone")]
    memberships = (
        StaffMembership.objects.filter(role__in=roles, user__is_active=True)
        .select_related("user")
        .order_by("user__pk")
    )
    return _staff_recipients(membership.user for membership in memberships)


def information_request_officers(requests: list[InformationRequest]) -> dict[int, list[Recipient]]:
    """The officer in charge of each request, by the account that last acted on it
    (officers.py: the rule and its reads; three queries for all)."""
    request_ids = [request.pk for request in requests]
    profile = site_profile_get()
    officers = officers_in_charge(
        request_ids,
        steps=staff_steps(Q(request__in=request_ids)),
        staff=staff_reminded(),
        contact_email=profile.contact_email if profile else "",
    )
    return {pk: [Recipient(email) for email in emails] for pk, emails in officers.items()}


# --- links ---------------------------------------------------------------------------------


def _link(site_url: str, name: str, *args) -> str:
    return site_url.rstrip("/") + reverse(name, args=args) if site_url else ""


# --- what is due ---------------------------------------------------------------------------


def information_request_reminders(*, today: date, site_url: str = "") -> list[Reminder]:
    """3 working days before the due date (until the day before), on the day, and once
    overdue (within the catch-up window), for every open request."""
    first_overdue, last_overdue = schedule.overdue_window(today)
    soon_until = add_working_days(today, schedule.INFORMATION_REQUEST_WORKING_DAYS_BEFORE)
    requests = list(
        InformationRequest.objects.filter(state__in=OPEN_STATES)
        .filter(
            Q(due_on__gt=today, due_on__lte=soon_until)
            | Q(due_on=today)
            | Q(due_on__gte=first_overdue, due_on__lte=last_overdue)
        )
        .order_by("due_on", "pk")
    )
    officers = information_request_officers(requests) if requests else {}
    focal_points = focal_point_recipients() if requests else []
    reminders = []
    for request in requests:
        context = {
            "information_request": request,
            "link": _link(
                site_url, "admin:information_requests_informationrequest_change", request.pk
            ),
        }
        if request.due_on < today:
            kind, recipients = Kind.REQUEST_OVERDUE, focal_points
        elif request.due_on == today:
            kind, recipients = Kind.REQUEST_DUE_TODAY, officers[request.pk]
        elif schedule.information_request_reminder_day(request.due_on) <= today:
            kind, recipients = Kind.REQUEST_DUE_SOON, officers[request.pk]
        else:
            continue
        reminders += _reminders(kind, request.pk, request.due_on, recipients, **context)
    return reminders


def information_request_complaint_reminders(*, today: date, site_url: str = "") -> list[Reminder]:
    """A complaint to the head of the council (law 31.13, art. 19): 3 working days before the
    head's answer is due (until the day), and once overdue (within the catch-up window), to
    the focal points."""
    first_overdue, _last_overdue = schedule.overdue_window(today)
    soon_until = add_working_days(today, schedule.INFORMATION_REQUEST_WORKING_DAYS_BEFORE)
    complaints = [
        complaint
        for complaint in complaint_waiting().filter(
            due_on__gte=first_overdue, due_on__lte=soon_until
        )
        if complaint.due_on < today
        or schedule.information_request_reminder_day(complaint.due_on) <= today
    ]
    focal_points = focal_point_recipients() if complaints else []
    reminders = []
    for complaint in complaints:
        kind = Kind.COMPLAINT_OVERDUE if complaint.due_on < today else Kind.COMPLAINT_DUE_SOON
        reminders += _reminders(
            kind,
            complaint.pk,
            complaint.due_on,
            focal_points,
            complaint=complaint,
            information_request=complaint.request,
            link=_link(site_url, "staff:requests:detail", complaint.request_id),
        )
    return reminders


def milestone_reminders(*, today: date, site_url: str = "") -> list[Reminder]:
    """A week before a milestone's due date (until the day before) and once it is overdue
    (within the catch-up window), while it is not done and its programme not evaluated."""
    first_overdue, last_overdue = schedule.overdue_window(today)
    soon_until = today + timedelta(days=schedule.MILESTONE_DAYS_BEFORE)
    milestones = list(
        Milestone.objects.filter(done_on__isnull=True)
        .exclude(commitment__programme__status=ProgrammeStatus.EVALUATED)
        .filter(
            Q(due_on__gt=today, due_on__lte=soon_until)
            | Q(due_on__gte=first_overdue, due_on__lte=last_overdue)
        )
        .select_related("commitment")
        .order_by("due_on", "pk")
    )
    staff = milestone_staff_recipients() if milestones else []
    reminders = []
    for milestone in milestones:
        kind = Kind.MILESTONE_OVERDUE if milestone.due_on < today else Kind.MILESTONE_DUE_SOON
        reminders += _reminders(
            kind,
            milestone.pk,
            milestone.due_on,
            staff,
            milestone=milestone,
            commitment=milestone.commitment,
            # Milestones are edited within their commitment in the back office.
            link=_link(site_url, "admin:programme_commitment_change", milestone.commitment_id),
        )
    return reminders


def petition_admissibility_reminders(*, today: date, site_url: str = "") -> list[Reminder]:
    """Two weeks before the bureau's admissibility decision on a submitted petition is due
    (until the day), and once it is overdue (within the catch-up window), to the focal
    points."""
    first_overdue, _last_overdue = schedule.overdue_window(today)
    petitions = list(
        petition_admissibility_due(
            until=today + timedelta(days=schedule.PETITION_ADMISSIBILITY_DAYS_BEFORE)
        ).filter(admissibility_due_on__gte=first_overdue)
    )
    focal_points = focal_point_recipients() if petitions else []
    reminders = []
    for petition in petitions:
        kind = (
            Kind.PETITION_ADMISSIBILITY_OVERDUE
            if petition.admissibility_due_on < today
            else Kind.PETITION_ADMISSIBILITY_DUE_SOON
        )
        reminders += _reminders(
            kind,
            petition.pk,
            petition.admissibility_due_on,
            focal_points,
            petition=petition,
            link=_link(site_url, "staff:petitions:detail", petition.pk),
        )
    return reminders


def meeting_reminders(*, now: datetime, site_url: str = "") -> list[Reminder]:
    """The day before a meeting (or later that day, or on the day itself before it starts,
    when a sweep was missed), to each active registrant in their language. Who registered
    on the eve or the day itself has just had the confirmation: no reminder."""
    today = timezone.localdate(now)
    # Meetings starting by the end of the day after the reminder's day.
    until = _start_of(today + timedelta(days=schedule.MEETING_DAYS_BEFORE + 1))
    registrations = (
        Registration.objects.filter(
            cancelled_at__isnull=True, meeting__starts_at__gt=now, meeting__starts_at__lt=until
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")
    )
    reminders = []
    for registration in registrations:
        meeting = registration.meeting
        starts_on = timezone.localdate(meeting.starts_at)
        eve = schedule.due_before(event_on=starts_on, days=schedule.MEETING_DAYS_BEFORE)
        if timezone.localdate(registration.registered_at) >= eve:
            continue
        recipient = Recipient(registration.email, registration.language)
        context = {
            "meeting": meeting,
            "registration": registration,
            "link": _link(site_url, "meetings:detail", meeting.pk),
        }
        reminders.append(
            Reminder(
                kind=Kind.MEETING_EVE,
                key=reminder_key(Kind.MEETING_EVE, registration.pk, starts_on, recipient.email),
                recipient=recipient,
                context=context,
                registration_id=registration.pk,
                links=partial(_cancel_link, registration, site_url),
            )
        )
    return reminders


def _cancel_link(registration: Registration, site_url: str) -> dict:
    if not site_url:
        return {}
    return {"cancel_link": registration_cancel_link(registration=registration, site_url=site_url)}


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, timezone.get_default_timezone())


def consultation_reminders(*, now: datetime, site_url: str = "") -> list[Reminder]:
    """2 days before an open consultation closes (until it closes), to its followers in their
    language, each e-mail with the follower's own manage and one-click unsubscribe links."""
    today = timezone.localdate(now)
    until = _start_of(today + timedelta(days=schedule.CONSULTATION_DAYS_BEFORE + 1))
    consultations = list(
        Consultation.objects.filter(
            opens_at__lte=now, closes_at__gt=now, closes_at__lt=until
        ).order_by("closes_at")
    )
    if not consultations:
        return []
    followers = list(topic_followers(topic=Topic.CONSULTATIONS))
    reminders = []
    for consultation in consultations:
        closes_on = timezone.localdate(consultation.closes_at)
        link = _link(site_url, "consultations:detail", consultation.pk)
        for subscriber in followers:
            reminders.append(
                Reminder(
                    kind=Kind.CONSULTATION_CLOSING,
                    key=reminder_key(
                        Kind.CONSULTATION_CLOSING, consultation.pk, closes_on, subscriber.email
                    ),
                    recipient=Recipient(subscriber.email, subscriber.language),
                    context={"consultation": consultation, "link": link},
                    links=partial(subscriber_links, subscriber, site_url=site_url),
                )
            )
    return reminders


def council_session_reminders(
    *, today: date, session_months: list[int], site_url: str = ""
) -> list[Reminder]:
    """A month before the council session where the current programme is to be adopted (the
    next ordinary session while it is a draft or under consultation) or where a petition is
    due (its session's date once on the agenda, the next ordinary session before), until the
    session, to the focal points."""
    next_session = (
        next_ordinary_session(months=session_months, after=today) if session_months else None
    )
    due: list[tuple[str, object, date, dict]] = []
    programme = programme_current()
    if programme and programme.status in AWAITING_ADOPTION and next_session:
        due.append((Kind.SESSION_PROGRAMME, programme, next_session, {"programme": programme}))
    for petition in Petition.objects.filter(state__in=PETITIONS_DUE_AT_SESSION).order_by("pk"):
        on_agenda = petition.state == PetitionState.ON_AGENDA and petition.session_date
        session = petition.session_date if on_agenda else next_session
        if session:
            due.append(
                (
                    Kind.SESSION_PETITION,
                    petition,
                    session,
                    {
                        "petition": petition,
                        "link": _link(site_url, "admin:petitions_petition_change", petition.pk),
                    },
                )
            )
    due = [entry for entry in due if schedule.month_before(entry[2]) <= today < entry[2]]
    focal_points = focal_point_recipients() if due else []
    reminders = []
    for kind, subject, session, context in due:
        reminders += _reminders(kind, subject.pk, session, focal_points, session=session, **context)
    return reminders


def reminders_due(
    *, now: datetime, session_months: list[int], site_url: str = ""
) -> list[Reminder]:
    """Every reminder due at `now` in the current member, sent or not (the outbox's keys tell)."""
    today = timezone.localdate(now)
    return [
        *information_request_reminders(today=today, site_url=site_url),
        *information_request_complaint_reminders(today=today, site_url=site_url),
        *milestone_reminders(today=today, site_url=site_url),
        *petition_admissibility_reminders(today=today, site_url=site_url),
        *meeting_reminders(now=now, site_url=site_url),
        *consultation_reminders(now=now, site_url=site_url),
        *council_session_reminders(today=today, session_months=session_months, site_url=site_url),
    ]
