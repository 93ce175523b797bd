"""Petitions as the organic laws run them (law.py, docs/law.md section 4): associations file,
the bureau decides on admissibility within its tier's delay (tracked and reminded), the
petition is referred to a committee and put on the next ordinary session, and a region's
signatories spread over its prefectures and provinces."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tenants.petitions.law import (
    REGION_REFERENCE,
    REGION_REFERENCE_BEFORE,
    TIERS,
    months_after,
    petition_rules,
    spread_minimum,
)
from tenants.petitions.models import (
    OUTSIDE_REGION,
    Link,
    Petition,
    Petitioner,
    PetitionSettings,
    State,
)
from tenants.petitions.selectors import region_provinces, signature_spread
from tenants.petitions.services import (
    petition_file,
    petition_settings_get,
    petition_transition,
    signature_add,
)
from tenants.petitions.tests.factories import AGENT, SUBJECT, TEXT, petition, sign
from tenants.reminders.selectors import Kind, petition_admissibility_reminders
from tenants.site.models import SiteProfile
from kernel.actors import Actor

# The Tanger-Tétouan-Al Hoceïma region and its eight prefectures and provinces (registry).
REGION_CODE = "01"
ASSOCIATION = {
    "petitioner": Petitioner.ASSOCIATION,
    "association_name": "جمعية حي الأمل للتنمية",
    "association_reference": "وصل نهائي عدد 45/2015",
    "association_founded_on": date(2015, 3, 1),
    "association_conditions_declared": True,
}


def _as_tier(tier: str, hcp_code: str | None = None) -> None:
    """The current member's profile becomes one of `tier` (rolled back with the test), with
    its petition settings recomputed from the law's defaults."""
    SiteProfile.objects.update(tier=tier, **({"hcp_code": hcp_code} if hcp_code else {}))
    PetitionSettings.objects.all().delete()


def _submitted(target: Petition, *, on: date | None = None) -> Petition:
    petition_transition(petition=target, to=State.SUBMITTED, by=Actor(name="agent"), happened_on=on)
    target.refresh_from_db()
    return target


# --- the table ----------------------------------------------------------------------------


def test_one_table_gives_each_tier_its_delay_articles_and_sessions():
    assert {tier: law.admissibility_months for tier, law in TIERS.items()} == {
        "commune": 3,
        "province": 2,
        "region": 2,
    }
    assert REGION_REFERENCE.endswith("المادة 120") and REGION_REFERENCE != REGION_REFERENCE_BEFORE
    assert TIERS["region"].procedure_reference.endswith("المادة 122")
    assert petition_rules(tier="region", population=3_900_000).admissibility_months == 2
    assert petition_rules(tier="commune", population=None).admissibility_months == 3
    assert TIERS["region"].spread_over_provinces and not TIERS["commune"].spread_over_provinces


