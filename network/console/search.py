"""Searching the registry by name (Arabic or French) or HCP code, forgivingly (public schema).

1,590 rows: the folded names are kept in each process's memory (rebuilt every few minutes),
so a search is a scan of a small list and one query for the rows found. Names are compared as
kernel.folding's `fold_name` folds them: Arabic without diacritics, tatweel or hamza seats
(أ إ آ ٱ → ا, ى ئ → ي, ؤ → و, ة → ه), French without accents or case.
"""

import re
import time
from dataclasses import dataclass

from kernel.folding import fold_name
from network.registry.models import Collectivity

_CODE = re.compile(r"^[0-9][0-9.]*$")
INDEX_SECONDS = 300
TIER_ORDER = {"region": 0, "province": 1, "commune": 2}


@dataclass(frozen=True)
class _Entry:
    code: str
    tier: str
    name_ar: str
    name_fr: str


_index: dict = {"built": 0.0, "entries": []}


def _entries() -> list[_Entry]:
    now = time.monotonic()
    if now - _index["built"] > INDEX_SECONDS or not _index["entries"]:
        rows = Collectivity.objects.values_list("code", "tier", "name_ar", "name_fr")
        _index["entries"] = [
            _Entry(code, tier, fold_name(ar), fold_name(fr)) for code, tier, ar, fr in rows
        ]
        _index["built"] = now
    return _index["entries"]


def _rank(entry: _Entry, needle: str, is_code: bool) -> int | None:
    if is_code:
        if entry.code == needle:
            return 0
        return 1 if entry.code.startswith(needle) else None
    best = None
    for name in (entry.name_ar, entry.name_fr):
        if name == needle:
            rank = 0
        elif name.startswith(needle):
            rank = 1
        elif f" {needle}" in f" {name}":
            rank = 2
        elif needle in name:
            rank = 3
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


def registry_search_codes(query: str, *, limit: int | None = 25) -> list[str]:
    """HCP codes of the collectivities matching `query`, best first (exact, then prefix, then
    word, then anywhere; regions before provinces before communes), from the index alone."""
    needle = fold_name(query)
    if not needle:
        return []
    is_code = bool(_CODE.match(needle))
    found = []
    for entry in _entries():
        rank = _rank(entry, needle, is_code)
        if rank is not None:
            found.append((rank, TIER_ORDER.get(entry.tier, 3), entry.name_fr, entry.code))
    found.sort()
    return [code for *_, code in (found if limit is None else found[:limit])]


def registry_search(query: str, *, limit: int | None = 25) -> list[Collectivity]:
    """The collectivities of registry_search_codes(), with region and province."""
    codes = registry_search_codes(query, limit=limit)
    rows = Collectivity.objects.select_related("region", "province").in_bulk(codes)
    return [rows[code] for code in codes if code in rows]


def registry_search_forget() -> None:
    """Rebuild the index at the next search (after load_registry, in tests)."""
    _index["entries"] = []
