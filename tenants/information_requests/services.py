"""Writes on information requests (the current member's schema: every function runs where it
is called, from a request on the member's host, the admin, the API or a task).

Every step is validated against the request's state (`ALLOWED_FROM`), dated and kept as a
`RequestEvent`. The requester is written to (`member_mail_send`, after commit) when the request
is received, when its deadline is extended (beforehand, with the reason: the law asks for it),
when it is decided, and when its deadline passes without an answer.

`by` is the name of the member of staff who acts (tenants/site/api_support.py: `actor`);
`site_url` (the member site's address) puts a link to the request in the e-mails; `today` is
for the demo and the tests (the day the step happens), never taken from a public input.
"""
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens import clean_citizen_text, rate_limit_hit
from citizens.working_days import add_working_days
from events import emit
from tenants.information_requests.models import (
    ANSWER_WORKING_DAYS, COMPLAINT_TO_HEAD_WORKING_DAYS, EXTENSION_WORKING_DAYS, LEGAL_TERMS,
    OPEN_STATES, URGENT_WORKING_DAYS, InformationRequest, RequestEvent, State, Step, Transition)
from tenants.site.mail import member_mail_send

# Filings a person may make in an hour, counted per e-mail and per network address.
FILING_LIMIT = 5
FILING_WINDOW_SECONDS = 3600

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
STATE_AFTER = {Step.STARTED: State.IN_PROGRESS, Step.EXTENDED: State.EXTENDED,
               Step.ANSWERED: State.ANSWERED, Step.PARTLY_ANSWERED: State.PARTLY_ANSWERED,
               Step.REFUSED: State.REFUSED, Step.WITHDRAWN: State.WITHDRAWN}


class FilingRateLimited(ValidationError):
    """Too many requests from one e-mail or one address within the hour."""


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
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                       [f"{connection.schema_name}:information_requests:reference"])
    last = InformationRequest.objects.filter(year=year).aggregate(last=Max("sequence"))["last"]
    return (last or 0) + 1


def _mail(information_request: InformationRequest, template: str, site_url: str,
          **context) -> None:
    if not information_request.email:
        return  # a request received by post is answered by post
    link = (site_url.rstrip("/") + reverse("information_requests:detail",
                                           args=[information_request.pk])) if site_url else ""
    member_mail_send(to=information_request.email,
                     template=f"information_requests/email/{template}",
                     context={"information_request": information_request, "link": link,
                              **LEGAL_TERMS, **context},
                     language=information_request.language)


def _filing_allowed(*, email: str, client_address: str) -> bool:
    hits = [rate_limit_hit(scope=f"information_requests:{scope}", identity=identity,
                           limit=FILING_LIMIT, window_seconds=FILING_WINDOW_SECONDS)
            for scope, identity in (("email", email), ("address", client_address)) if identity]
    return not any(hits)


@transaction.atomic
def information_request_file(*, requester_name: str, id_document: str, id_number: str,
                             postal_address: str, email: str, information_wanted: str,
                             is_urgent: bool = False, urgency_reason: str = "",
                             language: str = "ar", client_address: str = "", site_url: str = "",
                             today: date | None = None) -> InformationRequest:
    """Record a request and send its receipt: the reference and the due date.

    The requester's name, identity document, postal address and e-mail are personal data
    (models.PERSONAL_FIELDS). Every text is cleaned of markup. At most FILING_LIMIT filings an
    hour per e-mail and per `client_address` (FilingRateLimited otherwise).
    """
    email = email.strip().lower()
    if not _filing_allowed(email=email, client_address=client_address):
        raise FilingRateLimited(
            _("Too many requests were sent from here in the last hour. Please try again later."),
            code="rate_limited")
    received_on = _day(today)
    due_on = add_working_days(received_on,
                              URGENT_WORKING_DAYS if is_urgent else ANSWER_WORKING_DAYS)
    sequence = _next_number(received_on.year)
    information_request = InformationRequest(
        reference=f"{REFERENCE_PREFIX}-{received_on.year}-{sequence:04d}",
        year=received_on.year, sequence=sequence,
        requester_name=clean_citizen_text(requester_name), id_document=id_document,
        id_number="".join(id_number.split()).upper(),
        postal_address=clean_citizen_text(postal_address),
        email=email, language=language if language in ("ar", "fr") else "ar",
        information_wanted=clean_citizen_text(information_wanted),
        is_urgent=is_urgent, urgency_reason=clean_citizen_text(urgency_reason) if is_urgent else "",
        received_on=received_on, initial_due_on=due_on, due_on=due_on)
    information_request.full_clean()
    information_request.save()
    RequestEvent.objects.create(request=information_request, step=Step.FILED,
                                state_after=State.RECEIVED, at=_moment(today))
    _mail(information_request, "receipt", site_url)
    emit("information_request.filed", request_id=information_request.pk)
    return information_request


