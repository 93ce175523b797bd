"""What every member back-office page shares."""
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _

from citizens import sign_in_attempts_exceeded


class BilingualFieldsMixin:
    """French fields are typed left to right, Arabic ones right to left, whatever the page."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            for suffix, direction in (("_fr", "ltr"), ("_ar", "rtl")):
                if db_field.name.endswith(suffix):
                    field.widget.attrs.update({"dir": direction,
                                               "lang": suffix.lstrip("_")})
        return field


class ReadOnlyAdminMixin:
    """For histories and logs: they record what happened, nobody writes them by hand."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffSignInForm(AdminAuthenticationForm):
    """The back office's sign-in, with attempts counted per account and per address in the
    member's own cache keys (another member's count is not touched)."""

    error_messages = {**AdminAuthenticationForm.error_messages,
                      "too_many": _("Too many attempts. Please wait a few minutes and try again.")}

    def clean(self):
        if self.request is not None and sign_in_attempts_exceeded(
                self.request, scope="staff-sign-in", identity=self.cleaned_data.get("username") or ""):
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")
        return super().clean()
