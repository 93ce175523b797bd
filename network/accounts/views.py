"""Sign-in and sign-out of network accounts, on the network's host only."""
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from network.accounts.access import is_directorate, network_role
from network.accounts.forms import NetworkSignInForm


def landing_url(user) -> str:
    """Where a network account lands: the console for the directorate, the comparison of
    their region for a regional focal point (once that page exists), else the portal."""
    if is_directorate(user):
        return reverse("console-home")
    role = network_role(user)
    if role is not None and role.region_id:
        for name in ("network-comparison-region",):
            try:
                return reverse(name, kwargs={"region_code": role.region_id})
            except NoReverseMatch:
                continue
    return reverse("portal-home")


class NetworkHostOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if getattr(request, "tenant", None) is not None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class NetworkSignInView(NetworkHostOnlyMixin, auth_views.LoginView):
    form_class = NetworkSignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url(self.request.user)


class NetworkSignOutView(NetworkHostOnlyMixin, auth_views.LogoutView):
    next_page = "portal-home"