@pytest.mark.parametrize(
    ("received", "months", "due"),
    [
        (date(2026, 1, 15), 3, date(2026, 4, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # February is shorter
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
    ],
)
def test_a_delay_in_months_ends_on_the_same_day_or_the_months_last(received, months, due):
    assert months_after(received, months) == due


def test_five_percent_of_the_number_required_is_rounded_up():
    assert (spread_minimum(300), spread_minimum(400), spread_minimum(500), spread_minimum(21)) == (
        15,
        20,
        25,
        2,
    )


# --- the bureau's delay, by tier ----------------------------------------------------------


@pytest.mark.parametrize(("tier", "months"), [("commune", 3), ("province", 2), ("region", 2)])
def test_submission_starts_the_bureaus_delay_of_the_tier(tetouan, in_member, tier, months):
    with in_member(tetouan):
        _as_tier(tier)
        assert petition_settings_get().admissibility_months == months
        target = petition(threshold=2)
        sign(target, 2)
        if tier == "region":  # no province to spread over: Tétouan's code is a commune's
            assert region_provinces() == []
        received = timezone.localdate()
        target = _submitted(target, on=received)
        assert target.submitted_on == received
        assert target.admissibility_due_on == months_after(received, months)


def test_an_admissible_petition_is_referred_to_a_committee_before_the_agenda(tetouan, in_member):
    with in_member(tetouan):
        target = petition(threshold=1)
        sign(target, 1)
        _submitted(target)
        petition_transition(
            petition=target,
            to=State.ADMISSIBLE,
            by=Actor(name="staff"),
            reason="تدخل في صلاحيات المجلس",
        )
        with pytest.raises(ValidationError) as refused:
            petition_transition(
                petition=target,
                to=State.ON_AGENDA,
                by=Actor(name="staff"),
                session_date=timezone.localdate(),
            )
        assert refused.value.error_dict["to"][0].code == "invalid_transition"
        with pytest.raises(ValidationError) as refused:
            petition_transition(
                petition=target, to=State.REFERRED, by=Actor(name="staff"), committee=" "
            )
        assert refused.value.error_dict["committee"][0].code == "committee_required"
        petition_transition(
            petition=target,
            to=State.REFERRED,
            by=Actor(name="staff"),
            committee="<b>لجنة المرافق العمومية</b>",
        )
        target.refresh_from_db()
        assert (target.state, target.committee) == (State.REFERRED, "لجنة المرافق العمومية")
        steps = list(target.steps.values_list("state", "note"))
        assert (State.ADMISSIBLE, "تدخل في صلاحيات المجلس") in steps
        petition_transition(
            petition=target,
            to=State.ON_AGENDA,
            by=Actor(name="staff"),
            session_date=timezone.localdate(),
        )
        assert Petition.objects.get(pk=target.pk).state == State.ON_AGENDA


# --- associations -------------------------------------------------------------------------


def test_an_association_files_through_its_legal_representative(tetouan, in_member):
    with in_member(tetouan):
        filed = petition_file(subject=SUBJECT, text=TEXT, **AGENT, **ASSOCIATION)
        assert filed.is_by_association and filed.association_name == ASSOCIATION["association_name"]
        assert filed.state == State.COLLECTING and not filed.is_published


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"association_name": " "}, "association_name", "required"),
        ({"association_reference": ""}, "association_reference", "required"),
        ({"association_founded_on": None}, "association_founded_on", "required"),
        (
            {"association_founded_on": date.today() - timedelta(days=2 * 365)},
            "association_founded_on",
            "too_recent",
        ),
        ({"association_conditions_declared": False}, "association_conditions_declared", "required"),
    ],
)
def test_an_association_that_does_not_meet_the_conditions_files_nothing(
    tetouan, in_member, changes, field, code
):
    with in_member(tetouan):
        with pytest.raises(ValidationError) as refused:
            petition_file(subject=SUBJECT, text=TEXT, **AGENT, **{**ASSOCIATION, **changes})
        assert refused.value.error_dict[field][0].code == code
        assert not Petition.objects.exists()


def test_citizens_petition_keeps_no_association_data(tetouan, in_member):
    with in_member(tetouan):
        filed = petition_file(
            subject=SUBJECT,
            text=TEXT,
            **AGENT,
            association_name="لا علاقة",
            association_founded_on=date(2000, 1, 1),
        )
        assert (filed.petitioner, filed.association_name, filed.association_founded_on) == (
            Petitioner.CITIZENS,
            "",
            None,
        )


