"""OGP Local in the member's programme: the template's fields, the IRM's current scales, the
inception and end-of-commitment assessments with their due dates, and the minimum requirements
(docs/law.md, section 7), on the member's pages, in its API and away from other members."""

import importlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tenants.documents.tests.factories import document_factory
from tenants.meetings.models import Meeting
from tenants.meetings.tests.factories import meeting_in
import ogp_local
from tenants.programme.models import (
    Assessment,
    Commitment,
    Completion,
    InceptionAssessment,
    OpenedGovernment,
    ProgressUpdate,
)
from tenants.programme.selectors import assessment_due, minimum_requirements
from tenants.programme.services import (
    assessment_save,
    commitment_update,
    inception_assessment_save,
    milestone_create,
    programme_update,
)
from tenants.programme.tests.factories import commitment_factory, programme_factory
from tenants.figures.selectors import member_figures
from kernel.actors import Actor

TODAY = date(2026, 6, 1)
END_OF_COMMITMENT = dict(
    completion=Completion.COMPLETE,
    opened_government=OpenedGovernment.MAJOR,
    reasoning_ar="صارت الميزانية منشورة بصيغة مفتوحة كل سنة.",
    assessed_on=date(2026, 1, 20),
    evidence_link="https://tetouan.ma/budget-ouvert/",
)


@pytest.fixture
def programme(tetouan, in_member):
    with in_member(tetouan):
        yield programme_factory()


# --- The rules (no database) ----------------------------------------------------------------


def test_due_dates_follow_the_handbook_delays():
    assert ogp_local.inception_due_on(date(2026, 3, 15)) == date(2026, 5, 15)  # two months
    assert ogp_local.inception_due_on(date(2025, 12, 31)) == date(2026, 2, 28)  # shorter month
    assert ogp_local.end_of_commitment_due_on(date(2026, 12, 31)) == date(2027, 1, 31)
    assert ogp_local.end_of_commitment_due_on(None) is None


def test_the_forum_meets_within_six_months_and_the_site_changes_within_four():
    forum = ogp_local.forum_requirement
    assert forum(today=TODAY, last_meeting=TODAY - timedelta(days=183)).met
    assert not forum(today=TODAY, last_meeting=TODAY - timedelta(days=184)).met
    assert not forum(today=TODAY, last_meeting=None).met
    site = ogp_local.site_requirement
    assert site(today=TODAY, last_change=(TODAY - timedelta(days=122)).isoformat()).met
    assert not site(today=TODAY, last_change=TODAY - timedelta(days=123)).met
    assert ogp_local.repository_requirement(stocked_shelves=1, documents=2).met
    assert not ogp_local.repository_requirement(stocked_shelves=0, documents=0).met


def test_each_requirement_says_why_in_arabic():
    with translation.override("ar"):
        late = ogp_local.forum_requirement(today=TODAY, last_meeting=date(2025, 9, 1))
        never = ogp_local.site_requirement(today=TODAY, last_change=None)
        empty = ogp_local.repository_requirement(stocked_shelves=0, documents=0)
    assert "2025" in late.why and "183" in late.why and "أكثر" in late.why
    assert never.why == "لم يُنشر بعد أي شيء من البرنامج أو من المكتبة."
    assert empty.why == "لا تضم المكتبة أي وثيقة بعد."


# --- The template's fields and the scales ---------------------------------------------------


