"""The demo network: the members the network's stories name, plus a handful more."""

from django.utils import timezone
from django_tenants.utils import tenant_context

from network.members.services import ProvisioningOutcome, member_provision
from network.publications.seeds import seed_publications

# HCP code -> what the demo adds to the profile filled from the registry.
DEMO_MEMBERS: dict[str, dict] = {
    # Tétouan: its open-commune plan 2023-2026 and its website.
    "01.571.01.11": {
        "name_tifinagh": "ⵜⵉⵟⵟⴰⵡⵉⵏ",
        "primary_colour": "#1f5f8b",
        "secondary_colour": "#d4a017",
        "contact_email": "infitah@tetouan.example.ma",
        "address": "شارع محمد الخامس، تطوان",
    },
    # Tanger: co-creation workshops before adoption at the October council session.
    "01.511.01.0": {
        "name_tifinagh": "ⵟⴰⵏⵊⴰ",
        "primary_colour": "#0b6e4f",
        "secondary_colour": "#c1272d",
        "contact_email": "infitah@tanger.example.ma",
    },
    # Timezgana (Fès-Meknès): joined in December 2024, programme adopted in October 2025.
    "03.531.03.23": {
        "primary_colour": "#6a3d9a",
        "secondary_colour": "#f0a500",
        "contact_email": "infitah@timezgana.example.ma",
    },
    # The Tanger-Tétouan-Al Hoceima region and its OGP Local action plan 2020-2022.
    "01": {"primary_colour": "#005a70", "secondary_colour": "#e07a1f"},
    "05": {"primary_colour": "#7a3b12", "secondary_colour": "#2e7d32"},  # Béni Mellal-Khénifra
    "01.151.01.01": {
        "primary_colour": "#1e6fb8",
        "secondary_colour": "#ffffff",
    },  # Chefchaouen: co-creating
    "02.411.01.23": {},  # Oujda: its draft in public consultation
    "09.001.01.01": {},  # Agadir: adopted in October 2026
    "01.571": {},  # Tétouan province: just joined, no programme yet
}


def _site_content_seed_for_member(*, member, branding: dict) -> None:
    """Brand the site and give it its own demo content (runs in the member's schema). Each
    app's seeds.py holds every demo member's part of the story, by HCP code, and seeds it once."""
    from tenants.consultations.seeds import consultations_seed_demo
    from tenants.documents.seeds import documents_seed_demo
    from tenants.ideas.seeds import ideas_seed_demo
    from tenants.information_requests.seeds import information_requests_seed_demo
    from tenants.meetings.seeds import meetings_seed_demo
    from tenants.petitions.seeds import petitions_seed_demo
    from tenants.programme.seeds import programme_seed_demo
    from tenants.site.services import site_profile_update
    from tenants.surveys.seeds import surveys_seed_demo

    today = timezone.localdate()
    code = member.collectivity_id
    with tenant_context(member):
        if branding:
            site_profile_update(**branding)
        programme_seed_demo(hcp_code=code, today=today)
        meetings_seed_demo(hcp_code=code, today=today)
        documents_seed_demo(
            hcp_code=code, today=today, site_url=f"https://{member.collectivity.slug}.example.ma"
        )
        consultations_seed_demo(hcp_code=code, today=today)
        information_requests_seed_demo(hcp_code=code, today=today)
        petitions_seed_demo(hcp_code=code, today=today)
        ideas_seed_demo(hcp_code=code)
        surveys_seed_demo(hcp_code=code, today=today)


def demo_network_seed() -> list[ProvisioningOutcome]:
    """Provision the demo members, brand the new ones and give each its content. Idempotent:
    each app's content is seeded only where the member has none of it (so a member provisioned
    before, as the tests' Tétouan and Tanger, gets its story too), and the branding only at
    provisioning (a developer's changes to it stay)."""
    outcomes = []
    for code, branding in DEMO_MEMBERS.items():
        outcome = member_provision(hcp_code=code)
        _site_content_seed_for_member(
            member=outcome.member, branding=branding if outcome.created else {}
        )
        outcomes.append(outcome)
    seed_publications()  # the portal's news, best practices, training and templates
    return outcomes