def test_the_association_form_in_arabic_says_what_is_missing(tetouan, client_for):
    client = client_for(tetouan)
    data = {
        "petitioner": "association",
        "subject": SUBJECT,
        "text": TEXT,
        "agent_name": AGENT["agent_name"],
        "agent_cin": "L987654",
        "agent_email": AGENT["agent_email"],
        "association_name": "جمعية الأمل",
        "association_reference": "45/2015",
        "association_founded_on": (date.today() - timedelta(days=400)).isoformat(),
    }
    response = client.post("/petitions/new/", data, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    html = response.content.decode()
    assert "يجب أن تكون الجمعية قد أسست منذ أكثر من 3 سنوات" in html
    assert "يجب على الممثل القانوني أن يصرح" in html


# --- the regional spread ------------------------------------------------------------------


@pytest.fixture
def region(tetouan, in_member):
    """Tétouan's schema dressed as the Tanger-Tétouan-Al Hoceïma region (rolled back)."""
    with in_member(tetouan):
        _as_tier("region", REGION_CODE)
        yield region_provinces()


def test_a_region_reads_its_prefectures_and_provinces_from_the_registry(region):
    assert len(region) == 8
    assert {"01.571", "01.511", "01.051"} <= {province.code for province in region}
    assert any(province.name_ar == "تطوان" for province in region)


def test_a_regional_signatory_gives_a_province_of_the_region(region):
    target = petition(threshold=16)
    for code in ("", "02.081"):
        with pytest.raises(ValidationError) as refused:
            signature_add(
                petition=target, full_name="سلمى", cin="AB1", link=Link.RESIDENT, province_code=code
            )
        assert refused.value.error_dict["province_code"][0].code == "province_required"
    signature_add(
        petition=target,
        full_name="سلمى",
        cin="AB1",
        link=Link.ECONOMIC,
        province_code=OUTSIDE_REGION,
    )
    signature_add(
        petition=target, full_name="يوسف", cin="AB2", link=Link.RESIDENT, province_code="01.571"
    )
    assert target.signatures.filter(province_code="01.571").count() == 1


def _sign_in(target, provinces, per_province: int, *, start: int = 0) -> int:
    number = start
    for province in provinces:
        for _ in range(per_province):
            signature_add(
                petition=target,
                full_name=f"موقع {number}",
                cin=f"AB{100000 + number}",
                link=Link.RESIDENT,
                province_code=province.code,
            )
            number += 1
    return number


def test_a_regional_petition_missing_a_province_is_not_submitted(region):
    target = petition(threshold=40)  # 5 % of 40: 2 in each of the 8
    number = _sign_in(target, region[:-1], 6)  # 42 signatures, none in the last province
    with pytest.raises(ValidationError) as refused:
        petition_transition(petition=target, to=State.SUBMITTED, by=Actor(name="agent"))
    assert refused.value.error_dict["to"][0].code == "spread"
    assert region[-1].name_ar in refused.value.error_dict["to"][0].message
    rows = signature_spread(petition=target)
    assert [row.enough for row in rows] == [True] * 7 + [False]
    _sign_in(target, region[-1:], 2, start=number)
    _submitted(target)
    assert Petition.objects.get(pk=target.pk).state == State.SUBMITTED


# --- reminders ----------------------------------------------------------------------------


def test_the_focal_points_are_reminded_of_the_bureaus_deadline(tetouan, tanger, in_member):
    with in_member(tetouan):
        SiteProfile.objects.update(contact_email="contact@tetouan.ma")  # stands in for them
        target = petition(threshold=1)
        sign(target, 1)
        target = _submitted(target)
        due = target.admissibility_due_on
        assert due == months_after(timezone.localdate(), 3)
        soon = petition_admissibility_reminders(today=due - timedelta(days=10))
        assert {(r.kind, r.recipient.email) for r in soon} == {
            (Kind.PETITION_ADMISSIBILITY_DUE_SOON, "contact@tetouan.ma")
        }
        assert petition_admissibility_reminders(today=due - timedelta(days=20)) == []
        late = petition_admissibility_reminders(today=due + timedelta(days=1))
        assert {r.kind for r in late} == {Kind.PETITION_ADMISSIBILITY_OVERDUE}
        petition_transition(petition=target, to=State.ADMISSIBLE, by=Actor(name="staff"))
        assert petition_admissibility_reminders(today=due + timedelta(days=1)) == []
    with in_member(tanger):  # Tétouan's deadline is nothing of Tanger's
        SiteProfile.objects.update(contact_email="contact@tanger.ma")
        assert petition_admissibility_reminders(today=due + timedelta(days=1)) == []


# --- pages and API ------------------------------------------------------------------------


def test_the_public_page_shows_the_association_and_the_path(tetouan, in_member, client_for):
    with in_member(tetouan):
        target = petition(threshold=1, **ASSOCIATION)
        sign(target, 1)
        _submitted(target)
        petition_transition(petition=target, to=State.ADMISSIBLE, by=Actor(name="staff"))
        petition_transition(
            petition=target, to=State.REFERRED, by=Actor(name="staff"), committee="لجنة التعمير"
        )
    client = client_for(tetouan)
    html = client.get(f"/petitions/{target.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert ASSOCIATION["association_name"] in html and "لجنة التعمير" in html
    assert AGENT["agent_cin"] not in html and AGENT["agent_email"] not in html
    listing = client.get("/petitions/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert ASSOCIATION["association_name"] in listing


def test_the_api_files_for_an_association_and_signs_with_a_province(
    region, tetouan, client_for, staff_client
):
    client = staff_client(tetouan, "focal_point")
    body = {
        "subject": SUBJECT,
        "text": TEXT,
        "agent_name": "رشيد",
        "agent_cin": "K445566",
        **{k: str(v) if isinstance(v, date) else v for k, v in ASSOCIATION.items()},
    }
    created = client.post("/api/petitions/", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    assert (created.json()["petitioner"], created.json()["association_name"]) == (
        "association",
        ASSOCIATION["association_name"],
    )
    pk = created.json()["id"]
    public = client_for(tetouan)
    sign_url = f"/api/petitions/{pk}/sign/"
    missing = public.post(
        sign_url,
        json.dumps({"full_name": "مريم", "cin": "AB7788", "link": "resident"}),
        content_type="application/json",
    )
    assert missing.status_code == 400 and "province_code" in missing.json()
    signed = public.post(
        sign_url,
        json.dumps(
            {"full_name": "مريم", "cin": "AB7788", "link": "resident", "province_code": "01.571"}
        ),
        content_type="application/json",
    )
    assert signed.status_code == 201
    schema = public.get("/api/schema/", {"format": "json"}).json()
    signature_input = schema["components"]["schemas"]["PetitionSignatureInput"]["properties"]
    assert "province_code" in signature_input
    transition_input = schema["components"]["schemas"]["PetitionTransitionInput"]["properties"]
    assert "committee" in transition_input
