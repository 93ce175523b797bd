"""The workspace's own pages: sign-in (and its two-factor step), sign-out, the inbox and
two-factor sign-in (member schema)."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kernel.admin import StaffSignInForm
from tenants.site.roles import Role, user_role
from tenants.site.selectors import site_profile_get
from tenants.site.staff import StaffForm, staff_required
from tenants.workspace.selectors import inbox as inbox_sections
from twofactor.views import Side, code_step, manage


@staff_required()
def inbox(request):
    now = timezone.now()
    sections = inbox_sections(user=request.user, today=timezone.localdate(now), now=now)
    return render(
        request,
        "workspace/inbox.html",
        {
            "sections": sections,
            "waiting": sum(section.count for section in sections),
            "clear": [section for section in sections if not section.count],
            "today": timezone.localdate(now),
        },
    )


class WorkspaceSignInForm(StaffForm, StaffSignInForm):
    pass


class StaffSignInView(LoginView):
    """The staff's sign-in on their member's host (accounts live in the member's schema)."""

    form_class = WorkspaceSignInForm
    template_name = "workspace/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("staff:inbox")


@require_POST
def sign_out(request):
    logout(request)
    return redirect("staff:sign-in")


# Two-factor sign-in (platform/twofactor), offered to the member's staff: once on, this sign-in
# and the back office's ask for a code. Devices live in the member's schema, like the accounts.
def _staff_two_factor_side() -> Side:
    return Side(
        code_template="workspace/two_factor_code.html",
        manage_template="workspace/two_factor.html",
        code_url="staff:two-factor-code",
        manage_url="staff:two-factor",
        sign_in_url="staff:sign-in",
        sign_in_scope=StaffSignInForm.sign_in_scope,
        landing=lambda request: reverse("staff:inbox"),
        issuer=_issuer,
    )


def _issuer(request) -> str:
    # Apps list the account under the member's name: staff of two members keep them apart.
    profile = site_profile_get()
    return f"{settings.TWO_FACTOR_ISSUER} {profile.name}" if profile else settings.TWO_FACTOR_ISSUER


def two_factor_code(request):
    """After the password, for staff who turned two-factor on."""
    return code_step(request, _staff_two_factor_side())


@staff_required()
def two_factor(request):
    """Turn two-factor sign-in on or off for oneself; renew the recovery codes. Not for the
    directorate's assistance account, which is shared and signed in by a link."""
    if user_role(request.user) == Role.NETWORK_ASSISTANCE:
        raise PermissionDenied
    return manage(request, _staff_two_factor_side(), required=False)
