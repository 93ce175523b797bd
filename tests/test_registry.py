import re

import pytest

from network.registry.models import Collectivity, Tier
from network.registry.services import registry_load

pytestmark = pytest.mark.usefixtures("network")


@pytest.mark.django_db
def test_registry_holds_every_collectivity_by_tier():
    assert Collectivity.objects.filter(tier=Tier.REGION).count() == 12
    assert Collectivity.objects.filter(tier=Tier.PROVINCE).count() == 75
    assert Collectivity.objects.filter(tier=Tier.COMMUNE).count() == 1503
    assert Collectivity.objects.count() == 1590


@pytest.mark.django_db
def test_prefectures_of_arrondissements_are_kept_out():
    # Casablanca's prefectures of arrondissements (Casablanca-Anfa, ...) are state units;
    # the prefecture of Casablanca itself is a collectivity.
    assert not Collectivity.objects.filter(code="06.141.01.00").exists()
    assert not Collectivity.objects.filter(name_fr="Casablanca-Anfa").exists()
    assert Collectivity.objects.get(code="06.141").kind == "prefecture"


@pytest.mark.django_db
def test_tetouan_and_timezgana_rows():
    tetouan = Collectivity.objects.select_related("region", "province").get(code="01.571.01.11")
    assert (tetouan.name_ar, tetouan.name_fr, tetouan.tier) == ("تطوان", "Tétouan", "commune")
    assert tetouan.province.name_fr == "Tétouan" and tetouan.province.tier == "province"
    assert tetouan.region.name_ar == "طنجة-تطوان-الحسيمة"
    assert tetouan.population_2024 == 422757
    assert tetouan.slug == "tetouan"

    timezgana = Collectivity.objects.get(code="03.531.03.23")
    assert timezgana.name_ar == "تمزكانة"
    assert timezgana.region_id == "03" and timezgana.kind == "rural"


@pytest.mark.django_db
def test_slugs_are_unique_host_labels():
    slugs = list(Collectivity.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 1590
    label = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
    assert all(label.match(s) for s in slugs), [s for s in slugs if not label.match(s)][:5]
    # The commune and the province of Tétouan share a name, not a slug.
    assert Collectivity.objects.get(code="01.571").slug == "province-tetouan"


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    result = registry_load()
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1590)


@pytest.mark.django_db
def test_a_changed_row_is_refreshed():
    Collectivity.objects.filter(code="03.531.03.23").update(name_ar="خطأ")
    result = registry_load()
    assert (result.created, result.updated) == (0, 1)
    assert Collectivity.objects.get(code="03.531.03.23").name_ar == "تمزكانة"
