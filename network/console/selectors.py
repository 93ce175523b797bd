"""Reads of the directorate console (public schema)."""

from django.db.models import Q, QuerySet

from network.accounts.access import region_codes_readable_by
from network.console.models import (
    AssistanceGrant,
    MemberStatusChange,
    Onboarding,
    StaffInvitationSent,
)
from network.console.search import registry_search_codes
from network.members.models import Member
from network.registry.models import Tier

MEMBER_STATUSES = ("ready", "suspended")


def member_status(member: Member) -> str:
    if member.suspended_at is not None:
        return "suspended"
    return "ready" if member.is_ready else "provisioning"


def _in_regions(codes) -> Q:
    """Members of these regions: their councils, provinces and communes."""
    return Q(collectivity__region_id__in=codes) | Q(
        collectivity__tier=Tier.REGION, collectivity_id__in=codes
    )


def member_list(
    *, user=None, status: str | None = None, region_code: str | None = None, query: str = ""
) -> QuerySet[Member]:
    """Members with their collectivity and primary domain, limited to what `user` may read
    (None: no limit, for callers that already checked)."""
    qs = (
        Member.objects.select_related("collectivity", "collectivity__region")
        .prefetch_related("domains")
        .order_by("collectivity__tier", "collectivity__name_fr")
    )
    if user is not None:
        codes = region_codes_readable_by(user)
        if codes is not None:
            qs = qs.filter(_in_regions(codes))
    if region_code:
        qs = qs.filter(_in_regions([region_code]))
    if status == "suspended":
        qs = qs.suspended()
    elif status == "ready":
        qs = qs.active()
    if query:  # as forgiving as the registry search (accents, diacritics, hamza)
        codes = registry_search_codes(query, limit=None)
        qs = qs.filter(Q(collectivity_id__in=codes) | Q(schema_name=query))
    return qs


def member_get(*, schema_name: str) -> Member | None:
    return (
        Member.objects.select_related(
            "collectivity", "collectivity__region", "collectivity__province"
        )
        .filter(schema_name=schema_name)
        .first()
    )


def onboarding_list(*, limit: int = 20) -> QuerySet[Onboarding]:
    return Onboarding.objects.select_related("collectivity", "requested_by")[:limit]


def onboarding_get(*, onboarding_id: int) -> Onboarding | None:
    return (
        Onboarding.objects.select_related("collectivity", "requested_by")
        .filter(pk=onboarding_id)
        .first()
    )


def members_by_code(codes) -> dict[str, Member]:
    return {m.collectivity_id: m for m in Member.objects.filter(collectivity_id__in=list(codes))}


def open_onboardings_by_code(codes) -> dict[str, Onboarding]:
    return {
        o.collectivity_id: o
        for o in Onboarding.objects.filter(
            collectivity_id__in=list(codes), state__in=["pending", "provisioning"]
        )
    }


def assistance_grants_of(member: Member) -> QuerySet[AssistanceGrant]:
    return AssistanceGrant.objects.filter(member=member)


def status_changes_of(member: Member) -> QuerySet[MemberStatusChange]:
    return MemberStatusChange.objects.filter(member=member)


def assistance_visits_for_member(member: Member, *, limit: int = 20) -> list[dict]:
    """The visits the member itself recorded (read in the member's schema)."""
    from django_tenants.utils import tenant_context

    from tenants.site.selectors import assistance_visit_list

    with tenant_context(member):
        return [
            {
                "network_email": v.network_email,
                "visited_at": v.visited_at,
                "ip_address": v.ip_address,
                "token_id": v.token_id,
            }
            for v in assistance_visit_list()[:limit]
        ]


def staff_invitations_of(member: Member) -> QuerySet[StaffInvitationSent]:
    return StaffInvitationSent.objects.filter(member=member)
