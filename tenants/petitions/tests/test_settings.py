"""Thresholds by tier and population (organic laws 111.14, 112.14, 113.14), kept per member."""

import pytest
from django.core.exceptions import ValidationError

from tenants.petitions.law import COMMUNE_REFERENCE, REGION_REFERENCE, petition_rules
from tenants.petitions.models import PetitionSettings, State
from tenants.petitions.services import (
    petition_settings_get,
    petition_settings_update,
    petition_transition,
)
from tenants.petitions.tests.factories import petition, sign
from tenants.site.models import SiteProfile
from kernel.actors import Actor


@pytest.mark.parametrize(
    "population, threshold",
    [(1_200, 100), (34_999, 100), (35_000, 200), (422_757, 200), (None, 200)],
)
def test_communes_by_population(population, threshold):
    rules = petition_rules(tier="commune", population=population, hcp_code="01.571.01.11")
    assert rules.threshold == threshold
    assert rules.legal_reference == COMMUNE_REFERENCE and "113.14" in rules.legal_reference
    assert rules.session_months == (2, 5, 10)


@pytest.mark.parametrize(
    "code",
    ["06.141.01.0", "04.421.01.0", "03.231.01.0", "07.351.01.0", "04.441.01.0", "01.511.01.0"],
)
def test_communes_with_arrondissements_need_400(code):
    assert petition_rules(tier="commune", population=500_000, hcp_code=code).threshold == 400


def test_prefectures_and_provinces_need_300():
    rules = petition_rules(tier="province", population=1_500_000)
    assert (rules.threshold, rules.session_months) == (300, (1, 6, 9))
    assert "112.14" in rules.legal_reference


@pytest.mark.parametrize(
    "population, threshold",
    [
        (600_000, 300),
        (999_999, 300),
        (1_000_000, 400),
        (2_500_000, 400),
        (3_000_000, 400),
        (3_000_001, 500),
        (7_700_000, 500),
    ],
)
def test_regions_by_population(population, threshold):
    rules = petition_rules(tier="region", population=population)
    assert rules.threshold == threshold
    assert rules.legal_reference == REGION_REFERENCE
    assert rules.session_months == (3, 7, 10)


def test_settings_are_created_from_the_members_profile(tetouan, tanger, in_member):
    with in_member(tetouan):
        assert not PetitionSettings.objects.exists()
        settings = petition_settings_get()
        assert (settings.threshold, settings.session_months) == (200, [2, 5, 10])
        assert "113.14" in settings.legal_reference
        assert petition_settings_get().pk == settings.pk == 1
    with in_member(tanger):  # Tanger has arrondissements
        assert petition_settings_get().threshold == 400


@pytest.mark.usefixtures("in_tetouan")
def test_a_small_commune_gets_100():
    SiteProfile.objects.update(population_2024=12_000)
    assert petition_settings_get().threshold == 100


@pytest.mark.usefixtures("in_tetouan")
def test_a_region_member_gets_its_bracket():
    SiteProfile.objects.update(tier="region", population_2024=4_030_222)
    settings = petition_settings_get()
    assert (settings.threshold, settings.session_months) == (500, [3, 7, 10])


@pytest.mark.usefixtures("in_tetouan")
def test_changing_the_threshold_moves_the_petitions_still_collecting():
    collecting = petition(threshold=3)
    submitted = petition()
    sign(submitted, 3)
    petition_transition(petition=submitted, to=State.SUBMITTED, by=Actor(name="staff"))
    petition_settings_update(threshold=250, session_months=[10, 2, 2, 5])
    collecting.refresh_from_db(), submitted.refresh_from_db()
    assert (collecting.signatures_required, submitted.signatures_required) == (250, 3)
    assert petition_settings_get().session_months == [2, 5, 10]


@pytest.mark.usefixtures("in_tetouan")
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"threshold": 0}, "threshold"),
        ({"session_months": []}, "session_months"),
        ({"session_months": [13]}, "session_months"),
    ],
)
def test_settings_are_validated(changes, field):
    with pytest.raises(ValidationError) as error:
        petition_settings_update(**changes)
    assert field in error.value.message_dict
