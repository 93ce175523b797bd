"""The one rule of two-factor sign-in, for every page of every host (see twofactor/__init__)."""

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django_otp.middleware import OTPMiddleware

from twofactor.selectors import two_factor_on, two_factor_required

# URL names of the steps, per host: (code step, enrolment, sign-out).
NETWORK_PAGES = ("network-two-factor-code", "network-two-factor", "network-sign-out")
MEMBER_PAGES = ("staff:two-factor-code", "staff:two-factor", "staff:sign-out")
# What an unverified session may still load: assets, the language switch, health checks.
OPEN_PREFIXES = ("/static/", "/lang/", "/healthz", "/readyz", "/favicon.ico")


def _pages(request) -> tuple[str, ...]:
    names = MEMBER_PAGES if getattr(request, "tenant", None) is not None else NETWORK_PAGES
    try:
        return tuple(reverse(name, urlconf=getattr(request, "urlconf", None)) for name in names)
    except NoReverseMatch:  # a host without these pages (e.g. an unknown host's page)
        return ()


def step_needed(request, user) -> str | None:
    """ "code" when the session must give a code, "enrol" when the account must first set up
    two-factor (network accounts only), None when it may go on. Needs OTPMiddleware's
    `user.is_verified`."""
    if not user.is_authenticated or user.is_verified():
        return None
    if two_factor_on(user):
        return "code"
    if two_factor_required(user):
        return "enrol"
    return None


class TwoFactorMiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware (`request.user.otp_device`, `request.user.is_verified()`),
    then the rule: a session whose account has two-factor on, or must have it, and has not
    given its code reaches the code step (or enrolment), sign-out and assets; any other page
    sends it there (and back after), and the API takes it for an anonymous visitor."""

    sync_capable = True
    async_capable = False

    def __call__(self, request):
        self._install_lazy_accessors(request)
        return self._confine(request) or self.get_response(request)

    def _confine(self, request):
        session = getattr(request, "session", None)
        if session is None or SESSION_KEY not in session:
            return None  # anonymous: nothing to look up
        step = step_needed(request, request.user)
        if step is None or request.path.startswith(OPEN_PREFIXES):
            return None
        pages = _pages(request)
        if not pages:
            return None
        code, enrol, sign_out = pages
        if request.path in (code if step == "code" else enrol, sign_out):
            return None
        if request.path.startswith("/api/"):
            request.user = AnonymousUser()  # the session's rights wait for the code
            return None
        target = code if step == "code" else enrol
        query = {"next": request.get_full_path()} if request.method == "GET" else {}
        return redirect(f"{target}?{urlencode(query)}" if query else target)
