"""Workspace pages of the site app: the site's branding and the team (focal point only).

Thin: parse a form, call the services (tenants/site/services.py), redirect with a
confirmation; a service's refusal is put on the form and nothing is written.
"""

from django.contrib.auth import logout
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tenants.site.staff import actor
from tenants.site.roles import Role
from tenants.site.selectors import site_profile_get, staff_manageable_list, staff_team_list
from tenants.site.services import site_branding_save, staff_invite, staff_remove, staff_role_change
from tenants.site.staff import StaffForm, run_form_service, staff_required
from tenants.site.staff_forms import (
    BrandingForm,
    InviteForm,
    RoleForm,
    logo_data_url,
    pending_logo_dump,
)
from tenants.site.templatetags.branding import (
    AA_CONTRAST,
    contrast_with_white,
    readable_on_white_text,
)
from tenancy.addresses import current_member_site_url


def contrast_check(colour: str) -> dict:
    """Does white text on `colour` pass WCAG AA? If not, the darker colour the site uses."""
    rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    ratio = contrast_with_white(rgb)
    shown = readable_on_white_text(colour)
    return {
        "colour": colour,
        "ratio": round(ratio, 1),
        "passes": ratio >= AA_CONTRAST,
        "shown": shown,
        "required": AA_CONTRAST,
        # A code like #ffd700 inside an Arabic sentence is kept left to right.
        "colour_html": format_html('<bdi dir="ltr">{}</bdi>', colour),
        "shown_html": format_html('<bdi dir="ltr">{}</bdi>', shown),
    }


def _initial(profile) -> dict:
    return {name: getattr(profile, name) for name in BrandingForm.PROFILE_FIELDS}


@staff_required("site.change_siteprofile")
def branding(request):
    """The names, logo, colours and contacts: "preview" shows the site's header as it would
    look (nothing saved), "save" saves and the public site shows it at once.

    Contrast: a primary colour too light for white text is not refused. The site already
    darkens it just enough (templatetags/branding.py); the page says so plainly and shows
    the colour that will be used, before and after saving."""
    profile = site_profile_get()
    preview = None
    status = 200
    if request.method == "POST":
        form = BrandingForm(request.POST, request.FILES, has_logo=bool(profile.logo))
        if form.is_valid():
            changes = form.profile_changes()
            if request.POST.get("action") == "preview":
                preview = _preview(form, profile)
            else:
                saved = run_form_service(
                    request, form, site_branding_save, success=_saved_message(changes), **changes
                )
                if saved is not None:
                    return redirect("staff:site:branding")
                status = 400
        else:
            status = 400
    else:
        form = BrandingForm(initial=_initial(profile), has_logo=bool(profile.logo))
    return render(
        request,
        "site/staff/branding.html",
        {
            "form": form,
            "preview": preview,
            "current": profile,
            "current_contrast": contrast_check(profile.primary_colour),
        },
        status=status,
    )


def _saved_message(changes: dict) -> str:
    check = contrast_check(changes["primary_colour"])
    if check["passes"]:
        return _("The site's branding is saved. The public site shows it now.")
    return _(
        "The site's branding is saved. The public site shows it now, with the primary "
        "colour darkened to %(shown)s so that white text stays readable."
    ) % {"shown": f"\u2066{check['shown']}\u2069"}  # kept left to right in Arabic


def _preview(form: BrandingForm, profile) -> dict:
    """What the header will look like, and the logo kept (signed) for the "save" that follows."""
    data = form.cleaned_data
    logo = data.get("logo")
    if logo:
        logo_url = logo_data_url(logo)
        form.data = form.data.copy()
        form.data["pending_logo"] = pending_logo_dump(logo)
    elif data.get("remove_logo"):
        logo_url = ""
    else:
        logo_url = profile.logo.url if profile.logo else ""
    return {
        "name_ar": data["name_ar"],
        "name_fr": data["name_fr"],
        "name_tifinagh": data["name_tifinagh"],
        "logo_url": logo_url,
        "new_logo": bool(logo),
        "secondary": data["secondary_colour"],
        "contrast": contrast_check(data["primary_colour"]),
    }


@staff_required("site.view_staffmembership")
def team(request):
    members = list(staff_team_list())
    return render(
        request,
        "site/staff/team.html",
        {
            "active": [m for m in members if m.user.is_active],
            "former": [m for m in members if not m.user.is_active],
            "assistance_role": Role.NETWORK_ASSISTANCE,
        },
    )


@staff_required("site.add_staffmembership")
def team_invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            email = form.cleaned_data["email"]
            invited = run_form_service(
                request,
                form,
                staff_invite,
                email=email,
                role=form.cleaned_data["role"],
                invited_by=actor(request),
                site_url=current_member_site_url(request),
                success=_(
                    "An invitation was sent to %(email)s. They will appear as "
                    "“invited” until they have chosen a password."
                )
                % {"email": _isolated(email)},
            )
            if invited is not None:
                return redirect("staff:site:team")
        return render(request, "site/staff/invite.html", {"form": form}, status=400)
    return render(request, "site/staff/invite.html", {"form": form})


@staff_required("site.change_staffmembership")
def team_member(request, pk: int):
    """A colleague: their role, to change, and the way to remove them."""
    membership = get_object_or_404(staff_manageable_list(), pk=pk)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST":
        if form.is_valid():
            changed = run_form_service(
                request,
                form,
                staff_role_change,
                membership=membership,
                role=form.cleaned_data["role"],
                by=request.user,
                success=_("%(name)s is now %(role)s.")
                % {"name": _person(membership), "role": Role(form.cleaned_data["role"]).label},
            )
            if changed is not None:
                if changed.user_id == request.user.pk and not request.user.has_perm(
                    "site.view_staffmembership"
                ):
                    return redirect("staff:inbox")  # they gave up the focal point's role
                return redirect("staff:site:team")
        return render(
            request, "site/staff/member.html", {"membership": membership, "form": form}, status=400
        )
    return render(request, "site/staff/member.html", {"membership": membership, "form": form})


@staff_required("site.delete_staffmembership")
def team_remove(request, pk: int):
    """Check, then remove: the confirmation page says what removing does."""
    membership = get_object_or_404(staff_manageable_list(), pk=pk)
    # No fields: the form only carries a service's refusal to the page.
    form = StaffForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        removed = run_form_service(
            request,
            form,
            staff_remove,
            membership=membership,
            by=request.user,
            success=_("%(name)s was removed from the team and can no longer sign in.")
            % {"name": _person(membership)},
        )
        if removed is not None:
            if removed.user_id == request.user.pk:
                logout(request)
                return redirect("staff:sign-in")
            return redirect("staff:site:team")
        return render(
            request, "site/staff/remove.html", _remove_context(membership, form), status=400
        )
    return render(request, "site/staff/remove.html", _remove_context(membership, form))


def _remove_context(membership, form) -> dict:
    person = membership.user
    return {
        "membership": membership,
        "form": form,
        "person_html": format_html("<bdi>{}</bdi>", person.get_full_name() or person.email),
    }


def _person(membership) -> str:
    """The colleague's name (or e-mail) for a message, isolated so that a French name or an
    e-mail keeps its direction inside an Arabic sentence."""
    return _isolated(membership.user.get_full_name() or membership.user.email)


def _isolated(text: str) -> str:
    return f"\u2068{text}\u2069"
