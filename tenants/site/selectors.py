from django.db.models import Case, IntegerField, Value, When

from tenants.site.models import AssistanceVisit, SiteProfile, StaffMembership
from tenants.site.roles import Role


def site_profile_get() -> SiteProfile | None:
    """The current member's profile (one row per member schema)."""
    return SiteProfile.objects.first()


def home_figures() -> dict:
    """Everything the home page shows, in a constant number of queries."""
    from tenants.documents.selectors import document_latest
    from tenants.meetings.selectors import meeting_upcoming
    from tenants.programme.selectors import programme_current, progress_by_principle

    programme = programme_current()
    return {
        "programme": programme,
        "progress": progress_by_principle(programme=programme) if programme else [],
        "upcoming_meetings": list(meeting_upcoming(limit=3)),
        "latest_documents": list(document_latest(limit=5)),
        "focal_points": list(focal_point_list()),
    }


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
