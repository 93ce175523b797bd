"""A member with content of every kind, built through the member apps' own services."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.consultations.services import response_save
from tenants.consultations.tests.factories import comment_on, consultation_in
from tenants.documents.tests.factories import document_factory
from tenants.information_requests.services import (
    information_request_answer,
    information_request_refuse,
)
from tenants.information_requests.tests.factories import filed
from tenants.meetings.services import meeting_record_attendance
from tenants.meetings.tests.factories import meeting_in, unique_email
from tenants.petitions.tests.factories import petition, sign
from tenants.programme.tests.factories import (
    commitment_factory,
    milestone_factory,
    programme_factory,
)
from kernel.actors import Actor


def build_content() -> None:
    """In the current member: a programme in implementation with 3 commitments and 4
    milestones, 3 meetings (2 held), a consultation with 3 comments (2 answered), 4
    information requests, 1 petition with 3 signatures, 5 documents in 4 categories."""
    today = timezone.localdate()
    programme = programme_factory()
    first = commitment_factory(
        programme,
        1,
        completion="complete",
        principles=["transparency_integrity", "access_to_information"],
    )
    second = commitment_factory(
        programme, 2, completion="limited", principles=["citizen_participation"]
    )
    commitment_factory(
        programme,
        3,
        completion="not_started",
        principles=["digitalization"],
        end_date=today - timedelta(days=1),
    )
    milestone_factory(first, due_on=today - timedelta(days=40), done_on=today - timedelta(days=41))
    milestone_factory(second, due_on=today - timedelta(days=5))  # overdue: late
    milestone_factory(second, due_on=today + timedelta(days=30))
    milestone_factory(second, due_on=today + timedelta(days=60), done_on=today - timedelta(days=2))

    workshop = meeting_in(-20, kind="cocreation_workshop")
    meeting_record_attendance(meeting=workshop, counts={"civil_society": (6, 4), "council": (1, 3)})
    committee = meeting_in(-10, kind="monitoring_committee")
    meeting_record_attendance(meeting=committee, counts={"staff": (2, 4)})
    meeting_in(5, kind="information")  # not held yet

    consultation = consultation_in()
    answered = [comment_on(consultation, email=unique_email()) for _ in range(3)]
    comment_on(consultation, published=False, email=unique_email())
    for comment in answered[:2]:
        response_save(
            comment=comment, kind="accepted", by=Actor(name="focal"), reasoning_ar="مقبول"
        )

    received = today - timedelta(days=90)
    on_time = filed(today=received, email=unique_email())
    information_request_answer(
        information_request=on_time,
        by=Actor(name="staff"),
        answer_text="الجواب",
        today=received + timedelta(days=8),
    )
    late = filed(today=received, email=unique_email())
    information_request_refuse(
        information_request=late,
        by=Actor(name="staff"),
        refusal_ground="private_life",
        reasons="معطيات شخصية",
        today=received + timedelta(days=80),
    )
    filed(today=received, email=unique_email())  # open past its due date: overdue
    filed(today=today, email=unique_email())  # not due yet

    sign(petition(), 3)

    for category, published_on in (
        ("budget_accounts", today - timedelta(days=10)),
        ("budget_accounts", today - timedelta(days=100)),
        ("council", today - timedelta(days=200)),
        ("decisions", today - timedelta(days=300)),
        ("procurement", today - timedelta(days=400)),
    ):
        document_factory(category=category, published_on=published_on)


@pytest.fixture
def tetouan_with_content(tetouan):
    with tenant_context(tetouan):
        build_content()
    return tetouan
