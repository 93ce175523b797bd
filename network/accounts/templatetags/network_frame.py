"""The network's signed-in frame, one for the portal, the dashboard, the comparison and the
console: who is signed in and with which role, the pages that role opens, sign-out (or, for
a visitor, the sign-in link), and the confirmations of the last action (role=status)."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from network.accounts.access import network_role
from network.accounts.models import NetworkRoleKind

register = template.Library()


def _pages_of(role, user) -> list[tuple[str, str]]:
    """(label, url) of the pages the role opens, in the order of the person's work."""
    if role is None:
        return (
            [(_("Network back office"), reverse("network_admin:index"))]
            if user.is_superuser
            else []
        )
    if role.role == NetworkRoleKind.DIRECTORATE:
        return [
            (_("Directorate console"), reverse("console-home")),
            (_("Members"), reverse("console-members")),
            (_("Network dashboard"), reverse("network-dashboard")),
            (_("Regional comparison"), reverse("network-comparison")),
            (_("Network back office"), reverse("network_admin:index")),
            (_("Network portal"), reverse("portal-home")),
        ]
    if role.region_id:
        return [
            (
                _("Comparison of my region"),
                reverse("network-comparison-region", kwargs={"region_code": role.region_id}),
            ),
            (_("Network portal"), reverse("portal-home")),
        ]
    return []


@register.inclusion_tag("accounts/_frame.html", takes_context=True)
def network_frame(context):
    request = context.get("request")
    if request is None or getattr(request, "tenant", None) is not None:
        return {"hidden": True}  # network pages only: a member's host has no such routes
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    role = network_role(user) if signed_in else None
    region_name = ""
    if role is not None and role.region_id:
        region = role.region  # one query, on a focal point's pages only
        region_name = region.name_fr if get_language() == "fr" else region.name_ar
    path = request.path if request is not None else ""
    console_home = reverse("console-home")

    def current(url: str) -> bool:  # the console's home is a prefix of its other pages
        return path == url or (url not in ("/", console_home) and path.startswith(url))

    return {
        "request": request,
        "signed_in": signed_in,
        "user": user,
        "role": role,
        "region_name": region_name,
        "pages": [
            (label, url, current(url))
            for label, url in (_pages_of(role, user) if signed_in else [])
        ],
        "messages": context.get("messages"),
        "sign_in_url": reverse("network-sign-in")
        + (f"?{urlencode({'next': path})}" if path and path != "/" else ""),
    }
