"""The public answer form: a field per question, checked by the service's rules
(`services.answers_clean`), so the page and the API refuse the same things with the same words."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from citizens import HoneypotMixin
from tenants.surveys.models import SCALE_MAX, SCALE_MIN, Question, Survey
from tenants.surveys.services import LONG_TEXT_MAX_LENGTH, SHORT_TEXT_MAX_LENGTH, answers_clean

OPTION = {"class": "form-check-input"}


class _Offered(forms.ChoiceField):
    """Parses only: whether the value is offered is the service's rule, in its words."""

    def validate(self, value):
        pass


class _OfferedMany(forms.MultipleChoiceField):
    def validate(self, value):
        pass


def _field(question: Question) -> forms.Field:
    label = str(question.text)
    if question.has_choices:
        choices = [(str(choice.pk), choice.text) for choice in question.choices.all()]
        if question.kind == Question.Kind.MULTIPLE_CHOICE:
            return _OfferedMany(
                label=label,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs=OPTION),
            )
        return _Offered(
            label=label, choices=choices, required=False, widget=forms.RadioSelect(attrs=OPTION)
        )
    if question.is_scale:
        return _Offered(
            label=label,
            required=False,
            widget=forms.RadioSelect(attrs={"class": "btn-check"}),
            choices=[(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)],
        )
    if question.kind == Question.Kind.SHORT_TEXT:
        return forms.CharField(
            label=label,
            required=False,
            widget=forms.TextInput(
                attrs={"dir": "auto", "class": "form-control", "maxlength": SHORT_TEXT_MAX_LENGTH}
            ),
        )
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "dir": "auto",
                "class": "form-control",
                "maxlength": LONG_TEXT_MAX_LENGTH,
            }
        ),
    )


class AnswerForm(HoneypotMixin, forms.Form):
    """`form.questions()` gives (question, bound field) in the survey's order."""

    def __init__(self, *args, survey: Survey, initial_email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        website = self.fields.pop("website")
        for question in survey.questions.all():
            self.fields[question.field_name] = _field(question)
        if survey.one_response_per_email:
            self.fields["email"] = forms.EmailField(
                label=_("Your e-mail"),
                required=False,
                initial=initial_email,
                help_text=_(
                    "Never published. Each address answers once: we send you a link to confirm it."
                ),
                widget=forms.EmailInput(
                    attrs={"autocomplete": "email", "dir": "ltr", "class": "form-control"}
                ),
            )
        self.fields["website"] = website  # last: a bot's trap, out of the way

    def questions(self):
        return [(question, self[question.field_name]) for question in self.survey.questions.all()]

    def answers(self) -> dict:
        """What was sent for each question, as the service takes it."""
        return {
            question.field_name: (
                self.data.getlist(question.field_name)
                if question.kind == Question.Kind.MULTIPLE_CHOICE
                else self.data.get(question.field_name, "")
            )
            for question in self.survey.questions.all()
        }

    def clean(self):
        cleaned = super().clean()
        if (
            self.survey.one_response_per_email
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            self.add_error(
                "email",
                ValidationError(
                    _("Give your e-mail address, as name@example.com: each address answers once."),
                    code="email",
                ),
            )
        try:
            answers_clean(survey=self.survey, answers=self.answers())
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in self.errors:
                    self.add_error(name, messages)
        return cleaned

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)
