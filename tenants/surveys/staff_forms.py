"""Forms of the workspace's survey pages (member schema): they parse; the services
(tenants/surveys/services.py) validate again and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.meetings.models import Meeting
from tenants.site.staff import StaffForm, StaffModelForm
from tenants.surveys.models import Question, Survey
from tenants.surveys.services import EDITABLE_FIELDS, QUESTION_FIELDS

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{meeting.title} ({timezone.localtime(meeting.starts_at):%d/%m/%Y})"


class SurveyForm(StaffModelForm):
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.order_by("-starts_at"),
        required=False,
        label=_("Meeting evaluated (optional)"),
        empty_label=_("No meeting"),
        help_text=_("The meeting's public page links to the survey."),
    )

    class Meta:
        model = Survey
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "title_ar": forms.TextInput(attrs={"dir": "rtl"}),
            "title_fr": forms.TextInput(attrs={"dir": "ltr"}),
            "description_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
            "description_fr": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        }

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionForm(StaffForm):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Question.Kind.choices)
    text_ar = forms.CharField(
        label=_("Question (Arabic)"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"dir": "rtl"}),
    )
    text_fr = forms.CharField(
        label=_("Question (French)"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    choices_ar = forms.CharField(
        label=_("Choices (Arabic), one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl"}),
        help_text=_("For a single or multiple choice: two choices at least."),
    )
    choices_fr = forms.CharField(
        label=_("Choices (French), one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        help_text=_("In the same order as in Arabic; leave empty to show the Arabic ones."),
    )
    scale_min_label_ar = forms.CharField(
        label=_("Words for 1 (Arabic)"),
        required=False,
        max_length=100,
        help_text=_("For a scale, e.g. “not satisfied”."),
    )
    scale_min_label_fr = forms.CharField(
        label=_("Words for 1 (French)"), required=False, max_length=100
    )
    scale_max_label_ar = forms.CharField(
        label=_("Words for 5 (Arabic)"),
        required=False,
        max_length=100,
        help_text=_("For a scale, e.g. “very satisfied”."),
    )
    scale_max_label_fr = forms.CharField(
        label=_("Words for 5 (French)"), required=False, max_length=100
    )

    @classmethod
    def for_question(cls, question: Question, data=None) -> "QuestionForm":
        choices = list(question.choices.all())
        initial = {name: getattr(question, name) for name in QUESTION_FIELDS}
        initial["choices_ar"] = "\n".join(choice.text_ar for choice in choices)
        initial["choices_fr"] = "\n".join(choice.text_fr for choice in choices)
        return cls(data, initial=initial)

    def clean(self):
        cleaned = super().clean()
        arabic, french = (
            _lines(cleaned.get("choices_ar", "")),
            _lines(cleaned.get("choices_fr", "")),
        )
        if arabic and french and len(arabic) != len(french):
            self.add_error(
                "choices_fr",
                _("Give as many choices in French as in Arabic, in the same order (or none)."),
            )
        return cleaned

    def values(self) -> dict:
        """The service's arguments: the fields, and the choices as (Arabic, French) pairs."""
        values = {name: self.cleaned_data[name] for name in QUESTION_FIELDS}
        arabic, french = (
            _lines(self.cleaned_data["choices_ar"]),
            _lines(self.cleaned_data["choices_fr"]),
        )
        longest = max(len(arabic), len(french))
        arabic += [""] * (longest - len(arabic))
        french += [""] * (longest - len(french))
        values["choices"] = list(zip(arabic, french))
        return values


class PeriodForm(StaffForm):
    opens_at = forms.DateTimeField(
        label=_("Opens on"),
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes on"),
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text=_("Answers are refused after this moment."),
    )
