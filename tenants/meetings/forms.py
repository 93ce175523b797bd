"""The public registration form (on its own uncached page: it carries a CSRF token)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizens import HoneypotMixin
from tenants.meetings.models import Attendance, Registration


class RegistrationForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send your confirmation and a link to cancel to it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    category = forms.ChoiceField(
        label=_("You come as"), choices=[("", "—"), *Attendance.Category.choices]
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        required=False,
        initial=Registration.Gender.NOT_SAID,
        choices=Registration.Gender.choices,
        widget=forms.RadioSelect,
        help_text=_("Used only to count the attendance of women and men."),
    )

    field_order = ["name", "email", "category", "gender"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["category"].widget.attrs["class"] = "form-select"

    def registration_fields(self) -> dict:
        """What the service takes (the honeypot left out)."""
        return {name: self.cleaned_data[name] for name in self.field_order}
