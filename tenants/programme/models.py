"""The openness programme, its commitments (OGP template), milestones and their history."""

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext, gettext_lazy as _

from commitment_templates import Principle, principle_labels  # noqa: F401  (both sides)
from ogp_local import (
    PlanLink,
    SustainableDevelopmentGoal,
    end_of_commitment_due_on,
    inception_due_on,
)
from kernel.actors import actor_fields
from kernel.bilingual import Bilingual
from uploads import validate_document


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("Public consultation")
    ADOPTED = "adopted", _("Adopted by the council")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATED = "evaluated", _("Evaluated")


class Completion(models.TextChoices):
    """The IRM's completion scale (docs/law.md, section 7)."""

    NO_EVIDENCE = "no_evidence", _("No evidence available")
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")


# Nothing shown, nothing counted: a level without evidence weighs as not started.
COMPLETION_SHARE = {
    Completion.NO_EVIDENCE: 0.0,
    Completion.NOT_STARTED: 0.0,
    Completion.LIMITED: 1 / 3,
    Completion.SUBSTANTIAL: 2 / 3,
    Completion.COMPLETE: 1.0,
}


class Programme(Bilingual, models.Model):
    title_ar = models.CharField(_("title (Arabic)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    title_zgh = models.CharField(_("title (Amazigh, Tifinagh)"), max_length=250, blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    council_session = models.CharField(_("council session"), max_length=200, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    submitted_on = models.DateField(
        _("submitted to OGP Local on"),
        null=True,
        blank=True,
        help_text=_("The inception assessment is due two months after this date."),
    )
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("openness programme")
        verbose_name_plural = _("openness programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="programme_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title_ar} ({self.period_start}–{self.period_end})"

    @property
    def summary(self) -> str:
        return self.localized("summary")

    @property
    def inception_due_on(self):
        return inception_due_on(self.submitted_on)


class StepKind(models.TextChoices):
    INFORMATION = "information", _("Information meeting")
    WORKSHOP = "workshop", _("Co-creation workshop")
    MONITORING_COMMITTEE = "monitoring_committee", _("Monitoring committee")
    EQUALITY_BODY = "equality_body", _("Equality body")
    CONSULTATION = "consultation", _("Public consultation")
    COUNCIL = "council", _("Council session")
    OTHER = "other", _("Other step")


class ProgrammeStep(Bilingual, models.Model):
    """A step of the co-creation that led to the programme (its public timeline)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind"), max_length=30, choices=StepKind.choices)
    happened_on = models.DateField(_("date"))
    title_ar = models.CharField(_("title (Arabic)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    class Meta:
        ordering = ["happened_on", "pk"]
        verbose_name = _("co-creation step")
        verbose_name_plural = _("co-creation steps")

    def __str__(self) -> str:
        return self.title_ar

    @property
    def description(self) -> str:
        return self.localized("description")


class Commitment(Bilingual, models.Model):
    """One commitment, after the OGP Local template."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="commitments")
    number = models.PositiveSmallIntegerField(_("number"))
    title_ar = models.CharField(_("title (Arabic)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    title_zgh = models.CharField(_("title (Amazigh, Tifinagh)"), max_length=250, blank=True)
    problem_ar = models.TextField(_("problem addressed (Arabic)"), blank=True)
    problem_fr = models.TextField(_("problem addressed (French)"), blank=True)
    action_ar = models.TextField(_("what the commitment does (Arabic)"), blank=True)
    action_fr = models.TextField(_("what the commitment does (French)"), blank=True)
    solution_ar = models.TextField(_("how it solves the problem (Arabic)"), blank=True)
    solution_fr = models.TextField(_("how it solves the problem (French)"), blank=True)
    principles = ArrayField(
        models.CharField(max_length=30, choices=Principle.choices),
        verbose_name=_("principles"),
        default=list,
    )
    lead_department = models.CharField(_("lead department"), max_length=200, blank=True)
    partners = models.TextField(_("partners"), blank=True)
    civil_society_partners = models.TextField(_("civil society partners"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    completion = models.CharField(
        _("completion"), max_length=20, choices=Completion.choices, default=Completion.NOT_STARTED
    )
    # OGP Local's template: a point of contact (for the public only when marked so), a budget,
    # the plans and Sustainable Development Goals the commitment serves.
    contact_name = models.CharField(_("point of contact"), max_length=150, blank=True)
    contact_role = models.CharField(_("role of the point of contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail of the point of contact"), blank=True)
    contact_public = models.BooleanField(
        _("show the point of contact on the public page"),
        default=False,
        help_text=_("Otherwise only the staff see the name, the role and the e-mail."),
    )
    budget_amount = models.DecimalField(
        _("budget (MAD)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_source_ar = models.CharField(
        _("source of the budget (Arabic)"), max_length=250, blank=True
    )
    budget_source_fr = models.CharField(
        _("source of the budget (French)"), max_length=250, blank=True
    )
    plan_links = ArrayField(
        models.CharField(max_length=10, choices=PlanLink.choices),
        verbose_name=_("other plans it serves"),
        default=list,
        blank=True,
    )
    plan_link_other = models.CharField(_("the other plan"), max_length=250, blank=True)
    sdgs = ArrayField(
        models.PositiveSmallIntegerField(choices=SustainableDevelopmentGoal.choices),
        verbose_name=_("Sustainable Development Goals"),
        default=list,
        blank=True,
    )
    # Copied from a network commitment template: its id and version, by value (a member's
    # table never references the public schema, see DESIGN.md).
    source_template_id = models.PositiveIntegerField(
        _("network template"), null=True, blank=True, editable=False
    )
    source_template_version = models.PositiveIntegerField(
        _("template version"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="commitment_number_unique")
        ]
        indexes = [models.Index(fields=["completion"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.title_ar}"

    @property
    def problem(self) -> str:
        return self.localized("problem")

    @property
    def action(self) -> str:
        return self.localized("action")

    @property
    def solution(self) -> str:
        return self.localized("solution")

    @property
    def principle_labels(self) -> list[str]:
        return principle_labels(self.principles)

    @property
    def completion_percent(self) -> int:
        return round(COMPLETION_SHARE[self.completion] * 100)

    @property
    def budget_source(self) -> str:
        return self.localized("budget_source")

    @property
    def plan_link_labels(self) -> list[str]:
        labels = dict(PlanLink.choices)
        return [
            self.plan_link_other
            if code == PlanLink.OTHER and self.plan_link_other
            else str(labels.get(code, code))
            for code in self.plan_links
        ]

    @property
    def sdg_labels(self) -> list[str]:
        labels = dict(SustainableDevelopmentGoal.choices)
        return [str(labels.get(goal, goal)) for goal in sorted(self.sdgs)]

    @property
    def assessment_due_on(self):
        """The end-of-commitment assessment's due date: a month after the commitment ends."""
        return end_of_commitment_due_on(self.end_date)

    def clean(self):
        if PlanLink.OTHER in self.plan_links and not self.plan_link_other.strip():
            raise ValidationError({"plan_link_other": _("Name the other plan.")})
        if self.contact_public and not self.contact_name.strip():
            raise ValidationError(
                {"contact_name": _("A point of contact shown to the public needs a name.")}
            )


class Milestone(Bilingual, models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    title_ar = models.CharField(_("title (Arabic)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    start_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("due on"))
    deliverable_ar = models.TextField(_("deliverable (Arabic)"), blank=True)
    deliverable_fr = models.TextField(_("deliverable (French)"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to="evidence/%Y/", blank=True, validators=[validate_document]
    )
    evidence_link = models.URLField(_("evidence (link)"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title_ar

    @property
    def deliverable(self) -> str:
        return self.localized("deliverable")

    def clean(self):
        if self.start_on and self.due_on and self.due_on < self.start_on:
            raise ValidationError({"due_on": _("The due date comes after the start date.")})


class ProgressUpdate(models.Model):
    """One recorded change (who, when, before, after): the public history of a commitment."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="updates")
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="updates"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, blank=True, related_name="updates"
    )
    subject = models.CharField(_("subject"), max_length=250)
    # The changed model and field, kept as names; shown with their labels in the page's language.
    model = models.CharField(_("model"), max_length=30)
    field = models.CharField(_("field"), max_length=50)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    note = models.TextField(_("note"), blank=True)
    by, by_account, by_network_account_id = actor_fields(_("by"), blank=False)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.subject}: {self.field}"

    CREATED = "created"
    DELETED = "deleted"

    def _model_field(self):
        try:
            return apps.get_model("programme", self.model)._meta.get_field(self.field)
        except (LookupError, FieldDoesNotExist):
            return None

    @property
    def field_label(self) -> str:
        if self.field == self.CREATED:
            return str(_("created"))
        if self.field == self.DELETED:
            return str(_("removed"))
        model_field = self._model_field()
        return str(model_field.verbose_name) if model_field else self.field

    def _value_label(self, value: str) -> str:
        model_field = self._model_field()
        choices = dict(model_field.flatchoices) if model_field and model_field.flatchoices else {}
        if model_field is not None and isinstance(model_field, ArrayField):
            # Stored as text: integer choices (the goals) are looked up by their text too.
            choices = {str(code): label for code, label in model_field.base_field.flatchoices}
            return "، ".join(str(choices.get(v.strip(), v)) for v in value.split(",") if v)
        if isinstance(model_field, models.BooleanField) and value in ("True", "False"):
            return gettext("Yes") if value == "True" else gettext("No")
        return str(choices.get(value, value))

    @property
    def before_label(self) -> str:
        return self._value_label(self.before)

    @property
    def after_label(self) -> str:
        return self._value_label(self.after)


class Specificity(models.TextChoices):
    UNCLEAR = "unclear", _("Unclear")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class PotentialImpact(models.TextChoices):
    NONE = "none", _("None")
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    TRANSFORMATIVE = "transformative", _("Transformative")


class OpenedGovernment(models.TextChoices):
    """The IRM's current "did it open government?" scale (docs/law.md, section 7)."""

    DID_NOT_CHANGE = "did_not_change", _("Did not change")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Major")
    OUTSTANDING = "outstanding", _("Outstanding")


class EvidenceMixin(models.Model):
    """An assessment is recorded with its evidence: a written finding and a link or a file."""

    evidence_link = models.URLField(_("evidence (link)"), blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to="evidence/%Y/", blank=True, validators=[validate_document]
    )

    class Meta:
        abstract = True

    TEXT_FIELD = "reasoning"

    def clean(self):
        errors = {}
        if not (
            getattr(self, f"{self.TEXT_FIELD}_ar").strip()
            or getattr(self, f"{self.TEXT_FIELD}_fr").strip()
        ):
            errors[f"{self.TEXT_FIELD}_ar"] = _(
                "Write what the committee found, in Arabic or in French."
            )
        if not (self.evidence_link or self.evidence_file):
            errors["evidence_link"] = _("Give the evidence: a link or a file.")
        if errors:
            raise ValidationError(errors)


class Assessment(EvidenceMixin, Bilingual, models.Model):
    """The monitoring committee's end-of-commitment assessment (OGP Local Handbook 3.5.2), due a
    month after the commitment ends. Specificity and potential impact are the IRM's older
    design scale, kept for assessments recorded with it."""

    commitment = models.OneToOneField(
        Commitment, on_delete=models.CASCADE, related_name="assessment"
    )
    specificity = models.CharField(
        _("specificity"), max_length=20, choices=Specificity.choices, blank=True
    )
    relevant = models.BooleanField(_("relevant to the principles"), default=True)
    potential_impact = models.CharField(
        _("potential impact"), max_length=20, choices=PotentialImpact.choices, blank=True
    )
    completion = models.CharField(_("completion"), max_length=20, choices=Completion.choices)
    opened_government = models.CharField(
        _("did it open government?"), max_length=20, choices=OpenedGovernment.choices
    )
    reasoning_ar = models.TextField(_("reasoning (Arabic)"), blank=True)
    reasoning_fr = models.TextField(_("reasoning (French)"), blank=True)
    assessed_on = models.DateField(_("assessed on"))

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return str(self.commitment)

    @property
    def reasoning(self) -> str:
        return self.localized("reasoning")


class InceptionAssessment(EvidenceMixin, Bilingual, models.Model):
    """The monitoring committee's inception assessment of the programme (OGP Local Handbook
    3.5.1): the co-creation process and the design of the commitments, due two months after
    the programme is submitted."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="inception_assessment"
    )
    findings_ar = models.TextField(_("findings (Arabic)"), blank=True)
    findings_fr = models.TextField(_("findings (French)"), blank=True)
    assessed_on = models.DateField(_("assessed on"))

    TEXT_FIELD = "findings"

    class Meta:
        verbose_name = _("inception assessment")
        verbose_name_plural = _("inception assessments")

    def __str__(self) -> str:
        return str(self.programme)

    @property
    def findings(self) -> str:
        return self.localized("findings")
