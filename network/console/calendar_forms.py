"""The official calendar's form in the console (network host, directorate only)."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from citizens.models import MAX_DAYS


class HolidayDecisionForm(forms.Form):
    """Record an announced holiday: the estimated dates it replaces are offered as boxes (the
    year's feasts still at their estimated dates)."""

    first_day = forms.DateField(
        label=_("First day off"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    days = forms.IntegerField(
        label=_("Number of days off"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=2,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )
    name_ar = forms.CharField(
        label=_("Name in Arabic"),
        max_length=120,
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "rtl", "lang": "ar"}),
    )
    name_fr = forms.CharField(
        label=_("Name in French"),
        max_length=120,
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "ltr", "lang": "fr"}),
    )
    replaces = forms.TypedMultipleChoiceField(
        label=_("Estimated dates it replaces"),
        required=False,
        coerce=lambda v: v,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    source = forms.CharField(
        label=_("Source of the announcement"),
        max_length=500,
        required=False,
        help_text=_("The ministry's communiqué, or the press item that reports it."),
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "auto"}),
    )

    def __init__(self, *args, estimated=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaces"].choices = [
            (
                holiday.day.isoformat(),
                f"{formats.date_format(holiday.day, 'DATE_FORMAT')} · {holiday.name}",
            )
            for holiday in estimated
        ]

    def clean_replaces(self):
        from datetime import date

        return [date.fromisoformat(value) for value in self.cleaned_data["replaces"]]
