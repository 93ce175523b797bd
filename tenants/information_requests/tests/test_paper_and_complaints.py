"""Requests received on paper, decisions with their sources and reasons, and complaints to the
head of the council (law 31.13, articles 16, 19 and 20; docs/law.md sections 2 and 3)."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from tenants.information_requests.models import (
    LAW_IN_FORCE_ON,
    REFUSAL_GROUND_SOURCES,
    Channel,
    ComplaintOutcome,
    InformationRequest,
    RefusalGround,
    State,
    Step,
)
from tenants.information_requests.services import (
    complaint_answer,
    complaint_file,
    information_request_answer,
    information_request_record,
    information_request_refuse,
)
from tenants.information_requests.tests.factories import REQUESTER, filed, pdf_file
from kernel.signed_links import LinkRefused
from tenants.information_requests.tokens import requester_token_make, requester_token_read
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")

TODAY = date(2026, 3, 2)  # a Monday
PAPER = {
    **{key: value for key, value in REQUESTER.items() if key != "email"},
    "information_wanted": "نسخة من محضر دورة فبراير.",
}


def error_codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def recorded(**overrides) -> InformationRequest:
    return information_request_record(
        **{
            "by": Actor(name="clerk"),
            "channel": Channel.DESK,
            "received_on": date(2026, 2, 23),
            "today": TODAY,
            **PAPER,
            **overrides,
        }
    )


# --- requests received on paper ---------------------------------------------------------------


def test_a_paper_request_runs_from_its_real_receipt_date(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        information_request = recorded(channel=Channel.POST, scan=pdf_file("scan.pdf"))
    # 20 working days from Monday 23 February 2026, Eid al-Fitr (Friday 20 March) skipped.
    assert information_request.received_on == date(2026, 2, 23)
    assert information_request.due_on == date(2026, 3, 24)
    assert information_request.channel == Channel.POST and information_request.scan
    assert information_request.scan.storage.__class__.__name__.startswith("PrivateMember")
    (filed_step,) = information_request.events.all()
    assert filed_step.step == Step.FILED and filed_step.by == "clerk"
    assert not mail.outbox  # no e-mail given: the receipt goes by post


def test_a_paper_request_with_an_e_mail_gets_its_receipt_and_own_link(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        information_request = recorded(
            channel=Channel.EMAIL, email="Said@Example.ma", site_url="http://tetouan.example/"
        )
    (receipt,) = mail.outbox
    assert receipt.to == ["said@example.ma"]
    assert information_request.reference in receipt.subject
    token = requester_token_make(information_request)
    assert f"/information-requests/{information_request.pk}/mine/{token}/" in receipt.body


@pytest.mark.parametrize(
    "received_on, code",
    [(date(2026, 3, 3), "future"), (date(2019, 3, 11), "too_early"), (None, "required")],
)
def test_a_paper_request_needs_a_possible_receipt_date(received_on, code):
    with pytest.raises(ValidationError) as refused:
        recorded(received_on=received_on)
    assert error_codes(refused.value) == {"received_on": [code]}
    assert not InformationRequest.objects.exists()


def test_the_law_applies_from_its_entry_into_force():
    assert recorded(received_on=LAW_IN_FORCE_ON).received_on == date(2019, 3, 12)


def test_a_request_made_on_the_site_is_not_recorded_as_paper():
    with pytest.raises(ValidationError) as refused:
        recorded(channel=Channel.ONLINE)
    assert error_codes(refused.value) == {"channel": ["channel"]}


# --- decisions: one table of grounds, each with its source --------------------------------------


def test_every_ground_cites_its_source():
    translation.activate("en")
    assert set(REFUSAL_GROUND_SOURCES) == set(RefusalGround.values)
    assert "article 7" in str(REFUSAL_GROUND_SOURCES[RefusalGround.NATIONAL_DEFENCE])
    assert "CDAI" in str(REFUSAL_GROUND_SOURCES[RefusalGround.NOT_HELD])
    assert "69.99" in str(REFUSAL_GROUND_SOURCES[RefusalGround.ARCHIVES])


def test_information_already_published_is_refused_saying_where():
    information_request = filed()
    with pytest.raises(ValidationError) as refused:
        information_request_refuse(
            information_request=information_request,
            by=Actor(name="clerk"),
            refusal_ground=RefusalGround.ALREADY_PUBLISHED,
            reasons="منشورة",
        )
    assert error_codes(refused.value) == {"published_where": ["published_where_required"]}
    done = information_request_refuse(
        information_request=information_request,
        by=Actor(name="clerk"),
        refusal_ground=RefusalGround.ALREADY_PUBLISHED,
        reasons="الميزانية منشورة.",
        published_where="https://tetouan.ma/documents/budget-2026/",
    )
    assert "https://tetouan.ma/documents/budget-2026/" in done.decision_reasons
    assert done.refusal_ground_source == str(REFUSAL_GROUND_SOURCES["already_published"])


# --- complaints to the head of the council ------------------------------------------------------


def test_the_requester_complains_within_20_working_days_of_a_refusal(
    django_capture_on_commit_callbacks,
):
    refused = information_request_refuse(
        information_request=filed(),
        by=Actor(name="clerk"),
        refusal_ground=RefusalGround.NOT_HELD,
        reasons="لا نتوفر عليها",
        today=date(2026, 4, 1),
    )
    assert refused.complaint_window == (date(2026, 4, 1), date(2026, 4, 29))
    assert not refused.complaint_possible(date(2026, 4, 30))
    with pytest.raises(ValidationError) as late:
        complaint_file(information_request=refused, grievance="أعترض", today=date(2026, 4, 30))
    assert error_codes(late.value) == {"grievance": ["out_of_window"]}
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_file(
            information_request=refused,
            grievance="المعلومة موجودة",
            today=date(2026, 4, 6),
            site_url="http://tetouan.example/",
        )
    # The head answers within 15 working days (a setting: docs/law.md, section 3).
    assert (complaint.received_on, complaint.due_on) == (date(2026, 4, 6), date(2026, 4, 27))
    assert complaint.channel == Channel.ONLINE and complaint.is_open
    assert refused.events.filter(step=Step.COMPLAINT_FILED).exists()
    assert "2026" in mail.outbox[-1].body and refused.reference in mail.outbox[-1].subject
    with pytest.raises(ValidationError) as again:
        complaint_file(information_request=refused, grievance="مرة ثانية", today=date(2026, 4, 7))
    assert error_codes(again.value) == {"grievance": ["complaint_exists"]}


def test_no_complaint_while_the_deadline_runs_but_one_after_silence():
    waiting = filed()  # received 19 March 2026, due 16 April
    with pytest.raises(ValidationError):
        complaint_file(information_request=waiting, grievance="تأخر", today=date(2026, 4, 16))
    complaint = complaint_file(
        information_request=waiting, grievance="لا جواب", today=date(2026, 4, 20)
    )
    assert complaint.received_on == date(2026, 4, 20)


def test_staff_record_a_complaint_received_on_paper_on_its_real_date():
    answered = information_request_answer(
        information_request=filed(),
        by=Actor(name="clerk"),
        answer_text="الجواب",
        today=date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as refused:
        complaint_file(
            information_request=answered,
            grievance="الجواب ناقص",
            channel=Channel.POST,
            received_on=date(2026, 5, 4),
            by=Actor(name="clerk"),
            today=date(2026, 5, 4),
        )
    assert error_codes(refused.value) == {"received_on": ["out_of_window"]}
    complaint = complaint_file(
        information_request=answered,
        grievance="الجواب ناقص",
        channel=Channel.POST,
        received_on=date(2026, 4, 20),
        by=Actor(name="clerk"),
        scan=pdf_file("complaint.pdf"),
        today=date(2026, 4, 27),
    )
    assert complaint.received_on == date(2026, 4, 20) and complaint.scan


def test_the_head_answers_in_writing_and_the_requester_is_told_the_next_step(
    django_capture_on_commit_callbacks,
):
    refused = information_request_refuse(
        information_request=filed(),
        by=Actor(name="clerk"),
        refusal_ground=RefusalGround.UNCLEAR,
        reasons="الطلب غير واضح",
        today=date(2026, 4, 1),
    )
    complaint = complaint_file(
        information_request=refused, grievance="الطلب واضح", today=date(2026, 4, 2)
    )
    with pytest.raises(ValidationError) as refused_answer:
        complaint_answer(
            complaint=complaint, by=Actor(name="head"), outcome="open", answer_text=" "
        )
    assert error_codes(refused_answer.value) == {
        "outcome": ["outcome_required"],
        "answer_text": ["answer_required"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        answered = complaint_answer(
            complaint=complaint,
            by=Actor(name="head"),
            outcome=ComplaintOutcome.REJECTED,
            answer_text="يؤكد الرئيس قرار الرفض.",
            today=date(2026, 4, 10),
        )
    assert answered.outcome == ComplaintOutcome.REJECTED and answered.answered_on_time
    body = mail.outbox[-1].body
    assert "يؤكد الرئيس قرار الرفض." in body and "30" in body  # the Commission, within 30 days
    with pytest.raises(ValidationError):
        complaint_answer(
            complaint=answered,
            by=Actor(name="head"),
            outcome=ComplaintOutcome.UPHELD,
            answer_text="مرة أخرى",
        )
    refused.refresh_from_db()
    assert refused.state == State.REFUSED


def test_a_requester_token_names_one_request_of_one_member():
    information_request = filed()
    token = requester_token_make(information_request)
    assert requester_token_read(token) == information_request.pk
    for forged in (token + "x", "1"):
        with pytest.raises(LinkRefused):
            requester_token_read(forged)
