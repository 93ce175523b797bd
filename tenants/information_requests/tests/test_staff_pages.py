"""The workspace's pages of information requests: the list by due date and a request's own
page, where staff take each step through the services; identity data for the focal point
only, logged; a constant number of queries; nothing of another member."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenants.information_requests.models import InformationRequest, RefusalGround, State, Step
from tenants.information_requests.services import (
    information_request_answer,
    information_request_start,
)
from tenants.information_requests.tests.factories import PDF, filed
from tenants.site.models import PersonalDataRead
from kernel.actors import Actor


def _filed(member, in_member, *, days_ago: int = 0, **fields) -> InformationRequest:
    with in_member(member):
        return filed(today=timezone.localdate() - timedelta(days=days_ago), **fields)


def _reload(member, in_member, information_request) -> InformationRequest:
    with in_member(member):
        return InformationRequest.objects.prefetch_related("events").get(pk=information_request.pk)


def _url(information_request) -> str:
    return f"/staff/requests/{information_request.pk}/"


# The list ------------------------------------------------------------------------------------


def test_the_list_puts_overdue_requests_first_and_filters_by_state(
    tetouan, in_member, staff_client
):
    late = _filed(tetouan, in_member, days_ago=60, information_wanted="طلب متأخر")
    fresh = _filed(tetouan, in_member, information_wanted="طلب جديد")
    closed = _filed(tetouan, in_member, days_ago=5, information_wanted="طلب مجاب")
    with in_member(tetouan):
        information_request_answer(
            information_request=closed, by=Actor(name="x"), answer_text="الجواب"
        )
    client = staff_client(tetouan, "focal_point")

    page = client.get("/staff/requests/").content.decode()
    assert page.index(late.reference) < page.index(fresh.reference)
    assert closed.reference not in page
    assert "متأخر" in page and f'href="{_url(late)}"' in page

    answered = client.get("/staff/requests/?show=answered").content.decode()
    assert closed.reference in answered and fresh.reference not in answered
    overdue = client.get("/staff/requests/?show=overdue").content.decode()
    assert late.reference in overdue and fresh.reference not in overdue
    everything = client.get("/staff/requests/?show=all").content.decode()
    assert (
        everything.index(late.reference)
        < everything.index(fresh.reference)
        < everything.index(closed.reference)
    )
    assert client.get("/staff/requests/?show=nonsense").status_code == 200


# The request's page --------------------------------------------------------------------------


def test_the_page_shows_the_request_the_requester_and_the_days_left(
    tetouan, in_member, staff_client
):
    information_request = _filed(tetouan, in_member)
    page = staff_client(tetouan, "focal_point").get(_url(information_request))
    assert page.status_code == 200
    html = page.content.decode()
    assert "أطلب نسخة من ميزانية الجماعة لسنة 2026." in html
    assert "أمينة الفاسي" in html and "amina@example.ma" in html and "زنقة الحرية" in html
    assert page.context["days_left"] > 3 and "يوم عمل." in html
    assert "توصل به" in html  # the state's label, in Arabic
    # A received request offers every step, the extension too.
    for action in ("start", "answer", "partly_answer", "refuse", "extend", "summary"):
        assert f'id="action-{action}"' in html


def test_only_the_focal_point_sees_the_identity_number_and_each_reading_is_logged(
    tetouan, in_member, staff_client
):
    information_request = _filed(tetouan, in_member)
    editor_page = staff_client(tetouan, "editor").get(_url(information_request)).content.decode()
    assert "K123456" not in editor_page
    assert "amina@example.ma" in editor_page  # needed to answer
    with in_member(tetouan):
        assert not PersonalDataRead.objects.exists()

    focal_page = (
        staff_client(tetouan, "focal_point").get(_url(information_request)).content.decode()
    )
    assert "K123456" in focal_page
    with in_member(tetouan):
        (reading,) = PersonalDataRead.objects.all()
    assert information_request.reference in reading.subject
    assert "id_number" in reading.fields


def test_start_then_answer_with_a_file_e_mails_the_requester(
    tetouan, in_member, staff_client, django_capture_on_commit_callbacks
):
    information_request = _filed(tetouan, in_member)
    client = staff_client(tetouan, "focal_point")
    mail.outbox.clear()

    response = client.post(_url(information_request), {"action": "start", "start-note": ""})
    assert response.status_code == 302 and response["Location"] == _url(information_request)
    assert _reload(tetouan, in_member, information_request).state == State.IN_PROGRESS
    page = client.get(_url(information_request)).content.decode()
    assert 'role="status"' in page and 'id="action-start"' not in page

    answer_file = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(information_request),
            {
                "action": "answer",
                "answer-answer_text": "تجدون رفقته ميزانية 2026.",
                "answer-answer_file": answer_file,
            },
        )
    assert response.status_code == 302
    stored = _reload(tetouan, in_member, information_request)
    assert stored.state == State.ANSWERED and stored.answer_file
    assert {event.step for event in stored.events.all()} == {
        Step.FILED,
        Step.STARTED,
        Step.ANSWERED,
    }
    (email,) = mail.outbox
    assert email.to == ["amina@example.ma"]
    confirmation = client.get(_url(information_request)).content.decode()
    assert "تم إرسال الجواب" in confirmation
    # Once answered, only the public summary can still be set.
    assert 'id="action-answer"' not in confirmation and 'id="action-summary"' in confirmation


def test_an_answer_without_text_or_file_is_refused_in_arabic(tetouan, in_member, staff_client):
    information_request = _filed(tetouan, in_member)
    response = staff_client(tetouan, "focal_point").post(
        _url(information_request), {"action": "answer", "answer-answer_text": "  "}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "هناك مشكلة" in html and "نصا أو ملفا أو هما معا" in html
    assert _reload(tetouan, in_member, information_request).state == State.RECEIVED


def test_a_refusal_needs_a_legal_ground_and_reasons(
    tetouan, in_member, staff_client, django_capture_on_commit_callbacks
):
    information_request = _filed(tetouan, in_member)
    client = staff_client(tetouan, "focal_point")
    invalid = client.post(
        _url(information_request),
        {"action": "refuse", "refuse-refusal_ground": "", "refuse-reasons": ""},
    )
    assert invalid.status_code == 400
    assert {"refusal_ground", "reasons"} <= set(invalid.context["bound"].errors)
    assert "هذا الحقل مطلوب." in invalid.content.decode()
    assert _reload(tetouan, in_member, information_request).state == State.RECEIVED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(information_request),
            {
                "action": "refuse",
                "refuse-refusal_ground": RefusalGround.PRIVATE_LIFE,
                "refuse-reasons": "المعلومات المطلوبة تخص الحياة الخاصة لأشخاص.",
            },
        )
    assert response.status_code == 302
    stored = _reload(tetouan, in_member, information_request)
    assert stored.state == State.REFUSED and stored.refusal_ground == RefusalGround.PRIVATE_LIFE
    assert "الحياة الخاصة" in stored.decision_reasons


def test_a_partial_answer_carries_what_is_withheld_and_why(tetouan, in_member, staff_client):
    information_request = _filed(tetouan, in_member)
    response = staff_client(tetouan, "focal_point").post(
        _url(information_request),
        {
            "action": "partly_answer",
            "partly_answer-answer_text": "الميزانية رفقته.",
            "partly_answer-refusal_ground": RefusalGround.PRIVATE_LIFE,
            "partly_answer-reasons": "أجور الموظفين بأسمائهم معطيات شخصية.",
        },
    )
    assert response.status_code == 302
    stored = _reload(tetouan, in_member, information_request)
    assert stored.state == State.PARTLY_ANSWERED
    assert stored.answer_text == "الميزانية رفقته."
    assert stored.decision_reasons == "أجور الموظفين بأسمائهم معطيات شخصية."


def test_the_deadline_is_extended_once_with_a_reason(tetouan, in_member, staff_client):
    information_request = _filed(tetouan, in_member)
    client = staff_client(tetouan, "focal_point")
    assert (
        client.post(
            _url(information_request), {"action": "extend", "extend-reason": ""}
        ).status_code
        == 400
    )
    response = client.post(
        _url(information_request),
        {"action": "extend", "extend-reason": "المعلومات موزعة على عدة مصالح."},
    )
    assert response.status_code == 302
    stored = _reload(tetouan, in_member, information_request)
    assert stored.state == State.EXTENDED and stored.is_extended
    page = client.get(_url(information_request)).content.decode()
    assert 'id="action-extend"' not in page
    # A second extension is not offered, and refused if posted anyway.
    again = client.post(_url(information_request), {"action": "extend", "extend-reason": "مرة"})
    assert again.status_code == 302
    assert _reload(tetouan, in_member, information_request).due_on == stored.due_on


def test_an_overdue_request_cannot_be_extended_and_says_so(tetouan, in_member, staff_client):
    late = _filed(tetouan, in_member, days_ago=60)
    page = staff_client(tetouan, "focal_point").get(_url(late)).content.decode()
    assert 'id="action-extend"' not in page and 'id="action-answer"' in page
    assert "alert-danger" in page


def test_the_public_summary_is_saved_and_shown_in_the_register(
    tetouan, in_member, staff_client, client_for
):
    information_request = _filed(tetouan, in_member)
    response = staff_client(tetouan, "editor").post(
        _url(information_request),
        {"action": "summary", "summary-public_summary": "طلب يخص ميزانية الجماعة."},
    )
    assert response.status_code == 302
    register = client_for(tetouan).get("/information-requests/").content.decode()
    assert "طلب يخص ميزانية الجماعة." in register


# Who may, and how much it costs ---------------------------------------------------------------


def test_a_moderator_gets_403_and_a_visitor_is_sent_to_sign_in(
    tetouan, in_member, staff_client, client_for
):
    information_request = _filed(tetouan, in_member)
    moderator = staff_client(tetouan, "moderator")
    assert moderator.get("/staff/requests/").status_code == 403
    assert moderator.get(_url(information_request)).status_code == 403
    assert moderator.post(_url(information_request), {"action": "start"}).status_code == 403
    assert client_for(tetouan).get(_url(information_request)).status_code == 302
    assert _reload(tetouan, in_member, information_request).state == State.RECEIVED


def test_tetouans_staff_cannot_open_or_act_on_tangers_requests(
    tetouan, tanger, in_member, staff_client
):
    foreign = _filed(tanger, in_member, information_wanted="طلب في طنجة وحدها")
    with in_member(tetouan):
        assert not InformationRequest.objects.filter(pk=foreign.pk).exists()
    client = staff_client(tetouan, "focal_point")
    assert client.get(_url(foreign)).status_code == 404
    assert (
        client.post(_url(foreign), {"action": "answer", "answer-answer_text": "جواب"}).status_code
        == 404
    )
    assert "طلب في طنجة وحدها" not in client.get("/staff/requests/?show=all").content.decode()
    assert _reload(tanger, in_member, foreign).state == State.RECEIVED


@pytest.mark.parametrize("path", ["list", "detail"])
def test_each_page_makes_a_constant_number_of_queries(tetouan, in_member, staff_client, path):
    client = staff_client(tetouan, "focal_point")
    client.get("/staff/")  # the session and the profile's caches warmed
    counts = []
    for volume in (1, 12):
        requests = [_filed(tetouan, in_member, days_ago=number) for number in range(volume)]
        with in_member(tetouan):
            for information_request in requests:
                information_request_start(
                    information_request=information_request, by=Actor(name="x")
                )
        url = "/staff/requests/?show=all" if path == "list" else _url(requests[-1])
        if path == "detail":
            with in_member(tetouan):  # a longer history for the last one
                for number in range(volume):
                    requests[-1].events.create(
                        step=Step.STARTED, state_after=State.IN_PROGRESS, note=f"{number}"
                    )
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 20


# Requests received on paper, scans, complaints ------------------------------------------------


def _paper_form(**overrides) -> dict:
    return {
        "channel": "post",
        "received_on": (timezone.localdate() - timedelta(days=7)).isoformat(),
        "requester_name": "سعيد بنعلي",
        "id_document": "cin",
        "id_number": "L123456",
        "postal_address": "حي الملاح، تطوان",
        "email": "",
        "language": "ar",
        "information_wanted": "محضر دورة فبراير للمجلس.",
        "urgency_reason": "",
        **overrides,
    }


def test_a_focal_point_records_a_paper_request_with_its_scan(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    assert client.get("/staff/requests/new/").status_code == 200
    future = client.post(
        "/staff/requests/new/",
        _paper_form(received_on=(timezone.localdate() + timedelta(days=1)).isoformat()),
    )
    assert future.status_code == 400
    assert "لا يمكن أن يكون تاريخ التوصل في المستقبل." in future.content.decode()
    with in_member(tetouan):
        assert not InformationRequest.objects.exists()  # nothing written
    response = client.post(
        "/staff/requests/new/",
        {**_paper_form(), "scan": SimpleUploadedFile("scan.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    with in_member(tetouan):
        stored = InformationRequest.objects.get()
    assert response["Location"] == _url(stored)
    assert stored.received_on == timezone.localdate() - timedelta(days=7)
    assert stored.channel == "post" and stored.scan
    page = client.get(_url(stored)).content.decode()
    assert "بالبريد" in page and f"/staff/requests/{stored.pk}/scan/" in page
    scan = client.get(f"/staff/requests/{stored.pk}/scan/")
    assert scan.status_code == 200 and b"".join(scan.streaming_content).startswith(b"%PDF")
    assert scan["Cache-Control"] == "private, no-store"
    with in_member(tetouan):
        assert PersonalDataRead.objects.filter(fields="scan").count() == 1
    # The scan is under no public address, and an editor may not open it.
    assert "/media/" not in stored.scan.name and not stored.scan.name.startswith("members")
    editor = staff_client(tetouan, "editor")
    assert editor.get(f"/staff/requests/{stored.pk}/scan/").status_code == 403
    assert f"/staff/requests/{stored.pk}/scan/" not in editor.get(_url(stored)).content.decode()


def test_a_complaint_is_recorded_and_answered_from_the_request_page(
    tetouan, in_member, staff_client, django_capture_on_commit_callbacks
):
    late = _filed(tetouan, in_member, days_ago=40, email="said@example.ma")
    client = staff_client(tetouan, "focal_point")
    page = client.get(_url(late)).content.decode()
    assert 'id="action-complaint"' in page
    recorded = client.post(
        _url(late),
        {
            "action": "complaint",
            "complaint-channel": "desk",
            "complaint-received_on": timezone.localdate().isoformat(),
            "complaint-grievance": "لم أتوصل بأي جواب.",
        },
    )
    assert recorded.status_code == 302
    inbox = client.get("/staff/").content.decode()
    assert 'id="inbox-complaints"' in inbox and late.reference in inbox
    complaints = client.get("/staff/requests/complaints/").content.decode()
    assert late.reference in complaints
    page = client.get(_url(late)).content.decode()
    assert "لم أتوصل بأي جواب." in page and 'id="action-complaint_answer"' in page
    missing = client.post(_url(late), {"action": "complaint_answer"})
    assert missing.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(
            _url(late),
            {
                "action": "complaint_answer",
                "complaint_answer-outcome": "upheld",
                "complaint_answer-answer_text": "ستتوصلون بالمعلومات خلال أسبوع.",
            },
        )
    assert answered.status_code == 302
    assert "ستتوصلون بالمعلومات خلال أسبوع." in mail.outbox[-1].body
    register = client.get("/information-requests/").content.decode()
    assert "مقبولة: تقدم المعلومات" in register  # the outcome in the public register
    assert "لم أتوصل بأي جواب." not in register  # never the complaint's text
    assert late.reference not in client.get("/staff/requests/complaints/").content.decode()
    assert late.reference in client.get("/staff/requests/complaints/?show=all").content.decode()


def test_the_requester_complains_from_their_own_link(tetouan, in_member, client_for):
    from tenants.information_requests.tokens import requester_path

    late = _filed(tetouan, in_member, days_ago=40)
    with in_member(tetouan):
        path = requester_path(late)
    citizen = client_for(tetouan)
    page = citizen.get(path)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert "تقديم شكاية إلى رئيس المجلس" in page.content.decode()
    empty = citizen.post(path, {"grievance": "  "})
    assert empty.status_code == 400 and "هناك مشكلة" in empty.content.decode()
    response = citizen.post(path, {"grievance": "<script>x</script>لم أتوصل بالجواب."})
    assert response.status_code == 302
    after = citizen.get(path).content.decode()
    assert 'role="status"' in after and "في انتظار رد الرئيس" in after
    with in_member(tetouan):
        assert InformationRequest.objects.get(pk=late.pk).complaint.grievance == "لم أتوصل بالجواب."
    assert citizen.get(path[:-3] + "xx/").status_code == 404  # a forged token
    assert citizen.post(path, {"grievance": "مرة ثانية"}).status_code == 400
