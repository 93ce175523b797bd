from tenants.site.models import SiteProfile


def site_profile_get() -> SiteProfile | None:
    """The current member's profile (one row per member schema)."""
    return SiteProfile.objects.first()


def home_figures() -> dict:
    """Everything the home page shows, in a constant number of queries."""
    from tenants.documents.selectors import document_latest
    from tenants.meetings.selectors import meeting_upcoming

    return {"upcoming_meetings": list(meeting_upcoming(limit=3)),
            "latest_documents": list(document_latest(limit=5))}
