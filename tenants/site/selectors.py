from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.utils.module_loading import import_string

from tenants.site.models import AssistanceVisit, SiteProfile, StaffMembership
from tenants.site.roles import Role


def site_profile_get() -> SiteProfile | None:
    """The current member's profile (one row per member schema)."""
    return SiteProfile.objects.first()


def home_figures() -> dict:
    """Everything the home page shows, in a constant number of queries: the focal points, and
    what each app's block adds. The blocks are named in settings.HOME_BLOCKS (Decidim's content
    blocks), because every app imports the site and the site imports none of them."""
    figures = {"focal_points": list(focal_point_list())}
    for block in _home_blocks(tuple(settings.HOME_BLOCKS)):
        figures.update(block())
    return figures


@cache
def _home_blocks(paths: tuple[str, ...]) -> list[Callable[[], dict]]:
    return [import_string(path) for path in paths]


def focal_point_list():
    """The member's focal points, shown as contacts on the home page."""
    return (
        StaffMembership.objects.filter(role=Role.FOCAL_POINT, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name")
    )


def assistance_visit_list():
    """The directorate's assistance visits to this member, latest first."""
    return AssistanceVisit.objects.order_by("-visited_at")


def staff_team_list():
    """The member's staff, active ones first, focal points first, then by name: the team
    page of the workspace (one query, accounts joined)."""
    order = Case(
        *[
            When(role=role, then=Value(rank))
            for rank, role in enumerate(
                (Role.FOCAL_POINT, Role.EDITOR, Role.MODERATOR, Role.NETWORK_ASSISTANCE)
            )
        ],
        output_field=IntegerField(),
    )
    return StaffMembership.objects.select_related("user").order_by(
        "-user__is_active", order, "user__first_name", "user__last_name", "user__email"
    )


def staff_manageable_list():
    """The colleagues whose role the focal point may change or who may be removed: active,
    never the directorate's assistance account."""
    return (
        StaffMembership.objects.select_related("user")
        .filter(user__is_active=True)
        .exclude(role=Role.NETWORK_ASSISTANCE)
    )


def staff_is_last_focal_point(membership: StaffMembership) -> bool:
    """Is this the member's last active focal point (who must keep the role)?"""
    return (
        membership.role == Role.FOCAL_POINT
        and membership.user.is_active
        and not StaffMembership.objects.filter(role=Role.FOCAL_POINT, user__is_active=True)
        .exclude(pk=membership.pk)
        .exists()
    )
