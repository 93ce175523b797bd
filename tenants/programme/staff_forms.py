"""Forms of the programme's workspace pages (member schema). They parse and check what a person
typed; the services (tenants/programme/services.py) validate again and record the history."""
from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tenants.programme.models import Commitment, Completion, Milestone, Principle
from tenants.site.staff import StaffForm, StaffModelForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

COMMITMENT_FIELDS = ["number", "title_ar", "title_fr", "principles", "problem_ar", "problem_fr",
                     "action_ar", "action_fr", "solution_ar", "solution_fr", "lead_department",
                     "partners", "civil_society_partners", "start_date", "end_date"]


class CommitmentForm(StaffModelForm):
    """A commitment on the OGP template. Create it with its initial completion level; later
    changes of the level go through the progress form, which asks for a note."""

    principles = forms.TypedMultipleChoiceField(
        choices=Principle.choices, label=capfirst(_("principles")), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one principle.")})

    class Meta:
        model = Commitment
        fields = COMMITMENT_FIELDS + ["completion"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET,
                   "problem_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
                   "problem_fr": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
                   "action_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
                   "action_fr": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
                   "solution_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
                   "solution_fr": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
                   "title_ar": forms.TextInput(attrs={"dir": "rtl"}),
                   "title_fr": forms.TextInput(attrs={"dir": "ltr"}),
                   "partners": forms.Textarea(attrs={"rows": 2}),
                   "civil_society_partners": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The level changes on the commitment's page, with a progress note.
            del self.fields["completion"]

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = (Commitment.objects.filter(programme_id=self.instance.programme_id, number=number)
                 .exclude(pk=self.instance.pk).exists())
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
    note = forms.CharField(label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("What was done, as the public will read it in the "
                                       "commitment's history."),
                           error_messages={"required": _("Write a progress note.")})

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"completion": commitment.completion})
        super().__init__(*args, **kwargs)
        self.commitment = commitment

    def clean_completion(self):
        completion = self.cleaned_data["completion"]
        if completion == self.commitment.completion:
            raise forms.ValidationError(
                _("The completion level is already “%(level)s”: choose the new level.")
                % {"level": self.commitment.get_completion_display()})
        return completion


class MilestoneForm(StaffModelForm):
    class Meta:
        model = Milestone
        fields = ["title_ar", "title_fr", "due_on"]
        widgets = {"due_on": DATE_WIDGET, "title_ar": forms.TextInput(attrs={"dir": "rtl"}),
                   "title_fr": forms.TextInput(attrs={"dir": "ltr"})}

    def changes(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.changed_data}


class MilestoneDoneForm(StaffForm):
    """A milestone done: when, and its evidence (a file or a link; the service requires one)."""

    done_on = forms.DateField(label=capfirst(_("done on")), widget=DATE_WIDGET)
    evidence_file = forms.FileField(label=capfirst(_("evidence (file)")), required=False,
                                    help_text=_("PDF, office document or image."))
    evidence_link = forms.URLField(label=capfirst(_("evidence (link)")), required=False,
                                   assume_scheme="https",
                                   widget=forms.URLInput(attrs={"dir": "ltr"}),
                                   help_text=_("Where the evidence is published, e.g. a page "
                                               "of the site."))
    note = forms.CharField(label=capfirst(_("note")), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, milestone: Milestone, **kwargs):
        kwargs.setdefault("initial", {"done_on": milestone.done_on or timezone.localdate(),
                                      "evidence_link": milestone.evidence_link})
        super().__init__(*args, **kwargs)

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("A milestone cannot be done in the future."))
        return done_on


class TemplateCopyForm(StaffForm):
    template = forms.IntegerField(widget=forms.HiddenInput)
