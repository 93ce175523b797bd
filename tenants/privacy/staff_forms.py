"""The form of the personal-data pages: whose data (member schema)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tenants.petitions.models import cin_normalize
from tenants.site.staff import StaffForm


class PersonalDataSearchForm(StaffForm):
    """Whose data: an e-mail address, a national ID number (CIN), or both."""

    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    cin = forms.CharField(
        label=_("National ID number (CIN)"),
        max_length=20,
        required=False,
        help_text=_("For petition signatories and requesters, who give their CIN."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_cin(self):
        return cin_normalize(self.cleaned_data["cin"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("email") and not cleaned.get("cin"):
            raise ValidationError(_("Give an e-mail address or a national ID number."))
        return cleaned
