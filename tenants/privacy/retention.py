"""Personal data a member holds: why, for how long, and the daily purge (member schema).

Law 09-08 (docs/law.md, section 6) asks that a person be told, when their data is collected,
who processes it, why and what their rights are (art. 5), and that data be kept no longer than
its purpose needs (art. 3). Two tables say it once for the whole site:

- `RETENTION`: per kind of data, how long it is kept and the legal reason. The daily task
  (workers/privacy.py) runs the purge of every row that has one.
- `PROCESSINGS`: per form that collects personal data, its purpose, what it asks and which
  retention rows apply. The notice under each form (`privacy/_personal_data_notice.html`) and
  the privacy page (/privacy/) read it.

A period the texts do not fix is a setting, named with its default and its source.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from tenants.site.models import RetentionPurge

# An appeal against a council's decision on a petition (or the bureau's refusal) goes to the
# administrative court within 60 days (law 41.90 creating the administrative courts, art. 23,
# as read in secondary sources; the stored texts did not include it): a setting.
PETITION_APPEAL_DAYS = 60
# A complaint posted on the last day of its window reaches the council some days later: a
# margin after the windows of law 31.13 (arts. 19-20) before the requester's identity goes.
# Not a legal period: a setting.
REQUEST_COMPLAINT_MARGIN_DAYS = 30


def petition_appeal_days() -> int:
    return getattr(settings, "PRIVACY_PETITION_APPEAL_DAYS", PETITION_APPEAL_DAYS)


def request_complaint_margin_days() -> int:
    return getattr(settings, "PRIVACY_REQUEST_COMPLAINT_MARGIN_DAYS", REQUEST_COMPLAINT_MARGIN_DAYS)


def _verification_hours() -> int:
    from tenants.consultations.tokens import verification_hours

    return verification_hours()


def _format(text, **values) -> str:
    return str(text) % {name: value() for name, value in values.items()}


lazy_format = lazy(_format, str)


@dataclass(frozen=True)
class Retention:
    key: str
    what: str  # the data, in words
    kept: str  # how long, in words (the notices show it)
    reason: str  # why that long: the text and article, or the setting
    purge: Callable[[date], int] | None = None  # deletes or blanks what is due; None: on request


# Purges ----------------------------------------------------------------------------------


def signatory_identity_due(today: date):
    """Petitions decided (or refused by the bureau) more than the appeal window ago, whose
    signatories or agent still have a CIN on record."""
    from tenants.petitions.models import Petition, State

    cutoff = today - timedelta(days=petition_appeal_days())
    return (
        Petition.objects.filter(state__in=(State.DECIDED, State.NOT_ADMISSIBLE))
        .annotate(
            closed_on=Max(
                "steps__happened_on",
                filter=Q(steps__state__in=(State.DECIDED, State.NOT_ADMISSIBLE)),
            )
        )
        .filter(closed_on__lt=cutoff)
        .filter(Q(signatures__cin__gt="") | Q(agent_cin__gt=""))
        .distinct()
    )


@transaction.atomic
def signatory_identity_purge(today: date) -> int:
    """Blank the names and CIN numbers of the signatories (the count stays; a keyed digest of
    each CIN keeps a second signature refused) and the agent's CIN and contacts."""
    from tenants.petitions.models import Petition, Signature, cin_purged_key

    purged = 0
    petitions = list(signatory_identity_due(today))
    for petition in petitions:
        signatures = list(petition.signatures.exclude(cin=""))
        for signature in signatures:
            signature.cin_normalized = cin_purged_key(signature.cin_normalized)
            signature.cin = ""
            signature.full_name = ""
        Signature.objects.bulk_update(signatures, ["cin", "cin_normalized", "full_name"])
        purged += len(signatures)
    Petition.objects.filter(pk__in=[p.pk for p in petitions]).update(
        agent_cin="", agent_email="", agent_phone=""
    )
    return purged


def requester_windows_end(request) -> date | None:
    """The last day a requester may still complain about `request` (law 31.13: to the head
    within 20 working days, art. 19; then to the Commission within 30 days of the head's
    answer or of the end of the head's time, art. 20), plus the margin; None while open."""
    from tenants.information_requests.models import COMPLAINT_TO_COMMISSION_DAYS

    if request.is_open:
        return None
    window = request.complaint_window
    end = window[1] if window else (request.decided_on or request.updated_at.date())
    complaint = getattr(request, "complaint", None)
    if complaint is not None:
        if complaint.is_open:
            return None
        end = max(
            end, complaint.commission_window_starts + timedelta(days=COMPLAINT_TO_COMMISSION_DAYS)
        )
    return end + timedelta(days=request_complaint_margin_days())


