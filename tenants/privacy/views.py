from django.shortcuts import render

from kernel.page_cache import cache_public_page
from tenants.privacy.retention import PROCESSINGS, RETENTION


@cache_public_page
def privacy(request):
    """Every processing of personal data of this member: why, what, how long, and the rights
    (law 09-08, art. 5); the notices under the forms link here."""
    processings = [
        {"processing": p, "retention": [RETENTION[key] for key in p.retention]}
        for p in PROCESSINGS.values()
    ]
    return render(
        request,
        "privacy/privacy.html",
        {
            "processings": processings,
            "other_retention": [
                row
                for row in RETENTION.values()
                if not any(row.key in p.retention for p in PROCESSINGS.values())
            ],
            "cndp_url": "https://www.cndp.ma/",
        },
    )
