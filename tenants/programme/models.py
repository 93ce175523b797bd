"""The openness programme, its commitments (OGP template), milestones and their history."""
from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from commitment_templates import Principle, principle_labels  # noqa: F401  (both sides)
from tenants.site.bilingual import Bilingual
from uploads import validate_document


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("Public consultation")
    ADOPTED = "adopted", _("Adopted by the council")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATED = "evaluated", _("Evaluated")


class Completion(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")


COMPLETION_SHARE = {Completion.NOT_STARTED: 0.0, Completion.LIMITED: 1 / 3,
                    Completion.SUBSTANTIAL: 2 / 3, Completion.COMPLETE: 1.0}


class Programme(Bilingual, models.Model):
    title_ar = models.CharField(_("title (Arabic)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(_("status"), max_length=20, choices=ProgrammeStatus.choices,
                              default=ProgrammeStatus.DRAFT)
    council_session = models.CharField(_("council session"), max_length=200, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("openness programme")
        verbose_name_plural = _("openness programmes")
        constraints = [models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                              name="programme_period_in_order")]

    def __str__(self) -> str:
        return f"{self.title_ar} ({self.period_start}–{self.period_end})"

    @property
    def summary(self) -> str:
        return self.localized("summary")


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
    problem_ar = models.TextField(_("problem addressed (Arabic)"), blank=True)
    problem_fr = models.TextField(_("problem addressed (French)"), blank=True)
    action_ar = models.TextField(_("what the commitment does (Arabic)"), blank=True)
    action_fr = models.TextField(_("what the commitment does (French)"), blank=True)
    solution_ar = models.TextField(_("how it solves the problem (Arabic)"), blank=True)
    solution_fr = models.TextField(_("how it solves the problem (French)"), blank=True)
    principles = ArrayField(models.CharField(max_length=30, choices=Principle.choices),
                            verbose_name=_("principles"), default=list)
    lead_department = models.CharField(_("lead department"), max_length=200, blank=True)
    partners = models.TextField(_("partners"), blank=True)
    civil_society_partners = models.TextField(_("civil society partners"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    completion = models.CharField(_("completion"), max_length=20, choices=Completion.choices,
                                  default=Completion.NOT_STARTED)
    # Copied from a network commitment template: its id and version, by value (a member's
    # table never references the public schema, see DESIGN.md).
    source_template_id = models.PositiveIntegerField(_("network template"), null=True,
                                                     blank=True, editable=False)
    source_template_version = models.PositiveIntegerField(_("template version"), null=True,
                                                          blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [models.UniqueConstraint(fields=["programme", "number"],
                                               name="commitment_number_unique")]
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


class Milestone(Bilingual, models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    title_ar = models.CharField(_("title (Arabic)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence_file = models.FileField(_("evidence (file)"), upload_to="evidence/%Y/", blank=True,
                                     validators=[validate_document])
    evidence_link = models.URLField(_("evidence (link)"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title_ar


class ProgressUpdate(models.Model):
    """One recorded change (who, when, before, after): the public history of a commitment."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="updates")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="updates")
    milestone = models.ForeignKey(Milestone, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="updates")
    subject = models.CharField(_("subject"), max_length=250)
    # The changed model and field, kept as names; shown with their labels in the page's language.
    model = models.CharField(_("model"), max_length=30)
    field = models.CharField(_("field"), max_length=50)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    note = models.TextField(_("note"), blank=True)
    by = models.CharField(_("by"), max_length=150)
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
            choices = dict(model_field.base_field.flatchoices)
            return "، ".join(str(choices.get(v.strip(), v)) for v in value.split(",") if v)
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
    WORSENED = "worsened", _("Worsened")
    DID_NOT_CHANGE = "did_not_change", _("Did not change")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Major")
    OUTSTANDING = "outstanding", _("Outstanding")


class Assessment(Bilingual, models.Model):
    """The monitoring committee's assessment of one commitment."""

    commitment = models.OneToOneField(Commitment, on_delete=models.CASCADE,
                                      related_name="assessment")
    specificity = models.CharField(_("specificity"), max_length=20, choices=Specificity.choices)
    relevant = models.BooleanField(_("relevant to the principles"), default=True)
    potential_impact = models.CharField(_("potential impact"), max_length=20,
                                        choices=PotentialImpact.choices)
    completion = models.CharField(_("completion"), max_length=20, choices=Completion.choices)
    opened_government = models.CharField(_("did it open government?"), max_length=20,
                                         choices=OpenedGovernment.choices)
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