def test_the_commitment_keeps_its_ogp_fields_and_records_their_changes(programme):
    commitment = commitment_factory(programme)
    commitment_update(
        commitment=commitment,
        by=Actor(name="سعاد"),
        budget_amount=Decimal("250000"),
        budget_source_ar="ميزانية الجماعة",
        plan_links=["pac", "other"],
        plan_link_other="مخطط التنقل الحضري",
        sdgs=[16, 5],
        contact_name="كريمة العلمي",
        contact_role="رئيسة مصلحة الشؤون المالية",
        contact_email="k.alami@tetouan.ma",
    )
    commitment.refresh_from_db()
    with translation.override("ar"):
        assert commitment.plan_link_labels == ["برنامج عمل الجماعة (PAC)", "مخطط التنقل الحضري"]
        assert commitment.sdg_labels[0].startswith("5.")  # in the goals' order
    fields = set(
        ProgressUpdate.objects.filter(commitment=commitment).values_list("field", flat=True)
    )
    assert {"budget_amount", "plan_links", "sdgs"} <= fields
    # The point of contact is the staff's: its changes stay out of the public history.
    assert not fields & {"contact_name", "contact_role", "contact_email"}
    with translation.override("ar"):
        sdgs = ProgressUpdate.objects.get(commitment=commitment, field="sdgs")
        assert sdgs.after_label.startswith("16. السلام والعدل")


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"plan_links": ["other"]}, "plan_link_other"),
        ({"contact_public": True}, "contact_name"),
        ({"budget_amount": Decimal("-1")}, "budget_amount"),
        ({"sdgs": [18]}, "sdgs"),
    ],
)
def test_an_incomplete_ogp_field_is_refused_and_nothing_is_written(programme, changes, field):
    commitment = commitment_factory(programme)
    with pytest.raises(ValidationError) as refused:
        commitment_update(commitment=commitment, by=Actor(name="x"), **changes)
    assert field in refused.value.message_dict
    assert not ProgressUpdate.objects.filter(
        commitment=commitment, field=next(iter(changes))
    ).exists()


def test_a_milestone_cannot_be_due_before_it_starts(programme):
    commitment = commitment_factory(programme)
    with pytest.raises(ValidationError) as refused:
        milestone_create(
            commitment=commitment,
            by=Actor(name="x"),
            title_ar="مرحلة",
            start_on=date(2026, 3, 1),
            due_on=date(2026, 2, 1),
        )
    assert "due_on" in refused.value.message_dict
    milestone = milestone_create(
        commitment=commitment,
        by=Actor(name="x"),
        title_ar="مرحلة",
        start_on=date(2026, 1, 1),
        due_on=date(2026, 2, 1),
        deliverable_ar="ميزانية منشورة بصيغة CSV",
    )
    assert milestone.deliverable == "ميزانية منشورة بصيغة CSV"


def test_the_scales_are_the_irms_current_ones():
    assert Completion.values == ["no_evidence", "not_started", "limited", "substantial", "complete"]
    assert OpenedGovernment.values == ["did_not_change", "marginal", "major", "outstanding"]


def test_the_data_migration_maps_worsened_onto_did_not_change(programme):
    commitment = commitment_factory(programme)
    # As stored before the migration (no validation: "worsened" is no longer a choice).
    stored = Assessment.objects.create(
        commitment=commitment,
        completion="limited",
        opened_government="worsened",
        assessed_on=TODAY,
        reasoning_ar="تراجع النشر.",
    )
    untouched = Assessment.objects.create(
        commitment=commitment_factory(programme, 2),
        completion="complete",
        opened_government="major",
        assessed_on=TODAY,
    )
    migration = importlib.import_module("tenants.programme.migrations.0004_irm_current_scales")
    migration.onto_current_scales(apps, None)
    stored.refresh_from_db()
    untouched.refresh_from_db()
    assert stored.opened_government == "did_not_change"
    assert stored.reasoning_ar.startswith("تراجع النشر.") and "السلم السابق" in stored.reasoning_ar
    assert (untouched.opened_government, untouched.completion) == ("major", "complete")
    migration.back_to_earlier_scale(apps, None)
    stored.refresh_from_db()
    assert (stored.opened_government, stored.reasoning_ar) == ("worsened", "تراجع النشر.")


# --- The assessments --------------------------------------------------------------------------