def _locked(information_request: InformationRequest) -> InformationRequest:
    """The request as stored, locked until the transaction ends (two clerks, one request)."""
    return InformationRequest.objects.select_for_update().get(pk=information_request.pk)


def _check_allowed(information_request: InformationRequest, step: Step) -> None:
    if information_request.state not in ALLOWED_FROM[step]:
        raise ValidationError(
            {"state": ValidationError(
                _("This cannot be done on a request that is %(state)s.")
                % {"state": information_request.get_state_display().lower()},
                code="transition_not_allowed")})


def _step(information_request: InformationRequest, *, step: Step, by: str, note: str,
          today: date | None, **changes) -> InformationRequest:
    """Apply `changes`, move to the state after `step`, validate, save and record the step."""
    before = information_request.state
    for name, value in changes.items():
        setattr(information_request, name, value)
    information_request.state = STATE_AFTER[step]
    if step in (Step.ANSWERED, Step.PARTLY_ANSWERED, Step.REFUSED):
        information_request.decided_on = _day(today)
    information_request.full_clean()
    information_request.save()
    RequestEvent.objects.create(request=information_request, step=step, state_before=before,
                                state_after=information_request.state, by=by,
                                note=clean_citizen_text(note), at=_moment(today))
    return information_request


def _take(information_request: InformationRequest, *, step: Step, **kwargs) -> InformationRequest:
    """Lock the request, check the step is allowed from its state, and take it."""
    information_request = _locked(information_request)
    _check_allowed(information_request, step)
    return _step(information_request, step=step, **kwargs)


@transaction.atomic
def information_request_start(*, information_request: InformationRequest, by: str,
                              note: str = "", today: date | None = None) -> InformationRequest:
    """Staff start working on a received request."""
    return _take(information_request, step=Step.STARTED, by=by, note=note, today=today)


@transaction.atomic
def information_request_extend(*, information_request: InformationRequest, by: str, reason: str,
                               site_url: str = "", today: date | None = None) -> InformationRequest:
    """Extend the deadline once, by 20 working days from the original due date.

    Only before the deadline has passed, never for an urgent request, and with a written
    reason, which is e-mailed to the requester at once.
    """
    information_request = _locked(information_request)
    if information_request.is_extended:
        raise ValidationError({"due_on": ValidationError(
            _("The deadline can be extended only once."), code="already_extended")})
    _check_allowed(information_request, Step.EXTENDED)
    reason = clean_citizen_text(reason)
    errors = {}
    if information_request.is_urgent:
        errors["due_on"] = ValidationError(_("The deadline of an urgent request cannot be "
                                             "extended."), code="urgent_not_extendable")
    elif information_request.is_overdue(_day(today)):
        errors["due_on"] = ValidationError(_("The deadline has passed: it can no longer be "
                                             "extended."), code="deadline_passed")
    if not reason:
        errors["reason"] = ValidationError(
            _("Give the reason for the extension: the requester is told of it."),
            code="reason_required")
    if errors:
        raise ValidationError(errors)
    information_request = _step(
        information_request, step=Step.EXTENDED, by=by, note=reason, today=today,
        extension_reason=reason,
        due_on=add_working_days(information_request.initial_due_on, EXTENSION_WORKING_DAYS))
    _mail(information_request, "extension", site_url)
    return information_request


def _decide(information_request: InformationRequest, *, step: Step, by: str, site_url: str,
            today: date | None, **changes) -> InformationRequest:
    information_request = _take(information_request, step=step, by=by, note="", today=today,
                                **changes)
    _mail(information_request, "decision", site_url, **_complaint_dates(information_request))
    emit("information_request.answered", request_id=information_request.pk, step=str(step))
    return information_request


@transaction.atomic
def information_request_answer(*, information_request: InformationRequest, by: str,
                               answer_text: str = "", answer_file: File | None = None,
                               site_url: str = "", today: date | None = None) -> InformationRequest:
    """Give the information: a text, a file (checked by its content) or both."""
    return _decide(information_request, step=Step.ANSWERED, by=by, site_url=site_url,
                   today=today, answer_text=clean_citizen_text(answer_text),
                   answer_file=answer_file or "")


