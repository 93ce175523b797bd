"""The public network portal (public schema, NETWORK_DOMAIN): the member directory by region,
news, best practices, trainings and commitment templates. Thin: selectors read, templates show."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from network.members.selectors import link_scheme, member_directory
from network.portal.search import portal_search
from network.publications import selectors
from network.registry.models import Tier
from tenancy.addresses import member_site_url

PAGE_SIZE = 12
MAX_QUERY_LENGTH = 100


def _members_by_region(request) -> list[dict]:
    """Ready members grouped by region (a region's own council first in its group); a
    suspended member is left out (its site only shows the suspension notice)."""
    name_field = "name_fr" if get_language() == "fr" else "name_ar"
    scheme = link_scheme(request)
    tier_order = {value: index for index, value in enumerate(Tier.values)}
    groups: dict[str, dict] = {}
    for member in member_directory().filter(suspended_at__isnull=True):
        collectivity = member.collectivity
        region = collectivity.region if collectivity.tier != Tier.REGION else None
        region = region or collectivity
        member.site_url = member_site_url(member, scheme=scheme)
        group = groups.setdefault(region.code, {"region": region, "members": []})
        group["members"].append(member)
    for group in groups.values():
        group["members"].sort(
            key=lambda m: (tier_order[m.collectivity.tier], getattr(m.collectivity, name_field))
        )
    return [groups[code] for code in sorted(groups)]


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def home(request):
    regions = _members_by_region(request)
    return render(
        request,
        "portal/home.html",
        {
            "regions": regions,
            "member_count": sum(len(group["members"]) for group in regions),
            "latest_news": list(selectors.news_visible()[:3]),
            "next_trainings": list(selectors.training_visible(upcoming=True)[:2]),
        },
    )


def news_list(request):
    return render(
        request, "portal/news_list.html", {"page": _page(request, selectors.news_visible())}
    )


def news_detail(request, pk: int):
    item = selectors.news_visible().filter(pk=pk).first()
    if item is None:
        raise Http404
    return render(request, "portal/news_detail.html", {"item": item})


def best_practice_list(request):
    page = _page(request, selectors.best_practice_visible())
    return render(request, "portal/best_practice_list.html", {"page": page})


def best_practice_detail(request, pk: int):
    practice = selectors.best_practice_visible().filter(pk=pk).first()
    if practice is None:
        raise Http404
    listed = member_directory().filter(pk=practice.member_id).first()
    site_url = member_site_url(listed, scheme=link_scheme(request)) if listed else ""
    return render(
        request,
        "portal/best_practice_detail.html",
        {
            "practice": practice,
            "site_url": site_url,
            "page_url": site_url.rstrip("/") + practice.member_page_path
            if site_url and practice.member_page_path.startswith("/")
            else "",
        },
    )


def training_list(request):
    return render(
        request,
        "portal/training_list.html",
        {
            "upcoming": list(selectors.training_visible(upcoming=True)),
            "past": list(selectors.training_visible(upcoming=False)[:PAGE_SIZE]),
        },
    )


def commitment_template_list(request):
    return render(
        request,
        "portal/template_list.html",
        {"templates": list(selectors.commitment_template_visible())},
    )


def commitment_template_detail(request, pk: int):
    template = selectors.commitment_template_visible().filter(pk=pk).first()
    if template is None:
        raise Http404
    return render(
        request,
        "portal/template_detail.html",
        {
            "template": template,
            "copies": list(selectors.template_copy_list(template=template)[:50]),
        },
    )


def search(request):
    """Members by name, news and best practices matching ?q= (Arabic or French)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    context = {"query": query}
    if query:
        context.update(portal_search(query=query, request=request))
    return render(request, "portal/search.html", context)
