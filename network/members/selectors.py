from django.db.models import Prefetch, QuerySet

from network.members.models import Domain, Member


def member_directory(*, tier: str | None = None) -> QuerySet[Member]:
    """Ready members with their region, province and primary domain, in two queries."""
    qs = (
        Member.objects.ready()
        .select_related("collectivity", "collectivity__region", "collectivity__province")
        .prefetch_related(
            Prefetch("domains", Domain.objects.filter(is_primary=True), to_attr="primary_domains")
        )
        .order_by("collectivity__tier", "collectivity__name_fr")
    )
    return qs.filter(collectivity__tier=tier) if tier else qs


def link_scheme(request) -> str:
    """The scheme of links to members' sites: the page's own (members are served like the
    network); https when there is no request (a file export)."""
    return "https" if request is None or request.is_secure() else "http"
