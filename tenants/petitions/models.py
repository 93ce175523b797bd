"""Petitions to the member's council (organic laws 111.14, 112.14, 113.14), their signatures,
the dated steps they went through, and the member's petition settings (member schema).

Personal data: the agent (وكيل) of a petition and the signatories' names and national ID
numbers are for the member's staff only. Public pages and the public API show the subject,
the text, the state with its dated steps and the number of signatures, never who signed.
"""

import re

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.actors import actor_fields

# Arabic-Indic and Eastern Arabic-Indic digits, as phones type them, read as ASCII digits.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# A Moroccan national ID card (CIN) number: one or two letters, then digits.
CIN_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9]{1,8}$")


def cin_normalize(cin: str) -> str:
    """The form a CIN number is compared in: upper case, no spaces, ASCII digits."""
    return "".join((cin or "").translate(_DIGITS).upper().split())


def cin_purged_key(cin: str) -> str:
    """What a signature's `cin_normalized` becomes once its CIN is purged (tenants/site/
    retention.py): a keyed, non-reversible digest of the number, per member, so that the same
    number is still refused a second signature. 20 characters, like the field."""
    from django.db import connection
    from django.utils.crypto import salted_hmac

    digest = salted_hmac(f"infitah.petitions.cin.{connection.schema_name}", cin_normalize(cin))
    return "#" + digest.hexdigest()[:19]


def cin_validate(cin: str) -> None:
    if not CIN_PATTERN.match(cin_normalize(cin)):
        raise ValidationError(
            _("Enter the number of a national ID card (CIN), for example AB123456."),
            code="invalid_cin",
        )


