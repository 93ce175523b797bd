from django.shortcuts import render

from network.members.selectors import member_directory, member_site_url
from network.registry.models import Tier


def home(request):
    members = list(member_directory())
    scheme = "https" if request.is_secure() else "http"
    for member in members:
        member.site_url = member_site_url(member, scheme=scheme)
    by_tier = [(label, [m for m in members if m.collectivity.tier == value])
               for value, label in Tier.choices]
    return render(request, "portal/home.html", {"members_by_tier": by_tier,
                                                "member_count": len(members)})
