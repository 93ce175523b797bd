"""The error pages (403, 404, 500 and the CSRF failure) in the frame of the host they answer on.

On a member's host: the member's name, logo and colours (its public frame, or the workspace's
under /staff/); on the network's host: the portal's frame. Arabic unless the visitor chose
French, a phone viewport, one sentence of what happened and links to what to do next.

Wired as `handler403/404/500` in both URLconfs and as CSRF_FAILURE_VIEW. With DEBUG on, Django
would show its technical pages for 404 and 500: `ErrorPagesMiddleware` shows these pages
instead (the traceback of a 500 goes to the console log, never to the page).

A 500 page must render when nothing else works: it reads the member's profile once, guarded,
and falls back to a plain network frame (no query, no cache, no context processor) when it
cannot; if even that template fails, a fixed bilingual page is returned.
"""

import logging
import sys
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.signals import got_request_exception
from django.db import connection
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ui.middleware import chosen_language

logger = logging.getLogger("django.request")

MEMBER_FRAME = "site/base_site.html"
WORKSPACE_FRAME = "workspace/base.html"
PORTAL_FRAME = "portal/base_portal.html"
# No link of a portal's or member's URLconf: renders under either, without the database.
PLAIN_FRAME = "errors/frame_network.html"


def _language(request) -> str:
    """The visitor's language from the switch's cookie: the locale middleware may not have run
    (an error in host routing happens before it)."""
    return chosen_language(request)


def _profile(request):
    """The member's profile, or None on the network's host or when it cannot be read."""
    if getattr(request, "tenant", None) is None or connection.schema_name == "public":
        return None
    try:
        return import_string(settings.MEMBER_PROFILE_GET)()
    except Exception:  # the database is down or the transaction broken: the plain frame
        logger.warning(
            "Error page without the member's branding: its profile is unreadable", exc_info=True
        )
        return None


def _url(name: str, default: str | None = None) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return default


def _signed_in(request) -> bool:
    """Whether someone is signed in (reads the session: never called for a 500)."""
    try:
        return request.user.is_authenticated
    except Exception:
        return False


def _in_workspace(request) -> bool:
    return request.path_info.startswith("/staff/")


def _actions(request, *, member: bool, sign_in: bool, signed_in: bool) -> list[tuple[str, str]]:
    """What the visitor can do next: (label, address), the most likely first."""
    actions = []
    if member and _in_workspace(request):
        actions.append((_("Back to the staff workspace"), _url("staff:inbox", "/staff/")))
    if member:
        actions.append((_("Go to the home page of this site"), _url("site-home", "/")))
    else:
        actions.append((_("Go to the network's home page"), _url("portal-home", "/")))
    if sign_in:
        address = (
            _url("staff:sign-in", "/staff/sign-in/")
            if member
            else _url("network-sign-in", "/sign-in/")
        )
        actions.append(
            (
                _("Sign in with another account") if signed_in else _("Sign in"),
                f"{address}?next={quote(request.get_full_path())}",
            )
        )
    if member:
        actions.append(
            (_("Network directory"), f"//{settings.NETWORK_DOMAIN}{settings.SITE_PORT_HINT}/")
        )
    return actions