class PetitionSettings(models.Model):
    """The member's petition rules: one row, created with the legal defaults on first use
    (`services.petition_settings_get`), changed by the focal point."""

    SINGLETON_PK = 1

    threshold = models.PositiveIntegerField(
        _("signatures required"), validators=[MinValueValidator(1)]
    )
    legal_reference = models.CharField(_("legal reference"), max_length=300)
    session_months = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)]),
        size=12,
        verbose_name=_("months of the ordinary sessions of the council"),
    )
    # Defaults from law.TIERS (the tier's organic law); the member's legal service corrects them.
    admissibility_months = models.PositiveSmallIntegerField(
        _("months for the bureau's decision on admissibility"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Counted from the day the council receives the petition."),
    )
    association_min_years = models.PositiveSmallIntegerField(
        _("years an association must have existed to file a petition"),
        default=3,
        validators=[MaxValueValidator(50)],
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("petition settings")
        verbose_name_plural = _("petition settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="petitions_settings_one_row")
        ]

    def __str__(self) -> str:
        return str(_("Petition settings"))

    def clean(self) -> None:
        self.session_months = sorted(set(self.session_months or []))
        if not self.session_months:
            raise ValidationError({"session_months": _("Give at least one month.")})


class State(models.TextChoices):
    COLLECTING = "collecting", _("Collecting signatures")
    SUBMITTED = "submitted", _("Submitted to the council")
    ADMISSIBLE = "admissible", _("Admissible")
    NOT_ADMISSIBLE = "not_admissible", _("Not admissible")
    REFERRED = "referred", _("Referred to a committee of the council")
    ON_AGENDA = "on_agenda", _("On the agenda of a council session")
    DECIDED = "decided", _("Decided by the council")


# Where a petition may go from each state (the services refuse anything else).
TRANSITIONS = {
    State.COLLECTING: (State.SUBMITTED,),
    State.SUBMITTED: (State.ADMISSIBLE, State.NOT_ADMISSIBLE),
    State.ADMISSIBLE: (State.REFERRED,),
    State.REFERRED: (State.ON_AGENDA,),
    State.ON_AGENDA: (State.DECIDED,),
    State.NOT_ADMISSIBLE: (),
    State.DECIDED: (),
}


class Source(models.TextChoices):
    ONLINE = "online", _("Online")
    STAFF = "staff", _("Entered by staff")


class Petitioner(models.TextChoices):
    """Who files the petition: citizens through their agent, or an association through its
    legal representative (the organic laws open the right to both)."""

    CITIZENS = "citizens", _("Citizens, through their agent")
    ASSOCIATION = "association", _("An association, through its legal representative")


class Petition(models.Model):
    subject = models.CharField(
        _("subject"), max_length=300, help_text=_("A matter within the powers of the council.")
    )
    text = models.TextField(_("text of the petition"))
    petitioner = models.CharField(
        _("filed by"), max_length=16, choices=Petitioner.choices, default=Petitioner.CITIZENS
    )
    # An association's identity is public (it files in its own name); its legal
    # representative is the agent below, whose details are for staff only.
    association_name = models.CharField(_("name of the association"), max_length=200, blank=True)
    association_reference = models.CharField(
        _("registration reference of the association"),
        max_length=100,
        blank=True,
        help_text=_("The number and date of the final receipt of its declaration."),
    )
    association_founded_on = models.DateField(
        _("date the association was founded"), null=True, blank=True
    )
    agent_name = models.CharField(_("agent's name"), max_length=200)
    agent_cin = models.CharField(
        _("agent's national ID number"), max_length=20, validators=[cin_validate]
    )
    agent_email = models.EmailField(_("agent's e-mail"), blank=True)
    agent_phone = models.CharField(_("agent's phone"), max_length=32, blank=True)
    # The key of the agent's private link (e-mailed to the agent, never shown to staff), and
    # the language the agent's e-mails are written in.
    agent_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    agent_language = models.CharField(max_length=2, default="ar", editable=False)
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.ONLINE
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.COLLECTING
    )
    signatures_required = models.PositiveIntegerField(
        _("signatures required"),
        validators=[MinValueValidator(1)],
        help_text=_("From the petition settings; follows them while signatures are collected."),
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("A petition filed online shows on the site once staff publish it."),
    )
    not_admissible_reason = models.TextField(_("reason for not admitting it"), blank=True)
    # The day the council received it (its submission) and the day the bureau must decide by.
    submitted_on = models.DateField(_("received by the council on"), null=True, blank=True)
    admissibility_due_on = models.DateField(_("bureau's decision due by"), null=True, blank=True)
    committee = models.CharField(_("committee it is referred to"), max_length=200, blank=True)
    session_date = models.DateField(_("date of the council session"), null=True, blank=True)
    answer = models.TextField(_("answer of the council"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state"], name="petitions_state_idx")]

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        self.agent_cin = cin_normalize(self.agent_cin)

    @property
    def is_by_association(self) -> bool:
        return self.petitioner == Petitioner.ASSOCIATION

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_collecting(self) -> bool:
        return self.state == State.COLLECTING

    @property
    def signature_total(self) -> int:
        """The number of signatures (annotated by the selectors as `signature_count`)."""
        count = getattr(self, "signature_count", None)
        return self.signatures.count() if count is None else count

    @property
    def threshold_reached(self) -> bool:
        return self.signature_total >= self.signatures_required

    @property
    def progress_percent(self) -> int:
        return min(100, self.signature_total * 100 // max(self.signatures_required, 1))


class PetitionStep(models.Model):
    """One dated step of a petition: the history is kept, never rewritten."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="steps", verbose_name=_("petition")
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    happened_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    # The member of staff who acted (kernel.actors), or "agent" (the petition's agent, a
    # citizen: no account); never shown in public.
    by, by_account, by_network_account_id = actor_fields(_("by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_state_display()} ({self.happened_on:%Y-%m-%d})"


class Link(models.TextChoices):
    """How a signatory is tied to the collectivity (who the organic laws let sign)."""

    RESIDENT = "resident", _("I live in the collectivity")
    ECONOMIC = "economic", _("I carry on an economic activity there")
    COMMERCIAL = "commercial", _("I carry on a commercial activity there")
    PROFESSIONAL = "professional", _("I carry on a professional activity there")


OUTSIDE_REGION = "outside"


class Signature(models.Model):
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("petition")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    cin = models.CharField(_("national ID number (CIN)"), max_length=20, validators=[cin_validate])
    cin_normalized = models.CharField(max_length=20, editable=False)
    link = models.CharField(_("link to the collectivity"), max_length=16, choices=Link.choices)
    # A regional petition's signatories give the prefecture or province they live in (its HCP
    # code, read by value from the registry), or OUTSIDE_REGION.
    province_code = models.CharField(
        _("prefecture or province of residence"), max_length=16, blank=True
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.ONLINE
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "cin_normalized"],
                name="petitions_one_signature_per_cin",
                violation_error_code="duplicate_signature",
                violation_error_message=_(
                    "This national ID number has already signed this petition."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.cin_normalized})"

    def clean(self) -> None:
        self.cin = " ".join((self.cin or "").split())
        self.cin_normalized = cin_normalize(self.cin)
