"""Writes on information requests (the current member's schema: every function runs where it
is called, from a request on the member's host, the admin, the API or a task).

Every step is validated against the request's state (`ALLOWED_FROM`), dated and kept as a
`RequestEvent`. The requester is written to (`member_mail_send`, after commit) when the request
is received, when its deadline is extended (beforehand, with the reason: the law asks for it),
when it is decided, and when its deadline passes without an answer.

`by` is the member of staff who acts (kernel.actors.Actor, from tenants.site.staff.actor);
`site_url` (the member site's address) puts a link to the request in the e-mails; `today` is
for the demo and the tests (the day the step happens), never taken from a public input.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from citizens import clean_citizen_text
from citizens.working_days import add_working_days
from events import emit
from kernel.partial_update import fields_update
from kernel.actors import NOBODY, Actor
from tenants.information_requests.models import (
    ANSWER_WORKING_DAYS,
    COMPLAINT_TO_COMMISSION_DAYS,
    EXTENSION_WORKING_DAYS,
    LAW_IN_FORCE_ON,
    LEGAL_TERMS,
    OPEN_STATES,
    URGENT_EXTENSION_WORKING_DAYS,
    URGENT_WORKING_DAYS,
    Channel,
    Complaint,
    ComplaintOutcome,
    InformationRequest,
    RefusalGround,
    RequestEvent,
    State,
    Step,
    Transition,
    complaint_head_answer_working_days,
)
from tenants.information_requests.tokens import requester_link
from kernel.mail import member_mail_send

REFERENCE_PREFIX = "DI"

# From which states each step may be taken. A decision or a withdrawal closes the request.
ALLOWED_FROM = {
    Step.STARTED: (State.RECEIVED,),
    Step.EXTENDED: (State.RECEIVED, State.IN_PROGRESS),
    Step.ANSWERED: OPEN_STATES,
    Step.PARTLY_ANSWERED: OPEN_STATES,
    Step.REFUSED: OPEN_STATES,
    Step.WITHDRAWN: OPEN_STATES,
}
STATE_AFTER = {
    Step.STARTED: State.IN_PROGRESS,
    Step.EXTENDED: State.EXTENDED,
    Step.ANSWERED: State.ANSWERED,
    Step.PARTLY_ANSWERED: State.PARTLY_ANSWERED,
    Step.REFUSED: State.REFUSED,
    Step.WITHDRAWN: State.WITHDRAWN,
}


def _moment(today: date | None) -> datetime:
    if today is None:
        return timezone.now()
    return datetime.combine(today, time(10), timezone.get_default_timezone())


def _day(today: date | None) -> date:
    return today or timezone.localdate()


def _next_number(year: int) -> int:
    # One filing at a time per member gets its number (the lock ends with the transaction);
    # advisory lock keys are database-wide, so the member's schema is part of the key.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))",
            [f"{connection.schema_name}:information_requests:reference"],
        )
    last = InformationRequest.objects.filter(year=year).aggregate(last=Max("sequence"))["last"]
    return (last or 0) + 1


def _mail(information_request: InformationRequest, template: str, site_url: str, **context) -> None:
    """Write to the requester, with the request's public page and their own private page
    (where they follow it and may complain)."""
    if not information_request.email:
        return  # a request received by post is answered by post
    link = (
        (
            site_url.rstrip("/")
            + reverse("information_requests:detail", args=[information_request.pk])
        )
        if site_url
        else ""
    )
    member_mail_send(
        to=information_request.email,
        template=f"information_requests/email/{template}",
        context={
            "information_request": information_request,
            "link": link,
            "private_link": requester_link(information_request, site_url=site_url),
            **LEGAL_TERMS,
            **context,
        },
        language=information_request.language,
    )


def _create(
    *,
    requester_name: str,
    id_document: str,
    id_number: str,
    postal_address: str,
    email: str,
    information_wanted: str,
    is_urgent: bool,
    urgency_reason: str,
    language: str,
    received_on: date,
    channel: str,
    scan: File | None,
    by: Actor,
    moment: datetime,
    site_url: str,
) -> InformationRequest:
    """Number, validate and save a request received on `received_on`, record its first step
    and send the receipt (when there is an e-mail). The deadline runs from `received_on`."""
    due_on = add_working_days(
        received_on, URGENT_WORKING_DAYS if is_urgent else ANSWER_WORKING_DAYS
    )
    sequence = _next_number(received_on.year)
    information_request = InformationRequest(
        reference=f"{REFERENCE_PREFIX}-{received_on.year}-{sequence:04d}",
        year=received_on.year,
        sequence=sequence,
        requester_name=clean_citizen_text(requester_name),
        id_document=id_document,
        id_number="".join(id_number.split()).upper(),
        postal_address=clean_citizen_text(postal_address),
        email=email.strip().lower(),
        language=language if language in ("ar", "fr") else "ar",
        information_wanted=clean_citizen_text(information_wanted),
        is_urgent=is_urgent,
        urgency_reason=clean_citizen_text(urgency_reason) if is_urgent else "",
        received_on=received_on,
        initial_due_on=due_on,
        due_on=due_on,
        channel=channel,
        scan=scan or "",
    )
    information_request.full_clean()
    information_request.save()
    RequestEvent.objects.create(
        request=information_request,
        step=Step.FILED,
        state_after=State.RECEIVED,
        at=moment,
        **by.columns(),
        note=str(Channel(channel).label) if channel != Channel.ONLINE else "",
    )
    _mail(information_request, "receipt", site_url)
    emit("information_request.filed", request_id=information_request.pk)
    return information_request


@transaction.atomic
def information_request_file(
    *,
    requester_name: str,
    id_document: str,
    id_number: str,
    postal_address: str,
    email: str,
    information_wanted: str,
    is_urgent: bool = False,
    urgency_reason: str = "",
    language: str = "ar",
    site_url: str = "",
    today: date | None = None,
) -> InformationRequest:
    """Record a request filed on the site and send its receipt: the reference, the due date
    and the requester's own link.

    The requester's name, identity document, postal address and e-mail are personal data
    (models.PERSONAL_FIELDS). Every text is cleaned of markup. The page and the API count the
    filings per e-mail and per address first (row `information_requests:filing` of
    citizens.limits).
    """
    email = email.strip().lower()
    return _create(
        requester_name=requester_name,
        id_document=id_document,
        id_number=id_number,
        postal_address=postal_address,
        email=email,
        information_wanted=information_wanted,
        is_urgent=is_urgent,
        urgency_reason=urgency_reason,
        language=language,
        received_on=_day(today),
        channel=Channel.ONLINE,
        scan=None,
        by=NOBODY,  # the requester, who has no account
        moment=_moment(today),
        site_url=site_url,
    )


def _check_received_on(
    received_on: date | None,
    today: date,
    *,
    field: str = "received_on",
    earliest: date = LAW_IN_FORCE_ON,
) -> None:
    """A receipt date given by staff: known, not in the future, not before `earliest`."""
    if received_on is None:
        raise ValidationError(
            {field: ValidationError(_("Give the date it was received."), code="required")}
        )
    if received_on > today:
        raise ValidationError(
            {
                field: ValidationError(
                    _("The date it was received cannot be in the future."), code="future"
                )
            }
        )
    if received_on < earliest:
        raise ValidationError(
            {
                field: ValidationError(
                    _("The date it was received cannot be before %(day)s.")
                    % {"day": formats.date_format(earliest, "DATE_FORMAT")},
                    code="too_early",
                )
            }
        )


@transaction.atomic
def information_request_record(
    *,
    by: Actor,
    channel: str,
    received_on: date | None,
    requester_name: str,
    id_document: str,
    id_number: str,
    postal_address: str,
    information_wanted: str,
    email: str = "",
    is_urgent: bool = False,
    urgency_reason: str = "",
    language: str = "ar",
    scan: File | None = None,
    site_url: str = "",
    today: date | None = None,
) -> InformationRequest:
    """Staff record a request received on paper at the desk, by post or by e-mail, on the day
    it was really received (not in the future, not before the law's entry into force): its
    deadline runs from that day. The scan of the request is kept private (models.scan). The
    receipt goes to the requester's e-mail when one is given; otherwise by post."""
    if channel not in (Channel.DESK, Channel.POST, Channel.EMAIL):
        raise ValidationError(
            {"channel": ValidationError(_("Say how the request was received."), code="channel")}
        )
    _check_received_on(received_on, _day(today))
    return _create(
        requester_name=requester_name,
        id_document=id_document,
        id_number=id_number,
        postal_address=postal_address,
        email=email,
        information_wanted=information_wanted,
        is_urgent=is_urgent,
        urgency_reason=urgency_reason,
        language=language,
        received_on=received_on,
        channel=channel,
        scan=scan,
        by=by,
        moment=_moment(today),
        site_url=site_url,
    )


def _locked(information_request: InformationRequest) -> InformationRequest:
    """The request as stored, locked until the transaction ends (two clerks, one request)."""
    return InformationRequest.objects.select_for_update().get(pk=information_request.pk)


def _check_allowed(information_request: InformationRequest, step: Step) -> None:
    if information_request.state not in ALLOWED_FROM[step]:
        raise ValidationError(
            {
                "state": ValidationError(
                    _("This cannot be done on a request that is %(state)s.")
                    % {"state": information_request.get_state_display().lower()},
                    code="transition_not_allowed",
                )
            }
        )


def _step(
    information_request: InformationRequest,
    *,
    step: Step,
    by: Actor,
    note: str,
    today: date | None,
    **changes,
) -> InformationRequest:
    """Apply `changes`, move to the state after `step`, validate, save and record the step."""
    before = information_request.state
    fields_update(information_request, changes)
    information_request.state = STATE_AFTER[step]
    if step in (Step.ANSWERED, Step.PARTLY_ANSWERED, Step.REFUSED):
        information_request.decided_on = _day(today)
    information_request.full_clean()
    information_request.save()
    RequestEvent.objects.create(
        request=information_request,
        step=step,
        state_before=before,
        state_after=information_request.state,
        **by.columns(),
        note=clean_citizen_text(note),
        at=_moment(today),
    )
    return information_request


def _take(information_request: InformationRequest, *, step: Step, **kwargs) -> InformationRequest:
    """Lock the request, check the step is allowed from its state, and take it."""
    information_request = _locked(information_request)
    _check_allowed(information_request, step)
    return _step(information_request, step=step, **kwargs)


@transaction.atomic
def information_request_start(
    *, information_request: InformationRequest, by: Actor, note: str = "", today: date | None = None
) -> InformationRequest:
    """Staff start working on a received request."""
    return _take(information_request, step=Step.STARTED, by=by, note=note, today=today)


@transaction.atomic
def information_request_extend(
    *,
    information_request: InformationRequest,
    by: Actor,
    reason: str,
    site_url: str = "",
    today: date | None = None,
) -> InformationRequest:
    """Extend the deadline once, from the original due date: by 20 working days (art. 16), or
    by 3 for an urgent request (the Commission's guidance).

    Only before the deadline has passed, and with a written reason, which is e-mailed to the
    requester at once.
    """
    information_request = _locked(information_request)
    if information_request.is_extended:
        raise ValidationError(
            {
                "due_on": ValidationError(
                    _("The deadline can be extended only once."), code="already_extended"
                )
            }
        )
    _check_allowed(information_request, Step.EXTENDED)
    reason = clean_citizen_text(reason)
    errors = {}
    if information_request.is_overdue(_day(today)):
        errors["due_on"] = ValidationError(
            _("The deadline has passed: it can no longer be extended."), code="deadline_passed"
        )
    if not reason:
        errors["reason"] = ValidationError(
            _("Give the reason for the extension: the requester is told of it."),
            code="reason_required",
        )
    if errors:
        raise ValidationError(errors)
    information_request = _step(
        information_request,
        step=Step.EXTENDED,
        by=by,
        note=reason,
        today=today,
        extension_reason=reason,
        due_on=add_working_days(
            information_request.initial_due_on,
            URGENT_EXTENSION_WORKING_DAYS
            if information_request.is_urgent
            else EXTENSION_WORKING_DAYS,
        ),
    )
    _mail(information_request, "extension", site_url)
    return information_request


def _check_reasons(
    information_request: InformationRequest,
    step: Step,
    *,
    refusal_ground: str,
    reasons: str,
    published_where: str = "",
    answer_given: bool = True,
) -> None:
    """A refusal, or what a partial answer withholds, is written and reasoned (art. 16): a
    ground from the table (models.RefusalGround) and the reasons; for information already
    published, where it is. Checked after the state allows the step, all errors at once."""
    _check_allowed(_locked(information_request), step)
    errors = {}
    if not answer_given:
        errors["answer_text"] = ValidationError(
            _("Give the answer as a text, a file or both."), code="answer_required"
        )
    if refusal_ground not in RefusalGround.values:
        errors["refusal_ground"] = ValidationError(
            _("Choose the ground of the refusal: each one cites its source."),
            code="ground_required",
        )
    if not reasons:
        errors["reasons"] = ValidationError(
            _("Give the reasons: a refusal must be written and reasoned (article 16, law 31.13)."),
            code="reasons_required",
        )
    if refusal_ground == RefusalGround.ALREADY_PUBLISHED and not published_where:
        errors["published_where"] = ValidationError(
            _("Say where the information is published."), code="published_where_required"
        )
    if errors:
        raise ValidationError(errors)


def _reasons_text(reasons: str, published_where: str, language: str) -> str:
    reasons = clean_citizen_text(reasons)
    published_where = clean_citizen_text(published_where, max_length=500)
    if not published_where:
        return reasons
    with translation.override(language):
        heading = _("Where it is published:")
    return f"{reasons}\n\n{heading} {published_where}"


def _decide(
    information_request: InformationRequest,
    *,
    step: Step,
    by: Actor,
    site_url: str,
    today: date | None,
    **changes,
) -> InformationRequest:
    information_request = _take(
        information_request, step=step, by=by, note="", today=today, **changes
    )
    _mail(information_request, "decision", site_url, **_complaint_dates(information_request))
    emit("information_request.answered", request_id=information_request.pk, step=str(step))
    return information_request


@transaction.atomic
def information_request_answer(
    *,
    information_request: InformationRequest,
    by: Actor,
    answer_text: str = "",
    answer_file: File | None = None,
    site_url: str = "",
    today: date | None = None,
) -> InformationRequest:
    """Give the information: a text, a file (checked by its content) or both."""
    return _decide(
        information_request,
        step=Step.ANSWERED,
        by=by,
        site_url=site_url,
        today=today,
        answer_text=clean_citizen_text(answer_text),
        answer_file=answer_file or "",
    )


@transaction.atomic
def information_request_answer_partly(
    *,
    information_request: InformationRequest,
    by: Actor,
    refusal_ground: str = "",
    reasons: str = "",
    published_where: str = "",
    answer_text: str = "",
    answer_file: File | None = None,
    site_url: str = "",
    today: date | None = None,
) -> InformationRequest:
    """Give part of the information; what is withheld needs its ground and the reasons."""
    reasons, answer_text = clean_citizen_text(reasons), clean_citizen_text(answer_text)
    _check_reasons(
        information_request,
        Step.PARTLY_ANSWERED,
        refusal_ground=refusal_ground,
        reasons=reasons,
        published_where=published_where.strip(),
        answer_given=bool(answer_text or answer_file),
    )
    return _decide(
        information_request,
        step=Step.PARTLY_ANSWERED,
        by=by,
        site_url=site_url,
        today=today,
        answer_text=answer_text,
        answer_file=answer_file or "",
        refusal_ground=refusal_ground,
        decision_reasons=_reasons_text(reasons, published_where, information_request.language),
    )


@transaction.atomic
def information_request_refuse(
    *,
    information_request: InformationRequest,
    by: Actor,
    refusal_ground: str = "",
    reasons: str = "",
    published_where: str = "",
    explanation: str = "",
    site_url: str = "",
    today: date | None = None,
) -> InformationRequest:
    """Refuse, in writing and with reasons, on a ground of article 7 or one the Commission
    recognises; the requester is told how to complain. (`explanation`: the former name of
    `reasons`, still read from the API.)"""
    reasons = clean_citizen_text(reasons or explanation)
    _check_reasons(
        information_request,
        Step.REFUSED,
        refusal_ground=refusal_ground,
        reasons=reasons,
        published_where=published_where.strip(),
    )
    return _decide(
        information_request,
        step=Step.REFUSED,
        by=by,
        site_url=site_url,
        today=today,
        refusal_ground=refusal_ground,
        decision_reasons=_reasons_text(reasons, published_where, information_request.language),
    )


@transaction.atomic
def information_request_withdraw(
    *, information_request: InformationRequest, by: Actor, note: str = "", today: date | None = None
) -> InformationRequest:
    """The requester withdrew the request (recorded by staff)."""
    return _take(information_request, step=Step.WITHDRAWN, by=by, note=note, today=today)


@transaction.atomic
def information_request_set_public_summary(
    *, information_request: InformationRequest, by: Actor, public_summary: str
) -> InformationRequest:
    """What the public register shows of the request instead of its text (empty: the text)."""
    information_request = _locked(information_request)
    information_request.public_summary = clean_citizen_text(public_summary, max_length=5000)
    information_request.full_clean()
    information_request.save(update_fields=["public_summary", "updated_at"])
    return information_request


def _complaint_dates(information_request: InformationRequest) -> dict:
    """The last day to complain to the head of the body, from the answer or the silence."""
    window = information_request.complaint_window
    return {"complain_by": window[1] if window else None}


def information_requests_flag_overdue(*, today: date | None = None, site_url: str = "") -> int:
    """Tell each requester whose deadline passed without an answer that the request is deemed
    refused and how to complain; once per request (recorded), however often it runs.
    Returns how many were told. For a daily sweep (one transaction per request)."""
    today = _day(today)
    told = 0
    candidates = InformationRequest.objects.filter(
        state__in=OPEN_STATES, due_on__lt=today, overdue_notice_at__isnull=True
    )
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            information_request = (
                candidates.select_for_update(skip_locked=True).filter(pk=pk).first()
            )
            if information_request is None:  # answered meanwhile, or another sweep has it
                continue
            information_request.overdue_notice_at = _moment(today)
            information_request.save(update_fields=["overdue_notice_at", "updated_at"])
            RequestEvent.objects.create(
                request=information_request,
                step=Step.OVERDUE_NOTICE,
                state_before=information_request.state,
                state_after=information_request.state,
                at=information_request.overdue_notice_at,
                note=""
                if information_request.email
                else _("No e-mail: write to the postal address."),
            )
            _mail(information_request, "overdue", site_url, **_complaint_dates(information_request))
            told += 1
    return told


# Each transition's service and the inputs it takes (beyond the request and `by`).
TRANSITIONS = {
    Transition.START: (information_request_start, ("note",)),
    Transition.EXTEND: (information_request_extend, ("reason", "site_url")),
    Transition.ANSWER: (information_request_answer, ("answer_text", "answer_file", "site_url")),
    Transition.PARTLY_ANSWER: (
        information_request_answer_partly,
        ("answer_text", "answer_file", "refusal_ground", "reasons", "published_where", "site_url"),
    ),
    Transition.REFUSE: (
        information_request_refuse,
        ("refusal_ground", "reasons", "published_where", "explanation", "site_url"),
    ),
    Transition.WITHDRAW: (information_request_withdraw, ("note",)),
}


def information_request_transition(
    *, information_request: InformationRequest, action: str, by: Actor, **inputs
) -> InformationRequest:
    """Take `action` (a Transition) on the request; inputs the action does not take are
    ignored, so one form or one API body serves them all."""
    service, accepted = TRANSITIONS[Transition(action)]
    return service(
        information_request=information_request,
        by=by,
        **{name: value for name, value in inputs.items() if name in accepted},
    )


# --- complaints to the head of the body (art. 19) -------------------------------------------


@transaction.atomic
def complaint_file(
    *,
    information_request: InformationRequest,
    grievance: str,
    channel: str = Channel.ONLINE,
    received_on: date | None = None,
    by: Actor = NOBODY,  # the requester complains from their page
    scan: File | None = None,
    site_url: str = "",
    today: date | None = None,
) -> Complaint:
    """A complaint to the head of the body about the request's answer, refusal or silence:
    from the requester's own page (`channel` online, received today) or recorded by staff
    from paper (its real receipt date). Within the window of article 19 only, once per request.
    The head's answer is due `complaint_head_answer_working_days()` working days later; the
    requester gets an acknowledgement with that date."""
    today = _day(today)
    information_request = _locked(information_request)
    if Complaint.objects.filter(request=information_request).exists():
        raise ValidationError(
            {
                "grievance": ValidationError(
                    _("A complaint about this request has already been received."),
                    code="complaint_exists",
                )
            }
        )
    if channel == Channel.ONLINE:
        received_on = today
    else:
        _check_received_on(received_on, today)
    window = information_request.complaint_window
    overdue_on = information_request.is_open and not information_request.is_overdue(received_on)
    if window is None or overdue_on or not window[0] <= received_on <= window[1]:
        raise ValidationError(
            {
                "received_on" if channel != Channel.ONLINE else "grievance": ValidationError(
                    _(
                        "A complaint to the head of the council can be made only "
                        "within %(days)s working days of the answer, or of the "
                        "deadline when there was none."
                    )
                    % {"days": LEGAL_TERMS["head_days"]},
                    code="out_of_window",
                )
            }
        )
    complaint = Complaint(
        request=information_request,
        channel=channel,
        received_on=received_on,
        due_on=add_working_days(received_on, complaint_head_answer_working_days()),
        grievance=clean_citizen_text(grievance, max_length=5000),
        scan=scan or "",
    )
    if not complaint.grievance:
        raise ValidationError(
            {"grievance": ValidationError(_("Say what you complain about."), code="required")}
        )
    complaint.full_clean()
    complaint.save()
    RequestEvent.objects.create(
        request=information_request,
        step=Step.COMPLAINT_FILED,
        state_before=information_request.state,
        state_after=information_request.state,
        **by.columns(),
        at=_moment(today if channel == Channel.ONLINE else received_on),
        note="" if channel == Channel.ONLINE else str(Channel(channel).label),
    )
    _mail(information_request, "complaint_received", site_url, complaint=complaint)
    emit("information_request.complaint_filed", request_id=information_request.pk)
    return complaint


@transaction.atomic
def complaint_answer(
    *,
    complaint: Complaint,
    by: Actor,
    outcome: str,
    answer_text: str,
    site_url: str = "",
    today: date | None = None,
) -> Complaint:
    """The head of the body's answer, written and reasoned, sent to the requester with the next
    step (the Commission within 30 days, art. 20)."""
    complaint = Complaint.objects.select_for_update().select_related("request").get(pk=complaint.pk)
    errors = {}
    if not complaint.is_open:
        raise ValidationError(
            {
                "outcome": ValidationError(
                    _("This complaint has already been answered."), code="complaint_answered"
                )
            }
        )
    if outcome not in ComplaintOutcome.values or outcome == ComplaintOutcome.OPEN:
        errors["outcome"] = ValidationError(
            _("Choose the outcome of the complaint."), code="outcome_required"
        )
    answer_text = clean_citizen_text(answer_text)
    if not answer_text:
        errors["answer_text"] = ValidationError(
            _("Give the head's answer: it is sent to the requester."), code="answer_required"
        )
    if errors:
        raise ValidationError(errors)
    complaint.outcome, complaint.answer_text = outcome, answer_text
    complaint.decided_on = _day(today)
    complaint.full_clean()
    complaint.save()
    information_request = complaint.request
    RequestEvent.objects.create(
        request=information_request,
        step=Step.COMPLAINT_ANSWERED,
        state_before=information_request.state,
        state_after=information_request.state,
        **by.columns(),
        note=complaint.get_outcome_display(),
        at=_moment(today),
    )
    _mail(
        information_request,
        "complaint_answered",
        site_url,
        complaint=complaint,
        commission_by=complaint.decided_on + timedelta(days=COMPLAINT_TO_COMMISSION_DAYS),
    )
    emit("information_request.complaint_answered", request_id=information_request.pk)
    return complaint