def render_error(
    request,
    template: str,
    *,
    status: int,
    sign_in: bool = False,
    query_allowed: bool = True,
    context: dict | None = None,
) -> HttpResponse:
    """The error page `template` in the host's frame, in the visitor's language.

    Rendered without the context processors (they query): everything the frames need is
    given here. `query_allowed=False` (the 500) reads the member's profile once, guarded,
    and nothing else: no session, no user, so the portal gets its plain frame."""
    with translation.override(_language(request)):
        member = getattr(request, "tenant", None) is not None
        profile = _profile(request)
        if profile is not None:
            frame = WORKSPACE_FRAME if _in_workspace(request) else MEMBER_FRAME
        elif not member and query_allowed and _url("portal-home"):
            frame = PORTAL_FRAME  # it shows who is signed in: not for a 500
        else:
            frame = PLAIN_FRAME
        signed_in = _signed_in(request) if query_allowed else False
        page = {
            "request": request,
            "frame": frame,
            "profile": profile,
            "status": status,
            "member_host": member,
            "in_workspace": member and _in_workspace(request),
            "signed_in": signed_in,
            "actions": _actions(request, member=member, sign_in=sign_in, signed_in=signed_in),
            # The frames' sign-out forms (the token comes from the cookie: no query).
            "csrf_token": get_token(request),
            "registry_credit": settings.REGISTRY_CREDIT,
            "network_url": f"//{settings.NETWORK_DOMAIN}{settings.SITE_PORT_HINT}/",
            **(context or {}),
        }
        body = loader.get_template(template).render(page)
    response = HttpResponse(body, status=status)
    response["Content-Language"] = _language(request)
    response["Cache-Control"] = "no-store"
    response.infitah_error_page = True
    return response


def page_not_found(request, exception=None):
    return render_error(request, "errors/404.html", status=404)


def permission_denied(request, exception=None):
    # Signed in without the right: a sign-in link "with another account" helps; not signed
    # in (a network page, the back office): the sign-in is the way in.
    return render_error(request, "errors/403.html", status=403, sign_in=True)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an expired or missing form token, in words a person can act on."""
    logger.info("CSRF failure on %s: %s", request.path, reason)
    # Staff and network accounts post forms after signing in: their way back may be to sign
    # in again. A citizen's forms (comment, request, petition) need no account.
    member = getattr(request, "tenant", None) is not None
    return render_error(
        request,
        "errors/csrf_failure.html",
        status=403,
        sign_in=_in_workspace(request) or not member,
    )


FALLBACK_500 = """<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>خطأ في الخدمة · Erreur du service</title></head>
<body style="font-family: system-ui, sans-serif; margin: 1.5rem; line-height: 1.6">
<h1>عذرا، حدث خطأ في الخدمة</h1>
<p>تعذر عرض هذه الصفحة بسبب خطأ في المنصة. يرجى المحاولة مرة أخرى بعد بضع دقائق.</p>
<p><a href="/">الصفحة الرئيسية</a></p>
<div lang="fr" dir="ltr"><h2>Désolé, le service rencontre un problème</h2>
<p>Cette page n'a pas pu être affichée à cause d'une erreur de la plateforme. Veuillez
réessayer dans quelques minutes.</p><p><a href="/">Page d'accueil</a></p></div>
</body></html>
"""


def server_error(request):
    """The 500 page: no query needed, never a traceback or a setting."""
    try:
        return render_error(request, "errors/500.html", status=500, query_allowed=False)
    except Exception:
        logger.exception("The 500 page could not be rendered: the fixed page is served")
        response = HttpResponse(FALLBACK_500, status=500)
        response["Cache-Control"] = "no-store"
        return response


class ErrorPagesMiddleware:
    """With DEBUG on, the same pages as in production instead of Django's technical ones.

    403 and the CSRF failure use their handlers whatever DEBUG says. A 404 raised by a view
    and any other exception of a view are answered here; an address that matches no URL
    (Django's technical 404, `resolver_match` left empty) is replaced on the way out. A 500's
    traceback is logged to the console as Django does in production. With DEBUG off this does
    nothing: Django calls the handlers itself. Placed after CommonMiddleware, so that a
    missing slash is still redirected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and not getattr(response, "infitah_error_page", False)
        ):
            return page_not_found(request)
        return response

    def process_exception(self, request, exception):
        if not settings.DEBUG or isinstance(exception, PermissionDenied):
            return None
        if isinstance(exception, Http404):
            logger.warning("Not Found: %s (%s)", request.path, exception)
            return page_not_found(request, exception)
        got_request_exception.send(sender=None, request=request)
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )
        response = server_error(request)
        response._has_been_logged = True
        return response
