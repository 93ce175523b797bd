"""The console's forms (network host, directorate only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network.console.models import InvitedRole


class StaffInviteForm(forms.Form):
    """Invite a member's first focal point (or another member of its staff)."""

    email = forms.CharField(
        label=_("E-mail of the person to invite"),
        max_length=254,
        widget=forms.EmailInput(
            attrs={"class": "form-control", "autocomplete": "off", "dir": "ltr"}
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        initial=InvitedRole.FOCAL_POINT,
        choices=InvitedRole.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
