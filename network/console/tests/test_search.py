"""Registry search: Arabic without diacritics or hamza variants, French without accents, codes."""

import pytest

from kernel.folding import fold_name
from network.console.search import registry_search

TETOUAN = "01.571.01.11"


@pytest.mark.parametrize(
    "text, normalized",
    [
        ("Tétouan", "tetouan"),
        ("TÉTOUAN", "tetouan"),
        ("Fès-Meknès", "fes meknes"),
        ("Laâyoune", "laayoune"),
        ("تِطْوَان", "تطوان"),
        ("أنجرة", "انجره"),
        ("إقليم", "اقليم"),
        ("آيت", "ايت"),
        ("مؤسسة", "موسسه"),
        ("ـتطـوان", "تطوان"),
        ("مكناسى", "مكناسي"),
    ],
)
def test_normalize(text, normalized):
    assert fold_name(text) == normalized


@pytest.mark.parametrize(
    "query", ["تطوان", "تِطْوان", "tetouan", "Tétouan", "TETOUAN", "01.571.01.11"]
)
def test_tetouan_is_found_in_arabic_french_and_by_code(network, db, query):
    codes = [c.code for c in registry_search(query)]
    assert TETOUAN in codes
    # The commune itself comes before the province and the communes that merely contain it.
    communes = [c.code for c in registry_search(query) if c.tier == "commune"]
    assert communes[0] == TETOUAN


def test_the_province_comes_before_the_commune_of_the_same_name(network, db):
    codes = [c.code for c in registry_search("tetouan")]
    assert codes.index("01.571") < codes.index(TETOUAN)


def test_hamza_variants_and_ta_marbuta_are_ignored(network, db):
    assert "01.227.03.05" in [c.code for c in registry_search("انجره")]  # أنجرة
    assert "01.227.03.05" in [c.code for c in registry_search("Anjra")]


def test_a_code_prefix_lists_a_province_and_its_communes(network, db):
    results = registry_search("01.571", limit=100)
    assert results[0].code == "01.571"
    assert all(c.code.startswith("01.571") for c in results) and len(results) > 5


def test_nothing_matches_nothing(network, db):
    assert registry_search("") == [] and registry_search("   ") == []
    assert registry_search("zzzzqqq") == []
