"""The directorate console (network host, directorate only): thin views over the services."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizens import client_address
from network.accounts.access import directorate_required
from network.console import selectors, services
from network.console.forms import StaffInviteForm
from network.console.search import registry_search
from network.members.models import Member
from network.members.selectors import link_scheme
from tenancy.addresses import member_site_url

MEMBERS_PER_PAGE = 50


@directorate_required
def home(request, *, errors=None, status=200):
    query = request.GET.get("q", "").strip()[:100] if request.method == "GET" else ""
    results = registry_search(query)
    codes = [c.code for c in results]
    members = selectors.members_by_code(codes)
    onboardings = selectors.open_onboardings_by_code(codes)
    rows = [
        {"collectivity": c, "member": members.get(c.code), "onboarding": onboardings.get(c.code)}
        for c in results
    ]
    counts = {
        "ready": Member.objects.active().count(),
        "suspended": Member.objects.suspended().count(),
    }
    return render(
        request,
        "console/home.html",
        {
            "query": query,
            "rows": rows,
            "counts": counts,
            "errors": errors or [],
            "onboardings": selectors.onboarding_list(limit=10),
        },
        status=status,
    )


@require_POST
@directorate_required
def onboard(request):
    try:
        onboarding = services.onboarding_request(
            hcp_code=request.POST.get("hcp_code", ""), requested_by=request.user
        )
    except ValidationError as error:
        request.method = "GET"
        return home(request, errors=error.messages, status=400)
    return redirect("console-onboarding", onboarding_id=onboarding.pk)


@directorate_required
def onboarding_detail(request, onboarding_id: int):
    onboarding = selectors.onboarding_get(onboarding_id=onboarding_id)
    if onboarding is None:
        raise Http404
    member = Member.objects.filter(collectivity_id=onboarding.collectivity_id).first()
    if onboarding.state == "ready" and member is not None and member.is_ready:
        # The onboarding ends where the directorate goes on: the member's page (its site, its
        # workspace, the invitation of its first focal point).
        messages.success(request, _("The member's site is ready. Invite its first focal point."))
        return redirect("console-member", schema_name=member.schema_name)
    steps = ["pending", "provisioning", "ready"]
    reached = steps.index(onboarding.state) if onboarding.state in steps else -1
    return render(
        request,
        "console/onboarding.html",
        {
            "onboarding": onboarding,
            "member": member,
            "reached": reached,
            "steps": [(step, i <= reached) for i, step in enumerate(steps)],
            "refresh_seconds": 2 if onboarding.is_open else None,
        },
    )


@directorate_required
def member_list(request):
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    status = status if status in selectors.MEMBER_STATUSES else ""
    members = selectors.member_list(status=status or None, query=query)
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "console/member_list.html", {"page": page, "query": query, "status": status}
    )


def _member_or_404(schema_name: str) -> Member:
    member = selectors.member_get(schema_name=schema_name)
    if member is None:
        raise Http404
    return member


@directorate_required
def member_detail(request, schema_name: str, *, errors=None, status=200, invite_form=None):
    member = _member_or_404(schema_name)
    visits = selectors.assistance_visits_for_member(member) if member.is_ready else []
    site_url = member_site_url(member, scheme=link_scheme(request))
    return render(
        request,
        "console/member_detail.html",
        {
            "site_url": site_url,
            "workspace_url": site_url + "staff/" if site_url else "",
            "invite_form": invite_form or StaffInviteForm(),
            "invitations": selectors.staff_invitations_of(member)[:20],
            "member": member,
            "status": selectors.member_status(member),
            "domains": member.domains.order_by("-is_primary", "domain"),
            "grants": selectors.assistance_grants_of(member)[:20],
            "visits": visits,
            "changes": selectors.status_changes_of(member)[:20],
            "errors": errors or [],
            "reason": request.POST.get("reason", ""),
            "site_port_hint": settings.SITE_PORT_HINT,
        },
        status=status,
    )


def _member_status_change(request, schema_name: str, change) -> HttpResponse:
    """Suspend or resume: back to the member's page, or that page with the errors (400)."""
    member = _member_or_404(schema_name)
    try:
        change(member)
    except ValidationError as error:
        return member_detail(request, schema_name, errors=error.messages, status=400)
    return redirect("console-member", schema_name=schema_name)


@require_POST
@directorate_required
def member_suspend(request, schema_name: str):
    return _member_status_change(
        request,
        schema_name,
        lambda member: services.member_suspend(
            member=member, reason=request.POST.get("reason", ""), by=request.user
        ),
    )


@require_POST
@directorate_required
def member_resume(request, schema_name: str):
    return _member_status_change(
        request, schema_name, lambda member: services.member_resume(member=member, by=request.user)
    )


@require_POST
@directorate_required
def member_assist(request, schema_name: str):
    """Open the member's back office: a single-use token, then the member's host."""
    member = _member_or_404(schema_name)
    try:
        _grant, token = services.assistance_grant_create(
            member=member, user=request.user, ip_address=client_address(request)
        )
    except ValidationError as error:
        return member_detail(request, schema_name, errors=error.messages, status=400)
    return redirect(
        services.assistance_url(member=member, token=token, scheme=link_scheme(request))
    )


@require_POST
@directorate_required
def member_invite(request, schema_name: str):
    """Invite the member's first focal point (or another member of its staff) by e-mail."""
    member = _member_or_404(schema_name)
    form = StaffInviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.staff_invite_for_member(
                member=member,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                scheme=link_scheme(request),
            )
        except ValidationError as error:
            for field, field_errors in (
                error.error_dict.items()
                if hasattr(error, "error_dict")
                else [(None, error.messages)]
            ):
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The e-mail holds a link to choose a password.")
                % {"email": invitation.email},
            )
            return redirect("console-member", schema_name=schema_name)
    return member_detail(request, schema_name, invite_form=form, status=400)