def requesters_due(today: date) -> list:
    """Closed requests whose complaint windows are over and that still hold the requester."""
    from tenants.information_requests.models import OPEN_STATES, InformationRequest

    held = (
        InformationRequest.objects.exclude(state__in=OPEN_STATES)
        .filter(
            ~Q(id_number="")
            | ~Q(scan="")
            | ~Q(requester_name="")
            | ~Q(email="")
            | ~Q(complaint__scan="")
        )
        .select_related("complaint")
        .distinct()
    )
    return [r for r in held if (end := requester_windows_end(r)) is not None and end < today]


def requester_anonymise(requests) -> int:
    """Drop the requester of `requests` (the register entry stays): identity, contacts, and
    the scans of the request and of its complaint, from storage too once committed."""
    from uploads import delete_files_after_commit

    from tenants.information_requests.models import Complaint, InformationRequest

    requests = list(requests)
    files = [r.scan for r in requests if r.scan]
    complaints = list(Complaint.objects.filter(request__in=requests).exclude(scan=""))
    files += [c.scan for c in complaints]
    InformationRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        requester_name="", id_number="", postal_address="", email="", urgency_reason="", scan=""
    )
    Complaint.objects.filter(pk__in=[c.pk for c in complaints]).update(scan="")
    delete_files_after_commit(files)
    return len(requests)


@transaction.atomic
def requester_identity_purge(today: date) -> int:
    return requester_anonymise(requesters_due(today))


def pending_comment_purge(today: date) -> int:
    from tenants.consultations.services import comment_pending_purge

    return comment_pending_purge()


def pending_contribution_purge(today: date) -> int:
    from tenants.ideas.services import contribution_pending_purge

    return contribution_pending_purge()


def pending_survey_response_purge(today: date) -> int:
    from tenants.surveys.services import response_pending_purge

    return response_pending_purge()


# The table -------------------------------------------------------------------------------

RETENTION = {
    row.key: row
    for row in (
        Retention(
            "signatory_identity",
            _(
                "Names and national ID numbers (CIN) of a petition's signatories; its agent's CIN "
                "and contacts"
            ),
            lazy_format(
                _(
                    "Until the council's decision on the petition (or the bureau's refusal) "
                    "and %(days)s days more for an appeal; then erased, only the number of "
                    "signatures is kept."
                ),
                days=petition_appeal_days,
            ),
            _(
                "The bureau checks the signatures (organic laws 111.14, 112.14, 113.14); the appeal "
                "window is the setting PRIVACY_PETITION_APPEAL_DAYS (law 41.90, art. 23)."
            ),
            signatory_identity_purge,
        ),
        Retention(
            "requester_identity",
            _(
                "A requester's name, identity document number, postal address and e-mail, and the "
                "scans of the request and of a complaint"
            ),
            lazy_format(
                _(
                    "Until the request is closed and the time to complain has passed (to the "
                    "head of the council, then to the Commission), and %(days)s days more; "
                    "then erased, the entry in the public register stays."
                ),
                days=request_complaint_margin_days,
            ),
            _(
                "Law 31.13, arts. 19 and 20 (complaint windows); the margin is the setting "
                "PRIVACY_REQUEST_COMPLAINT_MARGIN_DAYS."
            ),
            requester_identity_purge,
        ),
        Retention(
            "pending_comment",
            _("Comments whose e-mail address was never confirmed"),
            lazy_format(_("%(hours)s hours, then deleted."), hours=_verification_hours),
            _("Law 09-08, art. 3: kept for nothing once the confirmation link has expired."),
            pending_comment_purge,
        ),
        Retention(
            "pending_contribution",
            _("Ideas, their comments and supports whose e-mail address was never confirmed"),
            lazy_format(_("%(hours)s hours, then deleted."), hours=_verification_hours),
            _("Law 09-08, art. 3: kept for nothing once the confirmation link has expired."),
            pending_contribution_purge,
        ),
        Retention(
            "pending_survey_response",
            _("Survey answers whose e-mail address was never confirmed"),
            lazy_format(_("%(hours)s hours, then deleted."), hours=_verification_hours),
            _("Law 09-08, art. 3: kept for nothing once the confirmation link has expired."),
            pending_survey_response_purge,
        ),
        Retention(
            "contributor",
            _("The name and e-mail of a person who comments, proposes or supports an idea"),
            _(
                "As long as the consultation or the idea is published; erased on request (the text "
                "stays, without the name)."
            ),
            _(
                "Law 09-08, arts. 3 and 7-9: the public record of a consultation; rights of access, "
                "rectification and opposition."
            ),
        ),
        Retention(
            "subscriber",
            _("The e-mail address of a subscriber"),
            _("Until you unsubscribe (a link in every message) or ask for erasure."),
            _("Law 09-08, art. 9: opposition at any time."),
        ),
        Retention(
            "registration",
            _("The name, e-mail, category and gender of a person registered for a meeting"),
            _(
                "Until you cancel or ask for erasure; only the counts by category and gender are "
                "published."
            ),
            _("Law 09-08, arts. 3 and 9."),
        ),
        Retention(
            "survey_answer",
            _("Survey answers; of the e-mail, only a keyed digest to count one answer per person"),
            _("As long as the survey's results are kept; the digest is erased on request."),
            _("Law 09-08, art. 3."),
        ),
    )
}


