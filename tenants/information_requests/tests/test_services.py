"""The rules of law 31.13 as the services apply them: deadlines in Moroccan working days, one
extension with its reason told to the requester, validated steps with their history, and
silence past the deadline told to the requester once."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format

from tenants.information_requests.models import (
    InformationRequest,
    RefusalGround,
    State,
    Step,
    Transition,
)
from tenants.information_requests.services import (
    information_request_answer,
    information_request_answer_partly,
    information_request_extend,
    information_request_refuse,
    information_request_set_public_summary,
    information_request_start,
    information_request_transition,
    information_request_withdraw,
    information_requests_flag_overdue,
)
from tenants.information_requests.tests.factories import BEFORE_EID, PNG, filed, pdf_file
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")


def in_arabic(day: date) -> str:
    """A date as the e-mails write it to a requester who wrote in Arabic."""
    with translation.override("ar"):
        return date_format(day, "DATE_FORMAT")


def error_codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


# --- filing and deadlines ---------------------------------------------------------------------


def test_a_request_is_due_20_working_days_after_receipt_across_eid():
    # Received Thursday 19 March 2026; Friday 20 and Saturday 21 are Eid al-Fitr (estimated),
    # so the first working day counted is Monday 23 and the 20th is Friday 17 April.
    information_request = filed()
    assert information_request.received_on == BEFORE_EID
    assert information_request.due_on == information_request.initial_due_on == date(2026, 4, 17)
    assert information_request.state == State.RECEIVED


def test_an_urgent_request_is_due_in_3_working_days():
    information_request = filed(is_urgent=True, urgency_reason="حالة صحية مستعجلة لطفل")
    assert information_request.due_on == date(2026, 3, 25)  # Mon 23, Tue 24, Wed 25


def test_an_urgent_request_needs_its_reason():
    with pytest.raises(ValidationError) as refused:
        filed(is_urgent=True, urgency_reason="   ")
    assert error_codes(refused.value) == {"urgency_reason": ["urgency_reason"]}


def test_references_are_numbered_per_year():
    first, second = filed(), filed()
    next_year = filed(today=date(2027, 1, 4))
    assert (first.reference, second.reference, next_year.reference) == (
        "DI-2026-0001",
        "DI-2026-0002",
        "DI-2027-0001",
    )


def test_filing_records_its_step_and_emails_the_receipt(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        information_request = filed(site_url="http://tetouan.localhost:8000/")
    event = information_request.events.get()
    assert (event.step, event.state_before, event.state_after) == (Step.FILED, "", State.RECEIVED)
    assert event.at.date() == BEFORE_EID
    (receipt,) = mail.outbox
    assert receipt.to == ["amina@example.ma"]
    assert "DI-2026-0001" in receipt.subject
    assert "DI-2026-0001" in receipt.body and in_arabic(date(2026, 4, 17)) in receipt.body
    assert (
        f"http://tetouan.localhost:8000/information-requests/{information_request.pk}/"
        in receipt.body
    )


def test_text_is_stored_plain_and_arabic_kept():
    information_request = filed(
        requester_name="<b>أمينة</b> الفاسي",
        information_wanted='<script>alert("x")</script>أطلب <img src=x onerror=alert(1)>محضر '
        "الدورة & الميزانية",
        postal_address="<a href='javascript:alert(1)'>زنقة الحرية</a>",
    )
    information_request.refresh_from_db()
    assert information_request.requester_name == "أمينة الفاسي"
    assert information_request.information_wanted == "أطلب محضر الدورة & الميزانية"
    assert information_request.postal_address == "زنقة الحرية"
    assert information_request.id_number == "K123456"  # spaces dropped, capitals


def test_a_request_of_markup_only_is_refused():
    with pytest.raises(ValidationError) as refused:
        filed(information_wanted="<script>alert(1)</script>")
    assert "information_wanted" in refused.value.error_dict
    assert not InformationRequest.objects.exists()


def test_an_id_number_is_letters_and_digits():
    with pytest.raises(ValidationError) as refused:
        filed(id_number="K12-34';--")
    assert error_codes(refused.value) == {"id_number": ["id_number_format"]}


# --- extension --------------------------------------------------------------------------------


def test_the_extension_adds_20_working_days_to_the_original_due_date_and_tells_why(
    django_capture_on_commit_callbacks,
):
    information_request = information_request_start(
        information_request=filed(), by=Actor(name="clerk"), today=date(2026, 3, 24)
    )
    with django_capture_on_commit_callbacks(execute=True):
        extended = information_request_extend(
            information_request=information_request,
            by=Actor(name="clerk"),
            today=date(2026, 4, 10),
            reason="<i>المعلومات</i> موزعة على عدة مصالح",
        )
    # 17 April + 20 working days, Labour Day (Friday 1 May) skipped: Monday 18 May.
    assert (extended.initial_due_on, extended.due_on) == (date(2026, 4, 17), date(2026, 5, 18))
    assert extended.state == State.EXTENDED
    assert extended.extension_reason == "المعلومات موزعة على عدة مصالح"
    (notice,) = mail.outbox
    assert "المعلومات موزعة على عدة مصالح" in notice.body
    assert notice.to == ["amina@example.ma"]
    event = extended.events.get(step=Step.EXTENDED)
    assert (event.state_before, event.state_after, event.by, event.note) == (
        State.IN_PROGRESS,
        State.EXTENDED,
        "clerk",
        "المعلومات موزعة على عدة مصالح",
    )


def test_the_deadline_is_extended_only_once():
    extended = information_request_extend(
        information_request=filed(),
        by=Actor(name="clerk"),
        reason="حجم المعلومات",
        today=date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as refused:
        information_request_extend(
            information_request=extended,
            by=Actor(name="clerk"),
            reason="مرة أخرى",
            today=date(2026, 4, 2),
        )
    assert error_codes(refused.value) == {"due_on": ["already_extended"]}
    extended.refresh_from_db()
    assert extended.due_on == date(2026, 5, 18)


def test_an_extension_needs_a_reason_and_comes_before_the_deadline():
    information_request = filed()
    with pytest.raises(ValidationError) as no_reason:
        information_request_extend(
            information_request=information_request,
            by=Actor(name="clerk"),
            reason="<b></b> ",
            today=date(2026, 4, 1),
        )
    assert error_codes(no_reason.value) == {"reason": ["reason_required"]}
    with pytest.raises(ValidationError) as too_late:
        information_request_extend(
            information_request=information_request,
            by=Actor(name="clerk"),
            reason="حجم المعلومات",
            today=date(2026, 4, 20),
        )
    assert error_codes(too_late.value) == {"due_on": ["deadline_passed"]}
    # The due date itself is still in time.
    assert (
        information_request_extend(
            information_request=information_request,
            by=Actor(name="clerk"),
            reason="حجم المعلومات",
            today=date(2026, 4, 17),
        ).state
        == State.EXTENDED
    )


def test_an_urgent_request_is_extended_once_by_3_working_days():
    # The Commission's guidance (cdai.ma, FAQ): 3 days, once, from the first due date.
    urgent = filed(is_urgent=True, urgency_reason="خطر على السلامة")
    assert urgent.due_on == date(2026, 3, 25)
    extended = information_request_extend(
        information_request=urgent,
        by=Actor(name="clerk"),
        reason="استشارة مصلحة أخرى",
        today=date(2026, 3, 23),
    )
    # Thursday 26, Friday 27, Monday 30.
    assert extended.due_on == date(2026, 3, 30) and extended.initial_due_on == date(2026, 3, 25)
    with pytest.raises(ValidationError) as refused:
        information_request_extend(
            information_request=extended,
            by=Actor(name="clerk"),
            reason="مرة أخرى",
            today=date(2026, 3, 24),
        )
    assert error_codes(refused.value) == {"due_on": ["already_extended"]}


# --- decisions --------------------------------------------------------------------------------


def test_an_answer_needs_a_text_or_a_file():
    information_request = filed()
    with pytest.raises(ValidationError) as refused:
        information_request_answer(
            information_request=information_request, by=Actor(name="clerk"), answer_text="  "
        )
    assert error_codes(refused.value) == {"answer_text": ["answer_required"]}
    information_request.refresh_from_db()
    assert (
        information_request.state == State.RECEIVED
        and not information_request.events.exclude(step=Step.FILED).exists()
    )


def test_an_answer_with_a_file_closes_the_request_on_time(django_capture_on_commit_callbacks):
    information_request = filed()
    with django_capture_on_commit_callbacks(execute=True):
        answered = information_request_answer(
            information_request=information_request,
            by=Actor(name="clerk"),
            answer_file=pdf_file(),
            answer_text="تجدون الميزانية رفقته.",
            today=date(2026, 4, 17),
        )
    assert answered.state == State.ANSWERED and answered.decided_on == date(2026, 4, 17)
    assert answered.answered_on_time is True
    assert answered.answer_file.name.endswith(".pdf")
    (decision,) = mail.outbox
    assert "تجدون الميزانية رفقته." in decision.body


def test_an_answer_file_is_checked_by_its_content():
    with pytest.raises(ValidationError) as refused:
        information_request_answer(
            information_request=filed(),
            by=Actor(name="clerk"),
            answer_file=pdf_file("answer.pdf", PNG),
        )
    assert "answer_file" in refused.value.error_dict


def test_a_late_answer_is_not_on_time():
    answered = information_request_answer(
        information_request=filed(),
        by=Actor(name="clerk"),
        answer_text="الجواب",
        today=date(2026, 4, 20),
    )
    assert answered.answered_on_time is False


def test_a_refusal_needs_its_ground_and_written_reasons(django_capture_on_commit_callbacks):
    information_request = filed()
    for ground in ("", "because_we_say_so"):
        with pytest.raises(ValidationError) as refused:
            information_request_refuse(
                information_request=information_request,
                by=Actor(name="clerk"),
                refusal_ground=ground,
                reasons="سبب",
            )
        assert error_codes(refused.value) == {"refusal_ground": ["ground_required"]}
    with pytest.raises(ValidationError) as refused:  # a ground alone is not reasoned
        information_request_refuse(
            information_request=information_request,
            by=Actor(name="clerk"),
            refusal_ground=RefusalGround.PRIVATE_LIFE,
            reasons="  ",
        )
    assert error_codes(refused.value) == {"reasons": ["reasons_required"]}
    information_request.refresh_from_db()
    assert information_request.state == State.RECEIVED  # nothing written
    with django_capture_on_commit_callbacks(execute=True):
        refused = information_request_refuse(
            information_request=information_request,
            by=Actor(name="clerk"),
            refusal_ground=RefusalGround.PRIVATE_LIFE,
            reasons="معطيات شخصية",
            today=date(2026, 4, 1),
        )
    assert (refused.state, refused.refusal_ground, refused.decision_reasons) == (
        State.REFUSED,
        "private_life",
        "معطيات شخصية",
    )
    (decision,) = mail.outbox
    assert "31.13" in decision.body
    # The last day to complain to the head of the council: 20 working days after the refusal.
    assert in_arabic(date(2026, 4, 29)) in decision.body


def test_a_partial_answer_needs_the_answer_and_the_ground_of_what_is_withheld():
    information_request = filed()
    with pytest.raises(ValidationError) as refused:
        information_request_answer_partly(
            information_request=information_request,
            by=Actor(name="clerk"),
            refusal_ground="",
            answer_text="",
        )
    assert error_codes(refused.value) == {
        "refusal_ground": ["ground_required"],
        "reasons": ["reasons_required"],
        "answer_text": ["answer_required"],
    }
    partly = information_request_answer_partly(
        information_request=information_request,
        by=Actor(name="clerk"),
        answer_text="جزء من المعلومات",
        refusal_ground=RefusalGround.COMPETITION,
        reasons="أسرار تجارية للمقاولة",
    )
    assert partly.state == State.PARTLY_ANSWERED
    assert partly.decision_reasons == "أسرار تجارية للمقاولة"


def test_a_closed_request_takes_no_more_steps():
    withdrawn = information_request_withdraw(
        information_request=filed(), by=Actor(name="clerk"), note="سحب الطلب بطلب من صاحبه"
    )
    assert withdrawn.state == State.WITHDRAWN and withdrawn.decided_on is None
    for service, inputs in (
        (information_request_answer, {"answer_text": "الجواب"}),
        (information_request_refuse, {"refusal_ground": "national_defence"}),
        (information_request_start, {}),
        (information_request_extend, {"reason": "حجم"}),
        (information_request_withdraw, {}),
    ):
        with pytest.raises(ValidationError) as refused:
            service(information_request=withdrawn, by=Actor(name="clerk"), **inputs)
        assert error_codes(refused.value) == {"state": ["transition_not_allowed"]}


def test_work_starts_only_on_a_received_request():
    started = information_request_start(information_request=filed(), by=Actor(name="clerk"))
    with pytest.raises(ValidationError):
        information_request_start(information_request=started, by=Actor(name="clerk"))


def test_every_step_is_dated_and_kept():
    information_request = filed()
    information_request_start(
        information_request=information_request,
        by=Actor(name="clerk"),
        today=date(2026, 3, 23),
        note="أحيل على قسم المالية",
    )
    information_request_extend(
        information_request=information_request,
        by=Actor(name="focal"),
        reason="حجم المعلومات",
        today=date(2026, 4, 10),
    )
    information_request_answer(
        information_request=information_request,
        by=Actor(name="focal"),
        answer_text="الجواب",
        today=date(2026, 5, 4),
    )
    history = [
        (e.step, e.state_before, e.state_after, e.at.date(), e.by)
        for e in information_request.events.all()
    ]
    assert history == [
        (Step.FILED, "", State.RECEIVED, date(2026, 3, 19), ""),
        (Step.STARTED, State.RECEIVED, State.IN_PROGRESS, date(2026, 3, 23), "clerk"),
        (Step.EXTENDED, State.IN_PROGRESS, State.EXTENDED, date(2026, 4, 10), "focal"),
        (Step.ANSWERED, State.EXTENDED, State.ANSWERED, date(2026, 5, 4), "focal"),
    ]


def test_one_entry_point_takes_any_step_with_only_its_inputs():
    information_request = filed(today=None)  # staff act today
    extended = information_request_transition(
        information_request=information_request,
        action=Transition.EXTEND,
        by=Actor(name="clerk"),
        reason="حجم المعلومات",
        answer_text="ignored",
        refusal_ground="",
        note="",
        answer_file=None,
        explanation="",
        site_url="",
    )
    assert extended.state == State.EXTENDED and extended.answer_text == ""


def test_staff_may_summarise_the_request_for_the_public():
    information_request = information_request_set_public_summary(
        information_request=filed(),
        by=Actor(name="clerk"),
        public_summary="<b>طلب</b> نسخة من الميزانية",
    )
    assert information_request.subject == "طلب نسخة من الميزانية"
    cleared = information_request_set_public_summary(
        information_request=information_request, by=Actor(name="clerk"), public_summary=""
    )
    assert cleared.subject == ""  # the request as written is never the register's text


# --- silence past the deadline ----------------------------------------------------------------


def test_the_requester_is_told_once_when_the_deadline_passes(django_capture_on_commit_callbacks):
    late = filed()
    answered = information_request_answer(
        information_request=filed(),
        by=Actor(name="clerk"),
        answer_text="الجواب",
        today=date(2026, 4, 1),
    )
    extended = information_request_extend(
        information_request=filed(),
        by=Actor(name="clerk"),
        reason="حجم المعلومات",
        today=date(2026, 4, 1),
    )
    assert information_requests_flag_overdue(today=date(2026, 4, 17)) == 0  # due today: in time
    with django_capture_on_commit_callbacks(execute=True):
        assert information_requests_flag_overdue(today=date(2026, 4, 20)) == 1
        assert information_requests_flag_overdue(today=date(2026, 4, 21)) == 0  # idempotent
    late.refresh_from_db()
    assert late.is_overdue(date(2026, 4, 20)) and late.state == State.RECEIVED
    assert late.overdue_notice_at.date() == date(2026, 4, 20)
    assert late.events.filter(step=Step.OVERDUE_NOTICE).count() == 1
    (notice,) = mail.outbox
    assert notice.to == ["amina@example.ma"] and late.reference in notice.subject
    # Complaint to the head of the council: 20 working days after 17 April (1 May is off).
    assert in_arabic(date(2026, 5, 18)) in notice.body
    assert not answered.is_overdue(date(2026, 4, 20))
    assert not extended.is_overdue(date(2026, 4, 20))
    assert extended.is_overdue(date(2026, 5, 19))


def test_a_request_without_e_mail_is_flagged_for_a_letter(django_capture_on_commit_callbacks):
    information_request = filed(email="")
    with django_capture_on_commit_callbacks(execute=True):
        assert information_requests_flag_overdue(today=date(2026, 4, 20)) == 1
    assert mail.outbox == []
    assert information_request.events.get(step=Step.OVERDUE_NOTICE).note != ""
