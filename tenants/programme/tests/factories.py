"""One factory per model of the programme (runs in the current member's schema)."""

from datetime import date

from tenants.programme.models import Completion, Principle, Programme, ProgrammeStatus
from tenants.programme.services import commitment_create, milestone_create, programme_create
from kernel.actors import Actor


def programme_factory(**overrides) -> Programme:
    fields = {
        "title_ar": "برنامج الانفتاح 2024-2026",
        "title_fr": "Programme d'ouverture 2024-2026",
        "period_start": 2024,
        "period_end": 2026,
        "status": ProgrammeStatus.IMPLEMENTATION,
        "council_session": "دورة أكتوبر 2023",
        "decision_reference": "12/2023",
    }
    return programme_create(by=Actor(name="test"), **{**fields, **overrides})


def commitment_factory(programme: Programme, number: int = 1, **overrides):
    fields = {
        "title_ar": f"نشر الميزانية {number}",
        "title_fr": f"Publier le budget {number}",
        "principles": [Principle.TRANSPARENCY_INTEGRITY],
        "completion": Completion.NOT_STARTED,
        "start_date": date(2024, 1, 1),
        "end_date": date(2026, 12, 31),
    }
    return commitment_create(
        programme=programme, by=Actor(name="test"), number=number, **{**fields, **overrides}
    )


def milestone_factory(commitment, *, due_on: date, **overrides):
    return milestone_create(
        commitment=commitment, by=Actor(name="test"), title_ar="مرحلة", due_on=due_on, **overrides
    )
