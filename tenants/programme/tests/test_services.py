from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tenants.programme.models import Completion, ProgrammeStatus, ProgressUpdate
from tenants.programme.services import (
    assessment_save,
    commitment_update,
    commitment_update_progress,
    milestone_mark_done,
    programme_update,
)
from tenants.programme.tests.factories import (
    commitment_factory,
    milestone_factory,
    programme_factory,
)
from kernel.actors import Actor


@pytest.fixture
def programme(tetouan, in_member):
    with in_member(tetouan):
        yield programme_factory()


def test_progress_update_is_recorded_with_who_before_and_after(programme):
    commitment = commitment_factory(programme)
    commitment_update_progress(
        commitment=commitment,
        by=Actor(name="سعاد"),
        completion=Completion.LIMITED,
        note="بعد اجتماع لجنة التتبع",
    )
    update = ProgressUpdate.objects.get(commitment=commitment, field="completion")
    assert (update.by, update.before, update.after, update.note) == (
        "سعاد",
        "not_started",
        "limited",
        "بعد اجتماع لجنة التتبع",
    )
    assert update.after_label in ("محدود", "Limited")


def test_an_unchanged_field_records_nothing(programme):
    commitment = commitment_factory(programme)
    before = ProgressUpdate.objects.count()
    commitment_update(commitment=commitment, by=Actor(name="x"), title_ar=commitment.title_ar)
    assert ProgressUpdate.objects.count() == before


def test_invalid_change_is_refused_and_writes_nothing(programme):
    commitment = commitment_factory(programme)
    before = ProgressUpdate.objects.count()
    with pytest.raises(ValidationError) as error:
        commitment_update(commitment=commitment, by=Actor(name="x"), completion="half-done")
    assert "completion" in error.value.message_dict
    assert ProgressUpdate.objects.count() == before


def test_adoption_needs_the_council_session_and_decision(tetouan, in_member):
    with in_member(tetouan):
        draft = programme_factory(
            status=ProgrammeStatus.DRAFT, council_session="", decision_reference=""
        )
        with pytest.raises(ValidationError) as error:
            programme_update(programme=draft, by=Actor(name="x"), status=ProgrammeStatus.ADOPTED)
        assert "status" in error.value.message_dict
        programme_update(
            programme=draft,
            by=Actor(name="x"),
            status=ProgrammeStatus.ADOPTED,
            council_session="دورة فبراير",
            decision_reference="م.ج/2024/3",
        )
        assert ProgressUpdate.objects.filter(
            programme=draft, field="status", after="adopted"
        ).exists()


def test_a_milestone_is_done_with_its_evidence(programme):
    milestone = milestone_factory(commitment_factory(programme), due_on=date(2025, 1, 1))
    with pytest.raises(ValidationError):
        milestone_mark_done(milestone=milestone, by=Actor(name="x"), done_on=date(2025, 1, 2))
    milestone_mark_done(
        milestone=milestone,
        by=Actor(name="x"),
        done_on=date(2025, 1, 2),
        evidence_link="https://example.ma/pv.pdf",
    )
    milestone.refresh_from_db()
    assert milestone.done_on == date(2025, 1, 2)
    assert ProgressUpdate.objects.filter(milestone=milestone, field="done_on").exists()


def test_assessment_is_recorded_once_then_by_change(programme):
    commitment = commitment_factory(programme)
    fields = dict(
        specificity="high",
        relevant=True,
        potential_impact="moderate",
        completion=Completion.SUBSTANTIAL,
        opened_government="major",
        assessed_on=date(2025, 6, 1),
        reasoning_ar="نشرت المحاضر في وقتها.",
        evidence_link="https://tetouan.ma/pv/",
    )
    assessment_save(commitment=commitment, by=Actor(name="لجنة التتبع"), **fields)
    assessment_save(
        commitment=commitment,
        by=Actor(name="لجنة التتبع"),
        **{**fields, "opened_government": "outstanding"},
    )
    fields_recorded = list(
        ProgressUpdate.objects.filter(model="assessment").values_list("field", flat=True)
    )
    assert sorted(fields_recorded) == ["created", "opened_government"]
