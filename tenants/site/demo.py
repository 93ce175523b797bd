"""The demo members, by HCP code, whose story each app's seeds.py tells (runs in any schema;
network/demo/services.py provisions them). Here, below every app, so that any app's seeds
name them without importing another app."""

from django.db import connection

TETOUAN, TANGER, TIMEZGANA = "01.571.01.11", "01.511.01.0", "03.531.03.23"
REGION_TTA, REGION_BMK = "01", "05"
CHEFCHAOUEN, OUJDA, AGADIR, TETOUAN_PROVINCE = (
    "01.151.01.01",
    "02.411.01.23",
    "09.001.01.01",
    "01.571",
)


def demo_member_code(hcp_code: str | None = None) -> str:
    """Whose demo content to seed: the member named, or else the member whose schema is on."""
    return hcp_code or getattr(connection.tenant, "collectivity_id", "")