@transaction.atomic
def information_request_answer_partly(*, information_request: InformationRequest, by: str,
                                      refusal_ground: str = "", answer_text: str = "",
                                      answer_file: File | None = None, site_url: str = "",
                                      today: date | None = None) -> InformationRequest:
    """Give part of the information; what is withheld needs its legal ground (article 7)."""
    return _decide(information_request, step=Step.PARTLY_ANSWERED, by=by, site_url=site_url,
                   today=today, answer_text=clean_citizen_text(answer_text),
                   answer_file=answer_file or "", refusal_ground=refusal_ground)


@transaction.atomic
def information_request_refuse(*, information_request: InformationRequest, by: str,
                               refusal_ground: str = "", explanation: str = "", site_url: str = "",
                               today: date | None = None) -> InformationRequest:
    """Refuse, on one of the grounds of article 7 of law 31.13; the requester is told how to
    complain."""
    return _decide(information_request, step=Step.REFUSED, by=by, site_url=site_url,
                   today=today, refusal_ground=refusal_ground,
                   answer_text=clean_citizen_text(explanation))


@transaction.atomic
def information_request_withdraw(*, information_request: InformationRequest, by: str,
                                 note: str = "", today: date | None = None) -> InformationRequest:
    """The requester withdrew the request (recorded by staff)."""
    return _take(information_request, step=Step.WITHDRAWN, by=by, note=note, today=today)


@transaction.atomic
def information_request_set_public_summary(*, information_request: InformationRequest, by: str,
                                           public_summary: str) -> InformationRequest:
    """What the public register shows of the request instead of its text (empty: the text)."""
    information_request = _locked(information_request)
    information_request.public_summary = clean_citizen_text(public_summary, max_length=5000)
    information_request.full_clean()
    information_request.save(update_fields=["public_summary", "updated_at"])
    return information_request


def _complaint_dates(information_request: InformationRequest) -> dict:
    """The last day to complain to the head of the body, from the answer or the silence."""
    start = information_request.decided_on or information_request.due_on
    return {"complain_by": add_working_days(start, COMPLAINT_TO_HEAD_WORKING_DAYS)}


def information_requests_flag_overdue(*, today: date | None = None, site_url: str = "") -> int:
    """Tell each requester whose deadline passed without an answer that the request is deemed
    refused and how to complain; once per request (recorded), however often it runs.
    Returns how many were told. For a daily sweep (one transaction per request)."""
    today = _day(today)
    told = 0
    candidates = InformationRequest.objects.filter(
        state__in=OPEN_STATES, due_on__lt=today, overdue_notice_at__isnull=True)
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            information_request = (candidates.select_for_update(skip_locked=True)
                                   .filter(pk=pk).first())
            if information_request is None:  # answered meanwhile, or another sweep has it
                continue
            information_request.overdue_notice_at = _moment(today)
            information_request.save(update_fields=["overdue_notice_at", "updated_at"])
            RequestEvent.objects.create(
                request=information_request, step=Step.OVERDUE_NOTICE,
                state_before=information_request.state, state_after=information_request.state,
                at=information_request.overdue_notice_at,
                note="" if information_request.email
                else _("No e-mail: write to the postal address."))
            _mail(information_request, "overdue", site_url, **_complaint_dates(information_request))
            told += 1
    return told


# Each transition's service and the inputs it takes (beyond the request and `by`).
TRANSITIONS = {
    Transition.START: (information_request_start, ("note",)),
    Transition.EXTEND: (information_request_extend, ("reason", "site_url")),
    Transition.ANSWER: (information_request_answer, ("answer_text", "answer_file", "site_url")),
    Transition.PARTLY_ANSWER: (information_request_answer_partly,
                               ("answer_text", "answer_file", "refusal_ground", "site_url")),
    Transition.REFUSE: (information_request_refuse, ("refusal_ground", "explanation", "site_url")),
    Transition.WITHDRAW: (information_request_withdraw, ("note",)),
}


def information_request_transition(*, information_request: InformationRequest, action: str,
                                   by: str, **inputs) -> InformationRequest:
    """Take `action` (a Transition) on the request; inputs the action does not take are
    ignored, so one form or one API body serves them all."""
    service, accepted = TRANSITIONS[Transition(action)]
    return service(information_request=information_request, by=by,
                   **{name: value for name, value in inputs.items() if name in accepted})
