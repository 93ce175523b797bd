"""Requests for information under law 31.13 on the right of access to information (member
schema).

A request holds two kinds of data, kept apart on purpose: the requester's personal data
(`PERSONAL_FIELDS`), which only the member's staff ever see, and the request and its answer,
which the public register shows. Deadlines are counted in Moroccan working days
(`citizens.working_days`); a request still open after its due date is *deemed refused*
(nothing is stored for that: it follows from the date, see `is_overdue`).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.actors import actor_fields
from tenants.information_requests.storage import private_storage
from uploads import validate_document

# Legal deadlines (law 31.13; docs/law.md sections 2 and 3 say what was verified against what).
# An answer within 20 working days of receipt (art. 16), extendable once by 20 more (art. 16);
# within 3 days when the information is needed urgently to protect a person's life, safety or
# freedom (art. 17), extendable once by 3 more as the Commission's (CDAI) guidance allows.
# After an answer, a refusal or silence, the requester may complain to the head of the body
# within 20 working days (art. 19), then to the Commission within 30 days (art. 20).
ANSWER_WORKING_DAYS = 20
EXTENSION_WORKING_DAYS = 20
URGENT_WORKING_DAYS = 3
URGENT_EXTENSION_WORKING_DAYS = 3
COMPLAINT_TO_HEAD_WORKING_DAYS = 20
COMPLAINT_TO_COMMISSION_DAYS = 30
# How long the head of the body has to answer a complaint: 15 working days as the issue states
# article 19; not found in a stored copy of the text, so a setting (docs/law.md, section 3).
COMPLAINT_HEAD_ANSWER_WORKING_DAYS = 15


def complaint_head_answer_working_days() -> int:
    return getattr(
        settings,
        "INFORMATION_REQUEST_COMPLAINT_ANSWER_WORKING_DAYS",
        COMPLAINT_HEAD_ANSWER_WORKING_DAYS,
    )


# Law 31.13 applies to requests received from 12 March 2019 (its entry into force, one year
# after its publication: art. 30); no request can have been received before.
LAW_IN_FORCE_ON = date(2019, 3, 12)
# The national portal of the right of access to information.
NATIONAL_PORTAL_URL = "https://www.chafafiya.ma/"
# The deadlines and the portal, as the pages and e-mails that explain them name them.
LEGAL_TERMS = {
    "answer_days": ANSWER_WORKING_DAYS,
    "extension_days": EXTENSION_WORKING_DAYS,
    "urgent_days": URGENT_WORKING_DAYS,
    "urgent_extension_days": URGENT_EXTENSION_WORKING_DAYS,
    "head_days": COMPLAINT_TO_HEAD_WORKING_DAYS,
    "commission_days": COMPLAINT_TO_COMMISSION_DAYS,
    "national_portal_url": NATIONAL_PORTAL_URL,
}

# What identifies the requester: never in a public page or a public API answer.
PERSONAL_FIELDS = (
    "requester_name",
    "id_document",
    "id_number",
    "postal_address",
    "email",
    "language",
    "urgency_reason",
    "scan",
)
# What the public register never shows of a request: the request as written may hold personal
# data; only the summary staff write is published (`subject`).
PRIVATE_FIELDS = (*PERSONAL_FIELDS, "information_wanted")


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    EXTENDED = "extended", _("Extended")
    ANSWERED = "answered", _("Answered")
    PARTLY_ANSWERED = "partly_answered", _("Partly answered")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (State.RECEIVED, State.IN_PROGRESS, State.EXTENDED)
# A decision closes a request and counts for the on-time rate; a withdrawal closes it too.
DECIDED_STATES = (State.ANSWERED, State.PARTLY_ANSWERED, State.REFUSED)
ANSWERED_STATES = (State.ANSWERED, State.PARTLY_ANSWERED)


class RefusalGround(models.TextChoices):
    """Why information may be withheld: the exceptions of article 7 of law 31.13 (disclosure
    would harm...), and the grounds the Commission (CDAI) recognises. Each cites its source in
    REFUSAL_GROUND_SOURCES."""

    NATIONAL_DEFENCE = "national_defence", _("National defence")
    STATE_SECURITY = "state_security", _("The internal or external security of the State")
    PRIVATE_LIFE = "private_life", _("The private life of persons, or personal data")
    FUNDAMENTAL_RIGHTS = (
        "fundamental_rights",
        _("The fundamental rights and freedoms guaranteed by the Constitution"),
    )
    SOURCES = "sources", _("The protection of sources of information")
    FOREIGN_RELATIONS = (
        "foreign_relations",
        _("Relations with another State or an international organisation"),
    )
    MONETARY_ECONOMIC_POLICY = (
        "monetary_economic_policy",
        _("The monetary, economic or financial policy of the State"),
    )
    INTELLECTUAL_PROPERTY = (
        "intellectual_property",
        _("Industrial property rights, copyright or related rights"),
    )
    VICTIMS_WITNESSES = (
        "victims_witnesses",
        _("The rights of victims, witnesses, experts and whistle-blowers in corruption cases"),
    )
    SECRET_BY_LAW = "secret_by_law", _("Information kept secret by a special law")
    GOVERNMENT_DELIBERATIONS = (
        "government_deliberations",
        _("The secrecy of the deliberations of the Council of Ministers or of the Government"),
    )
    ADMINISTRATIVE_INQUIRIES = (
        "administrative_inquiries",
        _("The secrecy of administrative inquiries and investigations"),
    )
    COURT_PROCEEDINGS = (
        "court_proceedings",
        _("The course of court proceedings and their preliminary steps"),
    )
    COMPETITION = (
        "competition",
        _("Free and fair competition and private initiative (commercial or industrial secrets)"),
    )
    # The Commission's grounds (CDAI, "Foire aux questions", cdai.ma).
    NOT_HELD = "not_held", _("The information is not held by the council")
    ALREADY_PUBLISHED = (
        "already_published",
        _("The information is already published and available to the public"),
    )
    UNCLEAR = "unclear", _("The request is not clear")
    REPEATED = (
        "repeated",
        _("The same requester asked for the same information, already given, within the year"),
    )
    BEING_PREPARED = "being_prepared", _("The information is still being prepared")
    ARCHIVES = "archives", _("The information is held by the Archives of Morocco (law 69.99)")


ARTICLE_7 = _("article 7, law 31.13")
CDAI_GUIDANCE = _("guidance of the Commission for the right of access to information (CDAI)")
# The source each ground cites, shown with it wherever a decision is.
REFUSAL_GROUND_SOURCES = {
    **{ground: ARTICLE_7 for ground in RefusalGround.values[:14]},
    RefusalGround.NOT_HELD: CDAI_GUIDANCE,
    RefusalGround.ALREADY_PUBLISHED: CDAI_GUIDANCE,
    RefusalGround.UNCLEAR: CDAI_GUIDANCE,
    RefusalGround.REPEATED: CDAI_GUIDANCE,
    RefusalGround.BEING_PREPARED: CDAI_GUIDANCE,
    RefusalGround.ARCHIVES: _("guidance of the CDAI; law 69.99 on archives"),
}
REFUSAL_GROUND_CITATION = ARTICLE_7


class Channel(models.TextChoices):
    """How a request or a complaint reached the council."""

    ONLINE = "online", _("On the website")
    DESK = "desk", _("On paper, at the desk")
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")


class IdDocument(models.TextChoices):
    CIN = "cin", _("National identity card (CIN)")
    RESIDENCE_CARD = "residence_card", _("Residence card")


id_number_format = RegexValidator(
    r"^[A-Z0-9]{4,20}$", _("Letters and digits only, as on the card."), code="id_number_format"
)


class InformationRequest(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("number in the year"), editable=False)

    # The requester: personal data (PERSONAL_FIELDS), for the member's staff only.
    requester_name = models.CharField(_("full name"), max_length=200)
    id_document = models.CharField(
        _("identity document"), max_length=20, choices=IdDocument.choices, default=IdDocument.CIN
    )
    id_number = models.CharField(
        _("identity document number"), max_length=20, validators=[id_number_format]
    )
    postal_address = models.TextField(_("postal address"), max_length=500)
    # Optional in the record (a request may come by post); the site's form asks for it.
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("language of the requester"),
        max_length=2,
        default="ar",
        choices=[("ar", "العربية"), ("fr", "Français")],
    )

    # The request.
    information_wanted = models.TextField(_("information wanted"), max_length=5000)
    is_urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("Needed to protect a person's life, safety or freedom: due in 3 working days."),
    )
    urgency_reason = models.TextField(_("why it is urgent"), max_length=1000, blank=True)
    public_summary = models.TextField(
        _("summary for the public register"),
        max_length=5000,
        blank=True,
        help_text=_(
            "The only text of the request the public register shows: the request as "
            "written is never published. Write it without the requester's name or "
            "anything that identifies them."
        ),
    )
    channel = models.CharField(
        _("received"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    # The request as received on paper, by post or by e-mail: personal data, for the focal
    # point only (tenants/site/personal_data.py), never under the public media address.
    scan = models.FileField(
        _("scan of the request"),
        upload_to="information_requests/scans/%Y/",
        storage=private_storage,
        max_length=255,
        blank=True,
        validators=[validate_document],
    )

    # Deadlines.
    received_on = models.DateField(_("received on"))
    initial_due_on = models.DateField(_("initial due date"))
    due_on = models.DateField(_("due date"))
    extension_reason = models.TextField(_("reason for the extension"), blank=True)

    # Where it stands, and the answer.
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    decided_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_text = models.TextField(
        _("answer"),
        blank=True,
        help_text=_(
            "Published in the public register: never include the requester's name or "
            "contact details."
        ),
    )
    answer_file = models.FileField(
        _("answer file"),
        upload_to="information_requests/%Y/",
        max_length=255,
        blank=True,
        validators=[validate_document],
    )
    refusal_ground = models.CharField(
        _("legal ground of the refusal"), max_length=40, choices=RefusalGround.choices, blank=True
    )
    # Written and reasoned (art. 16): required for a refusal and for what a partial answer
    # withholds; published with the decision.
    decision_reasons = models.TextField(_("reasons of the decision"), blank=True)
    overdue_notice_at = models.DateTimeField(
        _("requester told the deadline passed"), null=True, blank=True, editable=False
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-received_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="information_requests_one_number_a_year"
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("initial_due_on")),
                name="information_requests_due_not_before_initial",
            ),
        ]
        indexes = [models.Index(fields=["state", "due_on"], name="information_requests_due")]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        errors = {}
        if not self.requester_name.strip():
            errors["requester_name"] = ValidationError(
                gettext("Give your full name."), code="required"
            )
        if not self.information_wanted.strip():
            errors["information_wanted"] = ValidationError(
                gettext("Say which information you want."), code="required"
            )
        if self.is_urgent and not self.urgency_reason.strip():
            errors["urgency_reason"] = ValidationError(
                gettext("Say why the information is needed urgently."), code="urgency_reason"
            )
        if self.state in (State.REFUSED, State.PARTLY_ANSWERED) and not self.refusal_ground:
            errors["refusal_ground"] = ValidationError(
                gettext("Give the legal ground of the refusal (article 7, law 31.13)."),
                code="ground_required",
            )
        if self.state in ANSWERED_STATES and not (self.answer_text.strip() or self.answer_file):
            errors["answer_text"] = ValidationError(
                gettext("Give the answer as a text, a file or both."), code="answer_required"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def subject(self) -> str:
        """What the public register shows of the request: the summary staff wrote, and nothing
        until they write one (the request as written may identify the requester)."""
        return self.public_summary

    @property
    def refusal_ground_source(self) -> str:
        return str(REFUSAL_GROUND_SOURCES.get(self.refusal_ground, ""))

    @property
    def complaint_window(self) -> tuple[date, date] | None:
        """The days a complaint to the head of the body may be filed (art. 19): from the
        decision, or from the day after the due date when silence counts as a refusal, for
        COMPLAINT_TO_HEAD_WORKING_DAYS working days. None while the deadline runs, and for
        a withdrawn request."""
        from citizens.working_days import add_working_days

        if self.state in DECIDED_STATES and self.decided_on:
            start = self.decided_on
        elif self.is_open:
            start = self.due_on
        else:
            return None
        return start, add_working_days(start, COMPLAINT_TO_HEAD_WORKING_DAYS)

    def complaint_possible(self, today: date | None = None) -> bool:
        """Within the window of article 19 (an open request only once its due date passed)."""
        window = self.complaint_window
        today = today or timezone.localdate()
        if window is None or (self.is_open and not self.is_overdue(today)):
            return False
        return window[0] <= today <= window[1]

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_extended(self) -> bool:
        return self.due_on != self.initial_due_on

    def is_overdue(self, today: date | None = None) -> bool:
        """Still open after its due date: deemed refused (the requester may complain)."""
        return self.is_open and self.due_on < (today or timezone.localdate())

    @property
    def overdue(self) -> bool:  # for templates
        return self.is_overdue()

    @property
    def answered_on_time(self) -> bool | None:
        return None if self.decided_on is None else self.decided_on <= self.due_on


class Step(models.TextChoices):
    """What happened to a request, as its history records it."""

    FILED = "filed", _("Request received")
    STARTED = "started", _("Work started")
    EXTENDED = "extended", _("Deadline extended")
    ANSWERED = "answered", _("Answered")
    PARTLY_ANSWERED = "partly_answered", _("Partly answered")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    OVERDUE_NOTICE = "overdue_notice", _("Deadline passed: requester told of the right to complain")
    COMPLAINT_FILED = "complaint_filed", _("Complaint to the head of the council received")
    COMPLAINT_ANSWERED = "complaint_answered", _("Complaint answered by the head of the council")


class Transition(models.TextChoices):
    """What staff can do to an open request, by the API or the back office (services.TRANSITIONS)."""

    START = "start", _("Start work")
    EXTEND = "extend", _("Extend the deadline")
    ANSWER = "answer", _("Give the answer")
    PARTLY_ANSWER = "partly_answer", _("Answer in part")
    REFUSE = "refuse", _("Refuse the request")
    WITHDRAW = "withdraw", _("Record a withdrawal")


class RequestEvent(models.Model):
    """One dated step of a request, kept for good: the state before and after, who, why."""

    request = models.ForeignKey(
        InformationRequest,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("information request"),
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    state_before = models.CharField(
        _("state before"), max_length=20, choices=State.choices, blank=True
    )
    state_after = models.CharField(_("state after"), max_length=20, choices=State.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    # The member of staff who acted (kernel.actors); empty when the requester or the system did.
    by, by_account, by_network_account_id = actor_fields(_("by"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("step of a request")
        verbose_name_plural = _("steps of requests")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_step_display()} ({self.at:%Y-%m-%d})"


class ComplaintOutcome(models.TextChoices):
    OPEN = "open", _("Awaiting the head's answer")
    UPHELD = "upheld", _("Upheld: the information is given")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    REJECTED = "rejected", _("Rejected: the decision stands")


class Complaint(models.Model):
    """A complaint to the head of the body about a request's answer, refusal or silence (law
    31.13, art. 19), one per request; the head answers within
    `complaint_head_answer_working_days()`. The register shows that there is one, its dates and
    its outcome; its text is the requester's and stays with staff."""

    request = models.OneToOneField(
        InformationRequest,
        on_delete=models.CASCADE,
        related_name="complaint",
        verbose_name=_("information request"),
    )
    channel = models.CharField(
        _("received"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("the head must answer by"))
    grievance = models.TextField(_("the complaint"), max_length=5000)
    scan = models.FileField(
        _("scan of the complaint"),
        upload_to="information_requests/complaints/%Y/",
        storage=private_storage,
        max_length=255,
        blank=True,
        validators=[validate_document],
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ComplaintOutcome.choices, default=ComplaintOutcome.OPEN
    )
    decided_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_text = models.TextField(_("the head's answer"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["outcome", "due_on"], name="information_complaints_due")]

    def __str__(self) -> str:
        return f"{self.request.reference}: {self.get_outcome_display()}"

    @property
    def is_open(self) -> bool:
        return self.outcome == ComplaintOutcome.OPEN

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())

    @property
    def overdue(self) -> bool:  # for templates
        return self.is_overdue()

    @property
    def answered_on_time(self) -> bool | None:
        return None if self.decided_on is None else self.decided_on <= self.due_on

    @property
    def commission_window_starts(self) -> date:
        """From the head's answer, or from the end of the time the head had (art. 20)."""
        return self.decided_on or self.due_on
