from django.shortcuts import render
from django.utils.translation import get_language

from network.members.selectors import member_directory, member_site_url
from network.registry.models import Tier


def home(request):
    name_field = "name_fr" if get_language() == "fr" else "name_ar"
    members = sorted(member_directory(), key=lambda m: getattr(m.collectivity, name_field))
    scheme = "https" if request.is_secure() else "http"
    for member in members:
        member.site_url = member_site_url(member, scheme=scheme)
    by_tier = [(label, [m for m in members if m.collectivity.tier == value])
               for value, label in Tier.choices]
    return render(request, "portal/home.html", {"members_by_tier": by_tier,
                                                "member_count": len(members)})
