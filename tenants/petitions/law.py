"""What the organic laws on collectivities say about petitions to their councils: ONE table
(`TIERS`), read by the settings' defaults, the services, the forms, the pages and docs/law.md
(section 4). Each rule names its text and article and says where it was checked.

- Communes, organic law 113.14; prefectures and provinces, 112.14; regions, 111.14.
- Signatures: 100 / 200 / 400 in communes (below 35,000 inhabitants / otherwise / with
  arrondissements), 300 in prefectures and provinces, 300 / 400 / 500 in regions (below
  1,000,000 / 1,000,000 to 3,000,000 / above). A region's signatories are spread by their
  actual residence over its prefectures and provinces: at least 5 % of the number required
  in each.
- Associations may file: recognised and established in Morocco for more than three years,
  working by democratic principles and their statutes; the other conditions (in good
  standing, seat or branch in the collectivity, activity related to the subject) are
  declared by the legal representative.
- The bureau checks the conditions; a refusal is reasoned and notified to the agent within
  three months of receipt (communes) or two (prefectures, provinces, regions). An admissible
  petition goes to the competent permanent committee and on the agenda of the council's next
  ordinary session (February, May, October for communes; January, June, September for
  prefectures and provinces; March, July, October for regions).

Verified (docs/law.md, section 4): the regional thresholds, the 5 % rule and the three years
of associations (the Marrakech-Safi region's petitions page, which applies 111.14); the two-
and three-month delays (the ministry's guide to petitions as republished by Bni Ansar); the
association's legal representative following the petition (the same guide on Dakhla's site).
NOT verified against a stored text: the article numbers (the regional ones are those the
ministry's guide cites, 120-122; issue #13), the commune and province thresholds, and
whether the three-year rule is the same for communes and provinces. Each of these is a
default of the member's petition settings (threshold, legal reference, delay, years), which
its legal service corrects; none is a silent constant.
"""

import calendar
import math
from dataclasses import dataclass
from datetime import date

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
# 111.14: signatories in each prefecture or province of the region, as a share of the
# number required (rounded up: 5 % of 300 is 15).
REGION_SPREAD_PERCENT = 5


@dataclass(frozen=True)
class TierLaw:
    """The petition rules of one tier of collectivity."""

    law: str
    signatures_article: str
    procedure_article: str
    admissibility_months: int
    association_min_years: int
    session_months: tuple[int, ...]
    spread_over_provinces: bool = False

    def cite(self, article: str) -> str:
        return f"{self.law}، {article}"

    @property
    def signatures_reference(self) -> str:
        return self.cite(self.signatures_article)

    @property
    def procedure_reference(self) -> str:
        return self.cite(self.procedure_article)


TIERS = {
    "commune": TierLaw(
        law="القانون التنظيمي 113.14 المتعلق بالجماعات",
        signatures_article="المادة 123",
        procedure_article="المادة 125",
        admissibility_months=3,
        association_min_years=3,
        session_months=(2, 5, 10),
    ),
    "province": TierLaw(
        law="القانون التنظيمي 112.14 المتعلق بالعمالات والأقاليم",
        signatures_article="المادة 114",
        procedure_article="المادة 116",
        admissibility_months=2,
        association_min_years=3,
        session_months=(1, 6, 9),
    ),
    "region": TierLaw(
        law="القانون التنظيمي 111.14 المتعلق بالجهات",
        signatures_article="المادة 120",
        procedure_article="المادة 122",
        admissibility_months=2,
        association_min_years=3,
        session_months=(3, 7, 10),
        spread_over_provinces=True,
    ),
}

# Kept for the tests and the settings' defaults: the article of the signature threshold.
COMMUNE_REFERENCE = TIERS["commune"].signatures_reference
REGION_REFERENCE = TIERS["region"].signatures_reference
# The reference the regional defaults carried before it was corrected (migration 0002).
REGION_REFERENCE_BEFORE = "القانون التنظيمي 111.14 المتعلق بالجهات، المادة 119"


def tier_law(tier: str) -> TierLaw:
    """The rules of `tier`; an unknown tier is treated as a commune."""
    return TIERS.get(tier, TIERS["commune"])


@dataclass(frozen=True)
class PetitionRules:
    threshold: int
    legal_reference: str
    session_months: tuple[int, ...]
    admissibility_months: int = 3
    association_min_years: int = 3


def petition_rules(*, tier: str, population: int | None, hcp_code: str = "") -> PetitionRules:
    """The legal defaults for a collectivity of `tier` ("commune", "province", "region").

    An unknown population gets the rule of the larger collectivities of its tier for communes
    (200: the general case of the law) and the first bracket for regions (300): the focal point
    checks the figure in the settings. An unknown tier is treated as a commune.
    """
    law = tier_law(tier)
    if tier == "region":
        if population is None or population < REGION_MIDDLE_FROM:
            threshold = 300
        elif population <= REGION_LARGE_ABOVE:
            threshold = 400
        else:
            threshold = 500
    elif tier == "province":
        threshold = 300
    elif hcp_code in COMMUNES_WITH_ARRONDISSEMENTS:
        threshold = 400
    elif population is not None and population < COMMUNE_SMALL_BELOW:
        threshold = 100
    else:
        threshold = 200
    return PetitionRules(
        threshold,
        law.signatures_reference,
        law.session_months,
        law.admissibility_months,
        law.association_min_years,
    )


def spread_minimum(required: int) -> int:
    """Signatories a regional petition needs in each prefecture or province (111.14)."""
    return math.ceil(required * REGION_SPREAD_PERCENT / 100)


def months_after(day: date, months: int) -> date:
    """The same day `months` later, or the last day of that month when it is shorter (a
    petition received on 30 November is answered by 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (29 February → 28 February)."""
    year = day.year - years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))
