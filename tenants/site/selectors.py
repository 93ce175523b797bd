from tenants.site.models import SiteProfile


def site_profile_get() -> SiteProfile | None:
    """The current member's profile (one row per member schema)."""
    return SiteProfile.objects.first()
