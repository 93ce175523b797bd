from django.contrib.auth.views import PasswordResetConfirmView
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse_lazy

from tenants.site.page_cache import cache_public_page
from tenants.site.selectors import home_figures, site_profile_get
from tenants.site.tokens import member_token_generator


@cache_public_page
def home(request):
    if site_profile_get() is None:
        raise Http404
    return render(request, "site/home.html", home_figures())


class StaffSetPasswordView(PasswordResetConfirmView):
    """Where an invited member of staff chooses a password (the link is signed per member)."""
    token_generator = member_token_generator
    success_url = reverse_lazy("admin:index")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
