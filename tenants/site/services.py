from django.db import transaction

from tenants.site.models import SiteProfile


@transaction.atomic
def site_profile_initialize(*, hcp_code: str, tier: str, name_ar: str, name_fr: str,
                            region_name_ar: str = "", region_name_fr: str = "",
                            province_name_ar: str = "", province_name_fr: str = "",
                            population_2024: int | None = None) -> SiteProfile:
    """Fill a new member's profile from its registry entry (runs in the member's schema)."""
    profile = SiteProfile(hcp_code=hcp_code, tier=tier, name_ar=name_ar, name_fr=name_fr,
                          region_name_ar=region_name_ar, region_name_fr=region_name_fr,
                          province_name_ar=province_name_ar, province_name_fr=province_name_fr,
                          population_2024=population_2024)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def site_profile_update(**changes) -> SiteProfile:
    """Change the current member's profile; validated as a whole before it is saved."""
    profile = SiteProfile.objects.select_for_update().get()
    editable = {f.name for f in SiteProfile._meta.get_fields()} - {"id", "hcp_code", "tier"}
    unknown = set(changes) - editable
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile
