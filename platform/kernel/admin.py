"""What every member back-office page shares."""

from django.contrib.admin.forms import AdminAuthenticationForm

from citizens import SignInAttemptsMixin


class BilingualFieldsMixin:
    """French fields are typed left to right, Arabic ones right to left, whatever the page."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            for suffix, direction in (("_fr", "ltr"), ("_ar", "rtl"), ("_zgh", "ltr")):
                if db_field.name.endswith(suffix):
                    field.widget.attrs.update({"dir": direction, "lang": suffix.lstrip("_")})
        return field


class ReadOnlyAdminMixin:
    """For histories and logs: they record what happened, nobody writes them by hand."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffSignInForm(SignInAttemptsMixin, AdminAuthenticationForm):
    """The back office's sign-in, with attempts counted per account and per address in the
    member's own cache keys (another member's count is not touched)."""

    sign_in_scope = "staff-sign-in"

    def clean(self):
        self.refuse_when_too_many(self.cleaned_data.get("username") or "")
        return super().clean()
