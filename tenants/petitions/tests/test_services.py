"""Writes: filing, signing once per national ID number, the steps and what each needs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tenants.petitions.models import Link, Petition, PetitionStep, Signature, Source, State
from tenants.petitions.services import (
    AGENT,
    petition_file,
    petition_publish,
    petition_submit_by_agent,
    petition_transition,
    petition_update,
    signature_add,
)
from tenants.petitions.tests.factories import AGENT as AGENT_DATA
from tenants.petitions.tests.factories import SUBJECT, TEXT, petition, sign
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")


def codes(error: ValidationError, field: str) -> list[str]:
    return [item.code for item in error.error_dict[field]]


def test_staff_enter_a_published_petition_collecting_from_today():
    entered = petition(threshold=5)
    assert entered.source == Source.STAFF and entered.is_published
    assert entered.state == State.COLLECTING and entered.signatures_required == 5
    assert entered.agent_cin == "L987654"  # normalised
    assert [(s.state, s.happened_on) for s in entered.steps.all()] == [
        (State.COLLECTING, timezone.localdate())
    ]


def test_a_petition_filed_online_waits_for_publication_and_mails_the_agent(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        filed = petition_file(
            subject=SUBJECT, text=TEXT, site_url="https://tetouan.example.ma/", **AGENT_DATA
        )
    assert filed.source == Source.ONLINE and not filed.is_published
    assert len(filed.agent_key) > 30
    assert mail.outbox[-1].to == ["souad@example.ma"]
    assert f"https://tetouan.example.ma/petitions/agent/{filed.agent_key}/" in mail.outbox[-1].body
    assert SUBJECT in mail.outbox[-1].body
    with pytest.raises(ValidationError) as error:  # nobody signs an unpublished petition online
        signature_add(petition=filed, full_name="x", cin="A1", link=Link.RESIDENT)
    assert error.value.code == "closed"
    with django_capture_on_commit_callbacks(execute=True):
        petition_publish(petition=filed, site_url="https://tetouan.example.ma/")
    filed.refresh_from_db()
    assert filed.is_published
    assert f"https://tetouan.example.ma/petitions/{filed.pk}/" in mail.outbox[-1].body


def test_filing_online_needs_the_agents_email():
    with pytest.raises(ValidationError) as error:
        petition_file(subject=SUBJECT, text=TEXT, **{**AGENT_DATA, "agent_email": " "})
    assert "agent_email" in error.value.message_dict


def test_hostile_html_is_stripped_everywhere():
    filed = petition_file(
        subject="<script>alert(1)</script>إنارة الحي",
        text='<img src=x onerror="alert(1)"><b>نص</b> العريضة',
        **{**AGENT_DATA, "agent_name": "<i>سعاد</i>"},
    )
    assert (filed.subject, filed.text, filed.agent_name) == ("إنارة الحي", "نص العريضة", "سعاد")
    petition_publish(petition=filed)
    signature = signature_add(
        petition=filed, full_name="<script>x</script>أحمد", cin="k 1234", link=Link.ECONOMIC
    )
    assert signature.full_name == "أحمد"


def test_an_invalid_cin_is_refused():
    target = petition()
    with pytest.raises(ValidationError) as error:
        signature_add(petition=target, full_name="أحمد", cin="12-34", link=Link.RESIDENT)
    assert codes(error.value, "cin") == ["invalid_cin"]


@pytest.mark.parametrize("again", ["ab123456", " AB 123 456 ", "Ab123456", "AB١٢٣٤٥٦"])
def test_one_signature_per_national_id_number(again):
    target = petition()
    first = signature_add(petition=target, full_name="فاطمة", cin="AB123456", link=Link.RESIDENT)
    assert first.cin_normalized == "AB123456"
    with pytest.raises(ValidationError) as error:
        signature_add(petition=target, full_name="فاطمة", cin=again, link=Link.RESIDENT)
    assert codes(error.value, "cin") == ["duplicate_signature"]
    assert target.signatures.count() == 1
    # The same person may sign another petition.
    assert signature_add(petition=petition(), full_name="فاطمة", cin=again, link=Link.RESIDENT)


def test_the_database_refuses_a_duplicate_too():
    target = petition()
    sign(target, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(
            petition=target,
            full_name="x",
            cin="AB100000",
            cin_normalized="AB100000",
            link=Link.RESIDENT,
        )


def test_the_agent_is_told_when_the_threshold_is_reached(django_capture_on_commit_callbacks):
    target = petition(threshold=3)
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        sign(target, 2)
    assert len(mail.outbox) == before
    with django_capture_on_commit_callbacks(execute=True):
        sign(target, 2, start=2)
    assert len(mail.outbox) == before + 1  # once, at the third signature
    assert mail.outbox[-1].to == [AGENT_DATA["agent_email"]]
    assert "3" in mail.outbox[-1].body and SUBJECT in mail.outbox[-1].body


def submit(target: Petition, **kwargs) -> PetitionStep:
    return petition_transition(
        petition=target, to=State.SUBMITTED, by=Actor(name="staff"), **kwargs
    )


def test_a_petition_below_the_threshold_cannot_be_submitted():
    target = petition(threshold=3)
    sign(target, 2)
    with pytest.raises(ValidationError) as error:
        submit(target)
    assert codes(error.value, "to") == ["below_threshold"]
    sign(target, 1, start=2)
    assert submit(target).state == State.SUBMITTED
    target.refresh_from_db()
    assert target.state == State.SUBMITTED
    with pytest.raises(ValidationError) as error:  # collecting is over
        sign(target, 1, start=9)
    assert error.value.code == "closed"


def test_the_agent_submits_once_the_threshold_is_reached():
    target = petition(threshold=2)
    sign(target, 1)
    with pytest.raises(ValidationError):
        petition_submit_by_agent(petition=target)
    sign(target, 1, start=1)
    step = petition_submit_by_agent(petition=target)
    assert (step.state, step.by, step.by_account_id) == (State.SUBMITTED, AGENT.name, None)


def submitted_petition() -> Petition:
    """Published 60 days ago, submitted 40 days ago."""
    target = petition(threshold=1)
    target.steps.update(happened_on=timezone.localdate() - timedelta(days=60))
    sign(target, 1)
    submit(target, happened_on=timezone.localdate() - timedelta(days=40))
    return target


def test_the_whole_way_with_dated_steps(django_capture_on_commit_callbacks):
    target = submitted_petition()
    today = timezone.localdate()
    petition_transition(
        petition=target,
        to=State.ADMISSIBLE,
        by=Actor(name="staff"),
        happened_on=today - timedelta(days=30),
    )
    petition_transition(
        petition=target,
        to=State.REFERRED,
        by=Actor(name="staff"),
        happened_on=today - timedelta(days=25),
        committee="لجنة التعمير",
    )
    petition_transition(
        petition=target,
        to=State.ON_AGENDA,
        by=Actor(name="staff"),
        happened_on=today - timedelta(days=20),
        session_date=today - timedelta(days=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        petition_transition(
            petition=target,
            to=State.DECIDED,
            by=Actor(name="staff"),
            answer="قرر المجلس برمجة المشروع.",
        )
    target.refresh_from_db()
    assert target.state == State.DECIDED and target.answer == "قرر المجلس برمجة المشروع."
    assert target.session_date == today - timedelta(days=5)
    assert [(s.state, (today - s.happened_on).days) for s in target.steps.all()] == [
        (State.COLLECTING, 60),
        (State.SUBMITTED, 40),
        (State.ADMISSIBLE, 30),
        (State.REFERRED, 25),
        (State.ON_AGENDA, 20),
        (State.DECIDED, 0),
    ]
    assert "قرر المجلس برمجة المشروع." in mail.outbox[-1].body  # the agent is told


def test_not_admissible_needs_a_reason():
    target = submitted_petition()
    with pytest.raises(ValidationError) as error:
        petition_transition(
            petition=target, to=State.NOT_ADMISSIBLE, by=Actor(name="staff"), reason="  "
        )
    assert codes(error.value, "reason") == ["reason_required"]
    petition_transition(
        petition=target,
        to=State.NOT_ADMISSIBLE,
        by=Actor(name="staff"),
        reason="الموضوع لا يدخل في اختصاصات المجلس.",
    )
    target.refresh_from_db()
    assert target.not_admissible_reason == "الموضوع لا يدخل في اختصاصات المجلس."
    with pytest.raises(ValidationError) as error:  # the end of the way
        petition_transition(
            petition=target,
            to=State.ON_AGENDA,
            by=Actor(name="staff"),
            session_date=timezone.localdate(),
        )
    assert codes(error.value, "to") == ["invalid_transition"]


def test_on_the_agenda_needs_the_session_date_and_decided_the_answer():
    target = submitted_petition()
    petition_transition(petition=target, to=State.ADMISSIBLE, by=Actor(name="staff"))
    petition_transition(
        petition=target, to=State.REFERRED, by=Actor(name="staff"), committee="لجنة التعمير"
    )
    with pytest.raises(ValidationError) as error:
        petition_transition(petition=target, to=State.ON_AGENDA, by=Actor(name="staff"))
    assert codes(error.value, "session_date") == ["session_required"]
    with pytest.raises(ValidationError) as error:
        petition_transition(
            petition=target,
            to=State.ON_AGENDA,
            by=Actor(name="staff"),
            session_date=timezone.localdate() - timedelta(days=1),
        )
    assert codes(error.value, "session_date") == ["session_before_step"]
    session = timezone.localdate() + timedelta(days=10)
    petition_transition(
        petition=target, to=State.ON_AGENDA, by=Actor(name="staff"), session_date=session
    )
    with pytest.raises(ValidationError) as error:
        petition_transition(petition=target, to=State.DECIDED, by=Actor(name="staff"), answer="")
    assert codes(error.value, "answer") == ["answer_required"]
    assert codes(error.value, "happened_on") == ["before_session"]  # the session is to come


@pytest.mark.parametrize(
    "to", [State.ADMISSIBLE, State.ON_AGENDA, State.DECIDED, State.COLLECTING, State.NOT_ADMISSIBLE]
)
def test_steps_cannot_be_skipped(to):
    target = petition(threshold=1)
    sign(target, 1)
    with pytest.raises(ValidationError) as error:
        petition_transition(
            petition=target,
            to=to,
            by=Actor(name="staff"),
            reason="r",
            answer="a",
            session_date=timezone.localdate(),
        )
    assert codes(error.value, "to") == ["invalid_transition"]


def test_steps_are_dated_in_order_and_not_in_the_future():
    target = submitted_petition()
    with pytest.raises(ValidationError) as error:
        petition_transition(
            petition=target,
            to=State.ADMISSIBLE,
            by=Actor(name="staff"),
            happened_on=timezone.localdate() - timedelta(days=41),
        )
    assert codes(error.value, "happened_on") == ["before_previous"]
    with pytest.raises(ValidationError) as error:
        petition_transition(
            petition=target,
            to=State.ADMISSIBLE,
            by=Actor(name="staff"),
            happened_on=timezone.localdate() + timedelta(days=1),
        )
    assert codes(error.value, "happened_on") == ["future"]


def test_an_unknown_state_is_refused():
    with pytest.raises(ValidationError) as error:
        petition_transition(petition=petition(), to="archived", by=Actor(name="staff"))
    assert "to" in error.value.message_dict


def test_the_text_people_signed_does_not_change():
    target = petition()
    petition_update(petition=target, agent_phone="0700000000", subject=SUBJECT)
    with pytest.raises(ValidationError) as error:
        petition_update(petition=target, text="نص آخر")
    assert codes(error.value, "text") == ["locked"]
    filed = petition_file(subject=SUBJECT, text=TEXT, **AGENT_DATA)
    petition_update(petition=filed, text="نص مصحح")  # before publication staff may correct it
    filed.refresh_from_db()
    assert filed.text == "نص مصحح"
