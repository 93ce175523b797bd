"""Forms of the workspace's site pages: the branding and the team (member schema)."""

import base64
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.signed_links import LinkRefused, link_make, link_read
from tenants.site.roles import Role
from tenants.site.staff import StaffForm
from uploads import IMAGE_KINDS, validate_upload

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# A logo shows small in a header: one megabyte is plenty, and a previewed logo travels back
# with the form (signed) so that "save" after "preview" needs no second upload.
LOGO_MAX_BYTES = 1024 * 1024
PENDING_LOGO_PURPOSE = "site-branding-pending-logo"
# Its salt before previews were signed per member: read while a preview made then may live.
PENDING_LOGO_FORMER_SALT = "site.branding.pending-logo"
PENDING_LOGO_SECONDS = 3600

TEAM_ROLES = [(role.value, role.label) for role in (Role.FOCAL_POINT, Role.EDITOR, Role.MODERATOR)]


class ColourInput(forms.TextInput):
    """The colour as text (#RRGGBB, what screen readers and keyboards use) beside a colour
    picker that a small script keeps in step (the text is what is sent)."""

    template_name = "site/staff/_colour_input.html"

    def __init__(self, *, picker_label, attrs=None):
        super().__init__(
            attrs={
                "pattern": "#[0-9a-fA-F]{6}",
                "maxlength": "7",
                "dir": "ltr",
                "autocomplete": "off",
                "spellcheck": "false",
                **(attrs or {}),
            }
        )
        self.picker_label = picker_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["picker_label"] = self.picker_label
        context["widget"]["picker_value"] = (
            value if value and HEX_COLOUR.match(str(value)) else "#000000"
        )
        return context


def colour_field(label, picker_label):
    return forms.CharField(
        label=label,
        max_length=7,
        help_text=_("Six hexadecimal digits after #, for example #0b6e4f."),
        widget=ColourInput(picker_label=picker_label),
    )


class BrandingForm(StaffForm):
    name_ar = forms.CharField(
        label=_("Name in Arabic"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    name_fr = forms.CharField(
        label=_("Name in French"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "ltr", "lang": "fr"}),
    )
    name_tifinagh = forms.CharField(
        label=_("Name in Amazigh (Tifinagh)"),
        max_length=200,
        required=False,
        help_text=_("Optional. Shown under the name, in Tifinagh script."),
        widget=forms.TextInput(attrs={"dir": "ltr", "lang": "zgh", "class": "tifinagh"}),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "PNG, JPEG or WebP image, square if possible, at most 1 MB. Leave empty "
            "to keep the current logo."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    pending_logo = forms.CharField(required=False, widget=forms.HiddenInput)
    primary_colour = colour_field(_("Primary colour"), _("Choose the primary colour"))
    secondary_colour = colour_field(_("Secondary colour"), _("Choose the secondary colour"))
    contact_email = forms.EmailField(
        label=_("Contact e-mail"), required=False, widget=forms.EmailInput(attrs={"dir": "ltr"})
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "type": "tel"}),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    cndp_declaration = forms.CharField(
        label=_("CNDP declaration reference"),
        max_length=100,
        required=False,
        help_text=_(
            "The reference the CNDP gave the member's declaration of its processing of "
            "personal data (law 09-08, art. 12). Shown under every form that collects "
            "personal data; while empty, they say the declaration is pending."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )

    PROFILE_FIELDS = (
        "name_ar",
        "name_fr",
        "name_tifinagh",
        "primary_colour",
        "secondary_colour",
        "contact_email",
        "contact_phone",
        "address",
        "cndp_declaration",
    )

    def __init__(self, *args, has_logo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].widget = forms.FileInput(attrs=self.fields["logo"].widget.attrs)
        self.fields["logo"].widget.attrs["class"] = "form-control"
        if not has_logo:
            del self.fields["remove_logo"]

    def clean_primary_colour(self):
        return self._colour("primary_colour")

    def clean_secondary_colour(self):
        return self._colour("secondary_colour")

    def _colour(self, name):
        value = self.cleaned_data[name].strip()
        if not HEX_COLOUR.match(value):
            raise ValidationError(
                _("Enter a colour as # followed by six hexadecimal digits, for example #0b6e4f.")
            )
        return value.lower()

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            _check_logo(logo)
        return logo

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("logo") and cleaned.get("pending_logo"):
            cleaned["logo"] = pending_logo_load(cleaned["pending_logo"])
        return cleaned

    def profile_changes(self) -> dict:
        """What `site_branding_save` is given: the profile's fields, and the logo when a new
        one was chosen (or "" when the current one is removed)."""
        changes = {name: self.cleaned_data[name] for name in self.PROFILE_FIELDS}
        if self.cleaned_data.get("logo"):
            changes["logo"] = self.cleaned_data["logo"]
        elif self.cleaned_data.get("remove_logo"):
            changes["logo"] = ""
        return changes


def _check_logo(logo) -> None:
    validate_upload(logo, kinds=IMAGE_KINDS)
    if logo.size > LOGO_MAX_BYTES:
        raise ValidationError(
            gettext("The logo is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(logo.size), "limit": filesizeformat(LOGO_MAX_BYTES)}
        )


def logo_data_url(logo) -> str:
    """The chosen logo as a data: URL, to preview it before anything is stored."""
    kind = validate_upload(logo, kinds=IMAGE_KINDS)
    logo.seek(0)
    data = base64.b64encode(logo.read()).decode()
    logo.seek(0)
    return f"data:image/{kind.name};base64,{data}"


def pending_logo_dump(logo) -> str:
    """The previewed logo, signed, for a hidden field: nothing is stored until "save"."""
    logo.seek(0)
    payload = {"name": logo.name, "data": base64.b64encode(logo.read()).decode()}
    logo.seek(0)
    return link_make(PENDING_LOGO_PURPOSE, payload, compress=True)


def pending_logo_load(value: str):
    try:
        payload = link_read(
            PENDING_LOGO_PURPOSE,
            value,
            max_age=PENDING_LOGO_SECONDS,
            kind=dict,
            former_salt=PENDING_LOGO_FORMER_SALT,
        )
    except LinkRefused:
        raise ValidationError(
            gettext("The previewed logo has expired: please choose it again.")
        ) from None
    logo = ContentFile(base64.b64decode(payload["data"]), name=payload["name"])
    _check_logo(logo)
    return logo


class InviteForm(StaffForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "The colleague signs in with this address. We send them a link to choose a password."
        ),
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=TEAM_ROLES, widget=forms.RadioSelect)


class RoleForm(StaffForm):
    role = forms.ChoiceField(label=_("New role"), choices=TEAM_ROLES, widget=forms.RadioSelect)
