"""Sign-in and sign-out of network accounts, on the network's host only."""
from django.contrib.auth import views as auth_views
from django.urls import reverse

from network.accounts.access import is_directorate, network_role, require_network_host
from network.accounts.forms import NetworkSignInForm


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
