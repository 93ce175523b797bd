"""What every page of the staff workspace (`/staff/` on a member's host) shares.

The workspace is where a member's staff keep the site alive: pages built around what waits for
them, each action done through the app's services so the public history stays complete. Apps
put their pages in `staff_views.py` / `staff_urls.py` beside their public ones (Decidim's
admin side by side with the public side); `tenants/workspace` holds the frame and the inbox.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from kernel.actors import Actor
from tenants.site.assistance import ASSISTING_NETWORK_ACCOUNT
from tenants.site.roles import person_name, user_role


def staff_actor(user, *, network_account_id: int | None = None) -> Actor:
    """A staff account of this member as the author of a change (kernel.actors): the account
    and the name shown (`roles.person_name`, never an e-mail)."""
    return Actor(name=person_name(user), account_id=user.pk, network_account_id=network_account_id)


def actor(request) -> Actor:
    """The author of a change made through this request, as audit rows keep it; when the
    directorate assists, its network account too, by value (tenants/site/assistance.py)."""
    session = getattr(request, "session", None)
    return staff_actor(
        request.user,
        network_account_id=session.get(ASSISTING_NETWORK_ACCOUNT) if session is not None else None,
    )


def staff_required(perm: str | None = None):
    """Only for the member's signed-in staff, and only for the roles that `perm` allows.

    Not signed in: to the workspace's sign-in page (then back). Signed in without the right:
    403, so a moderator who follows a link to a commitment's editor is told, not looped.
    """

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated or user_role(request.user) is None:
                return redirect_to_login(request.get_full_path(), reverse("staff:sign-in"))
            if perm and not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorate


class StaffForm(forms.Form):
    """Bootstrap classes on every widget, and a service's errors put where the person looks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput,)):
                css = "form-check-input"
            elif isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
                css = ""
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_service_error(self, error: ValidationError) -> None:
        """A service's ValidationError, field by field when the fields are on the form."""
        if hasattr(error, "error_dict"):
            for field, field_errors in error.error_dict.items():
                target = field if field in self.fields else NON_FIELD_ERRORS
                for message in field_errors:
                    self.add_error(None if target == NON_FIELD_ERRORS else target, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


class StaffModelForm(StaffForm, forms.ModelForm):
    pass


def run_form_service(request, form: StaffForm, service, *, success: str, **kwargs):
    """Call `service(**kwargs)`; on success flash `success` and return the result, on a
    validation error put it on the form and return None (nothing was written: services are
    one transaction)."""
    try:
        result = service(**kwargs)
    except ValidationError as error:
        form.add_service_error(error)
        return None
    messages.success(request, success)
    return result
