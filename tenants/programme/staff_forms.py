"""Forms of the programme's workspace pages (member schema). They parse and check what a person
typed; the services (tenants/programme/services.py) validate again and record the history."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tenants.programme.models import (
    Assessment,
    Commitment,
    Completion,
    InceptionAssessment,
    Milestone,
    Principle,
)
from ogp_local import PlanLink, SustainableDevelopmentGoal
from tenants.site.staff import StaffForm, StaffModelForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

COMMITMENT_FIELDS = [
    "number",
    "title_ar",
    "title_fr",
    "title_zgh",
    "principles",
    "problem_ar",
    "problem_fr",
    "action_ar",
    "action_fr",
    "solution_ar",
    "solution_fr",
    "lead_department",
    "partners",
    "civil_society_partners",
    "start_date",
    "end_date",
    # OGP Local's template
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_public",
    "budget_amount",
    "budget_source_ar",
    "budget_source_fr",
    "plan_links",
    "plan_link_other",
    "sdgs",
]


class CommitmentForm(StaffModelForm):
    """A commitment on the OGP template. Create it with its initial completion level; later
    changes of the level go through the progress form, which asks for a note."""

    principles = forms.TypedMultipleChoiceField(
        choices=Principle.choices,
        label=capfirst(_("principles")),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one principle.")},
    )
    plan_links = forms.TypedMultipleChoiceField(
        choices=PlanLink.choices,
        label=capfirst(_("other plans it serves")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdgs = forms.TypedMultipleChoiceField(
        choices=SustainableDevelopmentGoal.choices,
        coerce=int,
        required=False,
        label=capfirst(_("Sustainable Development Goals")),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Commitment
        fields = COMMITMENT_FIELDS + ["completion"]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "problem_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
            "problem_fr": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "action_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
            "action_fr": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "solution_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
            "solution_fr": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "title_ar": forms.TextInput(attrs={"dir": "rtl"}),
            "title_fr": forms.TextInput(attrs={"dir": "ltr"}),
            "title_zgh": forms.TextInput(attrs={"dir": "ltr", "lang": "zgh"}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "civil_society_partners": forms.Textarea(attrs={"rows": 2}),
            "contact_email": forms.EmailInput(attrs={"dir": "ltr"}),
            "budget_amount": forms.NumberInput(attrs={"dir": "ltr", "min": "0", "step": "0.01"}),
            "budget_source_ar": forms.TextInput(attrs={"dir": "rtl"}),
            "budget_source_fr": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The level changes on the commitment's page, with a progress note.
            del self.fields["completion"]

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = (
            Commitment.objects.filter(programme_id=self.instance.programme_id, number=number)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken:
            raise forms.ValidationError(_("Another commitment of the programme has this number."))
        return number

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes after the start date."))
        return cleaned

    def changes(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.changed_data}


class ProgressForm(StaffForm):
    """A new completion level, and the note that says what was done (both public)."""

    completion = forms.ChoiceField(label=_("Completion level"), choices=Completion.choices)
    note = forms.CharField(
        label=_("Progress note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, as the public will read it in the commitment's history."),
        error_messages={"required": _("Write a progress note.")},
    )

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"completion": commitment.completion})
        super().__init__(*args, **kwargs)
        self.commitment = commitment

    def clean_completion(self):
        completion = self.cleaned_data["completion"]
        if completion == self.commitment.completion:
            raise forms.ValidationError(
                _("The completion level is already “%(level)s”: choose the new level.")
                % {"level": self.commitment.get_completion_display()}
            )
        return completion


class MilestoneForm(StaffModelForm):
    class Meta:
        model = Milestone
        fields = ["title_ar", "title_fr", "start_on", "due_on", "deliverable_ar", "deliverable_fr"]
        widgets = {
            "start_on": DATE_WIDGET,
            "due_on": DATE_WIDGET,
            "title_ar": forms.TextInput(attrs={"dir": "rtl"}),
            "title_fr": forms.TextInput(attrs={"dir": "ltr"}),
            "deliverable_ar": forms.Textarea(attrs={"rows": 2, "dir": "rtl"}),
            "deliverable_fr": forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        }

    def changes(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.changed_data}


class MilestoneDoneForm(StaffForm):
    """A milestone done: when, and its evidence (a file or a link; the service requires one)."""

    done_on = forms.DateField(label=capfirst(_("done on")), widget=DATE_WIDGET)
    evidence_file = forms.FileField(
        label=capfirst(_("evidence (file)")),
        required=False,
        help_text=_("PDF, office document or image."),
    )
    evidence_link = forms.URLField(
        label=capfirst(_("evidence (link)")),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"dir": "ltr"}),
        help_text=_("Where the evidence is published, e.g. a page of the site."),
    )
    note = forms.CharField(
        label=capfirst(_("note")), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, milestone: Milestone, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "done_on": milestone.done_on or timezone.localdate(),
                "evidence_link": milestone.evidence_link,
            },
        )
        super().__init__(*args, **kwargs)

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("A milestone cannot be done in the future."))
        return done_on


class TemplateCopyForm(StaffForm):
    template = forms.IntegerField(widget=forms.HiddenInput)


EVIDENCE_WIDGETS = {"assessed_on": DATE_WIDGET}


class _AssessmentForm(StaffModelForm):
    """An assessment of the monitoring committee, with its evidence (the model requires the
    findings and a link or a file)."""

    evidence_link = forms.URLField(
        label=capfirst(_("evidence (link)")),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_file"].help_text = _("PDF, office document or image.")
        if not self.initial.get("assessed_on"):
            self.initial["assessed_on"] = timezone.localdate()

    def clean_assessed_on(self):
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on > timezone.localdate():
            raise forms.ValidationError(_("An assessment cannot be dated in the future."))
        return assessed_on

    def changes(self) -> dict:
        """What to save, read from the instance the form has filled (an uploaded file too):
        every field for a new assessment, the changed ones otherwise."""
        names = self._meta.fields if not self.instance.pk else self.changed_data
        return {name: getattr(self.instance, name) for name in names}


class EndOfCommitmentForm(_AssessmentForm):
    class Meta:
        model = Assessment
        fields = [
            "completion",
            "opened_government",
            "reasoning_ar",
            "reasoning_fr",
            "assessed_on",
            "evidence_link",
            "evidence_file",
        ]
        labels = {
            "reasoning_ar": _("Results and lessons (Arabic)"),
            "reasoning_fr": _("Results and lessons (French)"),
        }
        widgets = {
            **EVIDENCE_WIDGETS,
            "reasoning_ar": forms.Textarea(attrs={"rows": 4, "dir": "rtl"}),
            "reasoning_fr": forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        }


class InceptionForm(_AssessmentForm):
    class Meta:
        model = InceptionAssessment
        fields = ["findings_ar", "findings_fr", "assessed_on", "evidence_link", "evidence_file"]
        help_texts = {
            "findings_ar": _(
                "The co-creation process and the design of the "
                "commitments, as the committee found them."
            )
        }
        widgets = {
            **EVIDENCE_WIDGETS,
            "findings_ar": forms.Textarea(attrs={"rows": 5, "dir": "rtl"}),
            "findings_fr": forms.Textarea(attrs={"rows": 5, "dir": "ltr"}),
        }
