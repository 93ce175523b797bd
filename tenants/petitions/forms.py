"""The forms of the public petition pages (filing, signing) and of the back office."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from citizens import HoneypotMixin
from tenants.petitions.models import OUTSIDE_REGION, Link, Petitioner, PetitionSettings, State


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its fields, or above them."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class CitizenForm(HoneypotMixin, forms.Form):
    """A public form: Bootstrap's look on its text boxes, and the honeypot."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, (forms.TextInput, forms.EmailInput, forms.Textarea)):
                field.widget.attrs.setdefault("class", "form-control")


class PetitionFileForm(CitizenForm):
    # Not required: a form sent without it (an older page, a script) is filed by citizens.
    petitioner = forms.ChoiceField(
        label=_("Who files the petition?"),
        choices=Petitioner.choices,
        initial=Petitioner.CITIZENS,
        widget=forms.RadioSelect,
        required=False,
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=300,
        help_text=_("A matter within the powers of the council."),
    )
    text = forms.CharField(
        label=_("Text of the petition"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_("What you ask the council, and why."),
    )
    agent_name = forms.CharField(
        label=_("Full name of the agent"),
        max_length=200,
        help_text=_("The agent (وكيل) files the petition and speaks for its signatories."),
    )
    agent_cin = forms.CharField(
        label=_("National ID number (CIN) of the agent"),
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    agent_email = forms.EmailField(
        label=_("E-mail of the agent"),
        help_text=_("A private link to follow the petition is sent there."),
    )
    agent_phone = forms.CharField(label=_("Phone of the agent"), max_length=32, required=False)
    # An association's fields: required by the service when an association files.
    association_name = forms.CharField(
        label=_("Name of the association"), max_length=200, required=False
    )
    association_reference = forms.CharField(
        label=_("Registration reference of the association"),
        max_length=100,
        required=False,
        help_text=_("The number and date of the final receipt of its declaration."),
    )
    association_founded_on = forms.DateField(
        label=_("Date the association was founded"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "dir": "ltr", "class": "form-control"}),
    )
    association_conditions_declared = forms.BooleanField(
        label=_(
            "As its legal representative, I declare that the association is in good "
            "standing with the law, has its seat or a branch in the collectivity, and works "
            "on the subject of the petition."
        ),
        required=False,
    )

    # Required when an association files (the service says so): not marked "optional".
    conditional_fields = (
        "association_name",
        "association_reference",
        "association_founded_on",
        "association_conditions_declared",
    )
    field_order = [
        "petitioner",
        "subject",
        "text",
        "association_name",
        "association_reference",
        "association_founded_on",
        "association_conditions_declared",
        "agent_name",
        "agent_cin",
        "agent_email",
        "agent_phone",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent_name"].help_text = _(
            "The agent (وكيل) files the petition and speaks for its signatories; for an "
            "association, its legal representative."
        )

    def clean_petitioner(self) -> str:
        return self.cleaned_data["petitioner"] or Petitioner.CITIZENS


class SignatureForm(CitizenForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    cin = forms.CharField(
        label=_("National ID number (CIN)"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"dir": "ltr", "autocomplete": "off", "autocapitalize": "characters"}
        ),
    )
    link = forms.ChoiceField(
        label=_("Your link to the collectivity"), choices=Link.choices, widget=forms.RadioSelect
    )
    declaration = forms.BooleanField(
        label=_("I declare that this information is true and that I sign this petition only once.")
    )

    field_order = ["full_name", "cin", "link", "province_code", "declaration"]

    def __init__(self, *args, provinces=(), **kwargs):
        """`provinces`: the region's prefectures and provinces, when the member is a region
        whose signatories must spread over them (selectors.region_provinces)."""
        super().__init__(*args, **kwargs)
        if provinces:
            self.fields["province_code"] = forms.ChoiceField(
                label=_("Prefecture or province where you live"),
                choices=[
                    ("", "—"),
                    *((p.code, p.name) for p in provinces),
                    (OUTSIDE_REGION, _("Outside the region")),
                ],
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.order_fields(self.field_order)


class PetitionSettingsForm(forms.ModelForm):
    # Tick boxes rather than a comma-separated list of month numbers.
    session_months = forms.TypedMultipleChoiceField(
        label=_("months of the ordinary sessions of the council"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        choices=sorted(MONTHS.items()),
    )

    class Meta:
        model = PetitionSettings
        fields = [
            "threshold",
            "legal_reference",
            "session_months",
            "admissibility_months",
            "association_min_years",
        ]


class TransitionForm(forms.Form):
    """The back office's step form: where the petition goes, when, and what that step needs."""

    to = forms.ChoiceField(label=_("New state"))
    happened_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Reason for not admitting it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    committee = forms.CharField(
        label=_("Committee it is referred to"), required=False, max_length=200
    )
    session_date = forms.DateField(
        label=_("Date of the council session"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    answer = forms.CharField(
        label=_("Answer of the council"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, next_states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(state, State(state).label) for state in next_states]
