"""Sign-in and sign-out of network accounts, on the network's host only."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from network.accounts.access import _sign_in_redirect as sign_in_redirect
from network.accounts.access import is_directorate, network_role, require_network_host
from network.accounts.forms import NetworkSignInForm
from twofactor.selectors import two_factor_required
from twofactor.views import Side, code_step, manage


def landing_url(user) -> str:
    """Where a network account lands: the console for the directorate, the comparison of
    their region for a regional focal point, else the portal."""
    if is_directorate(user):
        return reverse("console-home")
    role = network_role(user)
    if role is not None and role.region_id:
        return reverse("network-comparison-region", kwargs={"region_code": role.region_id})
    return reverse("portal-home")


class NetworkHostOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        require_network_host(request)
        return super().dispatch(request, *args, **kwargs)


class NetworkSignInView(NetworkHostOnlyMixin, auth_views.LoginView):
    form_class = NetworkSignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url(self.request.user)


class NetworkSignOutView(NetworkHostOnlyMixin, auth_views.LogoutView):
    next_page = "portal-home"


def back_office_sign_in(request):
    """/admin/login/: the network back office's door. Anonymous visitors sign in through the
    network's sign-in page; a signed-in account that may open the back office goes on to it;
    one that may not (a regional focal point) goes to its own page with a clear message:
    sending it to the sign-in page would bounce it straight back here, in a loop."""
    from network.admin_site import network_admin_site

    require_network_host(request)
    if not request.user.is_authenticated:
        query = request.META.get("QUERY_STRING", "")
        return redirect(reverse("network-sign-in") + (f"?{query}" if query else ""))
    if network_admin_site.has_permission(request):
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("network_admin:index")
        return redirect(target)
    messages.warning(
        request,
        _("Your role does not open the network back office. Here are the pages your role opens."),
    )
    return redirect(landing_url(request.user))


# Two-factor sign-in (platform/twofactor): required of every network account.
def _network_two_factor_side() -> Side:
    return Side(
        code_template="accounts/two_factor_code.html",
        manage_template="accounts/two_factor.html",
        code_url="network-two-factor-code",
        manage_url="network-two-factor",
        sign_in_url="network-sign-in",
        sign_in_scope=NetworkSignInForm.sign_in_scope,
        landing=lambda request: landing_url(request.user),
        issuer=lambda request: settings.TWO_FACTOR_ISSUER,
    )


def two_factor_code(request):
    """After the password: the code of the account's authenticator, or a recovery code."""
    require_network_host(request)
    return code_step(request, _network_two_factor_side())


def two_factor(request):
    """Set up two-factor sign-in (before any other network page) and renew recovery codes."""
    require_network_host(request)
    if not request.user.is_authenticated:
        return sign_in_redirect(request)
    return manage(request, _network_two_factor_side(), required=two_factor_required(request.user))
