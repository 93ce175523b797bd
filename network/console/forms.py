"""The console's forms (network host, directorate only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.site.roles import Role


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
        initial=Role.FOCAL_POINT,
        choices=[
            (Role.FOCAL_POINT, Role.FOCAL_POINT.label),
            (Role.EDITOR, Role.EDITOR.label),
            (Role.MODERATOR, Role.MODERATOR.label),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