def test_an_assessment_needs_its_findings_and_its_evidence(programme):
    commitment = commitment_factory(programme)
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        assessment_save(
            commitment=commitment,
            by=Actor(name="لجنة التتبع"),
            **{**END_OF_COMMITMENT, "reasoning_ar": "", "evidence_link": ""},
        )
    assert refused.value.message_dict["evidence_link"] == ["يرجى تقديم الإثبات: رابط أو ملف."]
    assert "reasoning_ar" in refused.value.message_dict
    assert not Assessment.objects.filter(commitment=commitment).exists()
    assessment_save(commitment=commitment, by=Actor(name="لجنة التتبع"), **END_OF_COMMITMENT)
    assert Assessment.objects.get(commitment=commitment).opened_government == "major"


def test_the_inception_assessment_is_recorded_in_the_programmes_history(programme):
    with pytest.raises(ValidationError):
        inception_assessment_save(
            programme=programme,
            by=Actor(name="لجنة التتبع"),
            assessed_on=TODAY,
            findings_ar="تشاور واسع",
        )
    inception_assessment_save(
        programme=programme,
        by=Actor(name="لجنة التتبع"),
        assessed_on=TODAY,
        findings_ar="تشاور واسع",
        evidence_link="https://tetouan.ma/pv",
    )
    inception_assessment_save(
        programme=programme, by=Actor(name="لجنة التتبع"), findings_ar="تشاور واسع مع الجمعيات"
    )
    assert InceptionAssessment.objects.get(programme=programme).findings == "تشاور واسع مع الجمعيات"
    assert sorted(
        ProgressUpdate.objects.filter(programme=programme, model="inceptionassessment").values_list(
            "field", flat=True
        )
    ) == ["created", "findings_ar"]


def test_the_assessments_owed_come_with_their_due_dates(programme):
    ended = commitment_factory(programme, 1, end_date=date(2026, 3, 31))
    commitment_factory(programme, 2, end_date=date(2026, 12, 31))  # still running
    assessed = commitment_factory(programme, 3, end_date=date(2026, 1, 31))
    assessment_save(commitment=assessed, by=Actor(name="x"), **END_OF_COMMITMENT)
    assert [(item.kind, item.due_on) for item in assessment_due(today=TODAY)] == [
        ("end_of_commitment", date(2026, 4, 30))
    ]
    programme_update(programme=programme, by=Actor(name="x"), submitted_on=date(2026, 2, 10))
    owed = assessment_due(today=TODAY)
    assert [(item.kind, item.due_on) for item in owed] == [
        ("inception", date(2026, 4, 10)),
        ("end_of_commitment", date(2026, 4, 30)),
    ]
    assert owed[1].url.endswith(f"/commitments/{ended.pk}/assessment/")


# --- The minimum requirements from the member's schema and from its figures --------------------


def test_the_minimum_requirements_read_the_committee_the_history_and_the_library(programme):
    assert [r.met for r in minimum_requirements()] == [False, False, False]
    meeting_in(-30, kind=Meeting.Kind.MONITORING_COMMITTEE, title_ar="اجتماع لجنة التتبع")
    commitment_factory(programme)  # a change in the programme's history
    document_factory()
    today = timezone.localdate()
    assert [(r.code, r.met) for r in minimum_requirements(today=today)] == [
        (ogp_local.FORUM, True),
        (ogp_local.SITE, True),
        (ogp_local.REPOSITORY, True),
    ]
    # The same, read by the network from the member's figures.
    figures = member_figures()
    assert figures["programme"]["last_content_change"] == today.isoformat()
    assert [r.met for r in ogp_local.minimum_requirements_from_figures(figures)] == [
        True,
        True,
        True,
    ]
    assert figures["commitments"]["by_completion"]["no_evidence"] == 0


# --- Public pages, the API, and another member ------------------------------------------------


