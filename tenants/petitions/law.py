"""What the organic laws on collectivities say about petitions to their councils, as the
defaults of a member's petition settings (`PetitionSettings`, which the focal point may change).

- Communes, organic law 113.14: 100 signatures below 35,000 inhabitants, 200 otherwise, 400 in
  the communes with arrondissements; ordinary sessions in February, May and October.
- Prefectures and provinces, organic law 112.14: 300 signatures; sessions in January, June and
  September.
- Regions, organic law 111.14: 300 signatures below 1,000,000 inhabitants, 400 from 1,000,000 to
  3,000,000, 500 above 3,000,000; sessions in March, July and October.

The article numbers below are the defaults shown with the threshold; a member whose legal
service reads them otherwise corrects them in its settings.
"""
from dataclasses import dataclass

# The six communes with arrondissements (113.14, titre VI), by HCP code. The registry keeps
# the commune (the collectivity), not its arrondissements nor the prefectures of
# arrondissements, which are state units.
COMMUNES_WITH_ARRONDISSEMENTS = {
    "06.141.01.0": "Casablanca",
    "04.421.01.0": "Rabat",
    "03.231.01.0": "Fès",
    "07.351.01.0": "Marrakech",
    "04.441.01.0": "Salé",
    "01.511.01.0": "Tanger",
}

COMMUNE_SMALL_BELOW = 35_000
REGION_MIDDLE_FROM = 1_000_000
REGION_LARGE_ABOVE = 3_000_000

COMMUNE_REFERENCE = "القانون التنظيمي 113.14 المتعلق بالجماعات، المادة 125"
PROVINCE_REFERENCE = "القانون التنظيمي 112.14 المتعلق بالعمالات والأقاليم، المادة 115"
REGION_REFERENCE = "القانون التنظيمي 111.14 المتعلق بالجهات، المادة 119"

# Months of the three ordinary sessions of the council, by tier.
SESSION_MONTHS = {"commune": (2, 5, 10), "province": (1, 6, 9), "region": (3, 7, 10)}


@dataclass(frozen=True)
class PetitionRules:
    threshold: int
    legal_reference: str
    session_months: tuple[int, ...]


def petition_rules(*, tier: str, population: int | None, hcp_code: str = "") -> PetitionRules:
    """The legal defaults for a collectivity of `tier` ("commune", "province", "region").

    An unknown population gets the rule of the larger collectivities of its tier for communes
    (200: the general case of the law) and the first bracket for regions (300): the focal point
    checks the figure in the settings. An unknown tier is treated as a commune.
    """
    if tier == "region":
        if population is None or population < REGION_MIDDLE_FROM:
            threshold = 300
        elif population <= REGION_LARGE_ABOVE:
            threshold = 400
        else:
            threshold = 500
        return PetitionRules(threshold, REGION_REFERENCE, SESSION_MONTHS["region"])
    if tier == "province":
        return PetitionRules(300, PROVINCE_REFERENCE, SESSION_MONTHS["province"])
    if hcp_code in COMMUNES_WITH_ARRONDISSEMENTS:
        threshold = 400
    elif population is not None and population < COMMUNE_SMALL_BELOW:
        threshold = 100
    else:
        threshold = 200
    return PetitionRules(threshold, COMMUNE_REFERENCE, SESSION_MONTHS["commune"])