@dataclass(frozen=True)
class Processing:
    key: str
    title: str
    purpose: str
    data: str
    retention: tuple[str, ...] = field(default_factory=tuple)


PROCESSINGS = {
    p.key: p
    for p in (
        Processing(
            "information_request",
            _("Requests for information"),
            _(
                "To answer your request for information (law 31.13) and to handle a "
                "complaint about the answer."
            ),
            _("your name, identity document number, postal address and e-mail"),
            ("requester_identity",),
        ),
        Processing(
            "information_request_paper",
            _("Requests received on paper"),
            _(
                "To answer the request (law 31.13) and to handle a complaint about the "
                "answer; give the requester this notice with the receipt."
            ),
            _(
                "the requester's name, identity document, address, e-mail and the scan of "
                "the request"
            ),
            ("requester_identity",),
        ),
        Processing(
            "complaint",
            _("Complaints about an answer"),
            _("To handle the complaint to the head of the council (law 31.13, art. 19)."),
            _("the complaint and its scan"),
            ("requester_identity",),
        ),
        Processing(
            "petition_filing",
            _("Filing a petition"),
            _(
                "To receive the petition and write to its agent (organic laws 111.14, "
                "112.14, 113.14)."
            ),
            _("the agent's name, national ID number, e-mail and phone"),
            ("signatory_identity",),
        ),
        Processing(
            "petition_signature",
            _("Signing a petition"),
            _("To count your signature and let the council's bureau check it."),
            _("your name, national ID number and your link to the collectivity"),
            ("signatory_identity",),
        ),
        Processing(
            "comment",
            _("Comments in consultations"),
            _("To publish your comment and answer it; your e-mail confirms it and is never shown."),
            _("your name and e-mail"),
            ("pending_comment", "contributor"),
        ),
        Processing(
            "subscription",
            _("Subscriptions and newsletters"),
            _("To send you the news you chose."),
            _("your e-mail and your choices"),
            ("subscriber",),
        ),
        Processing(
            "meeting_registration",
            _("Registrations for meetings"),
            _(
                "To plan the meeting, remind you of it and count participation by category "
                "and gender."
            ),
            _("your name, e-mail, category and gender"),
            ("registration",),
        ),
        Processing(
            "idea",
            _("Ideas for the programme"),
            _("To publish your idea, answer it and write to you about it."),
            _("your name, e-mail and association"),
            ("pending_contribution", "contributor"),
        ),
        Processing(
            "idea_support",
            _("Supporting an idea"),
            _("To count your support once; your e-mail confirms it and is never shown."),
            _("your e-mail"),
            ("pending_contribution", "contributor"),
        ),
        Processing(
            "survey",
            _("Surveys"),
            _("To count your answers once; your e-mail confirms them."),
            _("your answers and your e-mail"),
            ("pending_survey_response", "survey_answer"),
        ),
    )
}


def retention_purge_run(*, today: date | None = None) -> dict[str, int]:
    """Run every purge of the table in the current member's schema; log each kind purged
    (how many, never whose) in `RetentionPurge`. Idempotent: a second run finds nothing."""
    today = today or timezone.localdate()
    counts = {}
    for row in RETENTION.values():
        if row.purge is None:
            continue
        count = row.purge(today)
        counts[row.key] = count
        if count:
            RetentionPurge.objects.create(kind=row.key, count=count)
    return counts