@pytest.fixture
def assessed_commitment(programme, tetouan, in_member):
    with in_member(tetouan):
        commitment = commitment_factory(
            programme,
            1,
            title_ar="ميزانية مفتوحة",
            end_date=date(2025, 12, 31),
            budget_amount=Decimal("120000"),
            budget_source_ar="ميزانية الجماعة",
            plan_links=["pac"],
            sdgs=[16],
            contact_name="كريمة العلمي",
            contact_role="رئيسة المصلحة",
            contact_email="k.alami@tetouan.ma",
        )
        milestone_create(
            commitment=commitment,
            by=Actor(name="x"),
            title_ar="نشر المعطيات",
            start_on=date(2025, 2, 1),
            due_on=date(2025, 3, 1),
            deliverable_ar="ملف مفتوح على الموقع",
        )
        assessment_save(commitment=commitment, by=Actor(name="لجنة التتبع"), **END_OF_COMMITMENT)
    return commitment


def test_the_public_commitment_page_shows_the_ogp_fields_in_arabic(
    assessed_commitment, tetouan, client_for
):
    page = client_for(tetouan).get(f"/programme/commitments/{assessed_commitment.pk}/")
    text = page.content.decode()
    assert "ميزانية الجماعة" in text and "درهم" in text
    assert "برنامج عمل الجماعة (PAC)" in text
    assert "16. السلام والعدل والمؤسسات القوية" in text
    assert "ملف مفتوح على الموقع" in text  # the milestone's deliverable
    assert "كبير" in text and "صارت الميزانية منشورة" in text  # did it open government?
    assert "https://tetouan.ma/budget-ouvert/" in text
    # The point of contact is the staff's until the commitment makes it public.
    assert "كريمة العلمي" not in text and "k.alami@tetouan.ma" not in text


def test_a_public_point_of_contact_is_shown(assessed_commitment, tetouan, in_member, client_for):
    with in_member(tetouan):
        commitment_update(
            commitment=Commitment.objects.get(pk=assessed_commitment.pk),
            by=Actor(name="x"),
            contact_public=True,
        )
    text = (
        client_for(tetouan)
        .get(f"/programme/commitments/{assessed_commitment.pk}/")
        .content.decode()
    )
    assert "كريمة العلمي" in text and "mailto:k.alami@tetouan.ma" in text


def test_the_api_gives_the_contact_to_staff_only(
    assessed_commitment, tetouan, client_for, staff_client
):
    public = client_for(tetouan).get(f"/api/commitments/{assessed_commitment.pk}/").json()
    assert public["sdgs"] == [16] and public["plan_links"] == ["pac"]
    assert "contact_email" not in public
    staff = staff_client(tetouan, "editor").get(f"/api/commitments/{assessed_commitment.pk}/")
    assert staff.json()["contact_email"] == "k.alami@tetouan.ma"


def test_the_programme_page_shows_the_requirements_and_the_inception_due_date(
    programme, tetouan, in_member, client_for
):
    with in_member(tetouan):
        programme_update(programme=programme, by=Actor(name="x"), submitted_on=date(2026, 2, 10))
    text = client_for(tetouan).get("/programme/").content.decode()
    assert "الحد الأدنى من المتطلبات" in text
    assert text.count("غير مستوفى") == 2  # no meeting, no document; the history is fresh
    assert "10 أبريل 2026" in text  # due two months after the submission


def test_nothing_of_one_member_reaches_another(
    assessed_commitment, tetouan, tanger, in_member, client_for, staff_client
):
    with in_member(tetouan):
        programme_update(
            programme=assessed_commitment.programme,
            by=Actor(name="x"),
            submitted_on=date(2026, 2, 10),
        )
        assert assessment_due(today=TODAY)
    with in_member(tanger):
        assert assessment_due(today=TODAY) == []
        assert [r.met for r in minimum_requirements()] == [False, False, False]
    tanger_client = client_for(tanger)
    assert tanger_client.get(f"/programme/commitments/{assessed_commitment.pk}/").status_code == 404
    assert "صارت الميزانية منشورة" not in tanger_client.get("/programme/").content.decode()
    inbox = staff_client(tanger, "editor").get("/staff/").content.decode()
    assert "ميزانية مفتوحة" not in inbox
