"""The portal's search (public schema): members by name, news and best practices."""

from network.console.search import registry_search_codes
from network.members.models import Member
from network.members.selectors import link_scheme, member_directory
from network.publications.selectors import best_practice_search, news_search
from tenancy.addresses import member_site_url

MAX_MEMBERS = 20
MAX_PUBLICATIONS = 20


def member_search(*, query: str, request) -> list[Member]:
    """Members whose collectivity's name (Arabic or French, spelling aside) holds `query`,
    best first, with the address of their site; suspended members are left out, as in the
    directory."""
    codes = registry_search_codes(query, limit=None)
    if not codes:
        return []
    members = {
        member.collectivity_id: member
        for member in member_directory().filter(
            collectivity_id__in=codes, suspended_at__isnull=True
        )
    }
    found = [members[code] for code in codes if code in members][:MAX_MEMBERS]
    scheme = link_scheme(request)
    for member in found:
        member.site_url = member_site_url(member, scheme=scheme)
    return found


def portal_search(*, query: str, request) -> dict:
    return {
        "members": member_search(query=query, request=request),
        "news": list(news_search(query=query)[:MAX_PUBLICATIONS]),
        "practices": list(best_practice_search(query=query)[:MAX_PUBLICATIONS]),
    }
