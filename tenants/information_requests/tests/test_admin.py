"""The back office: the member's staff find requests (personal data included), take them
through their steps with the list's actions, and summarise them for the public register."""

from datetime import date

import pytest

from tenants.information_requests.models import InformationRequest, State, Step
from tenants.information_requests.services import information_request_answer
from tenants.information_requests.tests.factories import filed, pdf_file
from kernel.actors import Actor

LIST = "/admin/information_requests/informationrequest/"


@pytest.fixture
def open_request(tetouan, in_member) -> InformationRequest:
    with in_member(tetouan):
        return filed(today=None)


def step(client, action: str, requests, **inputs):
    """The confirmation page of an action, then its form sent."""
    selected = [r.pk for r in requests]
    page = client.post(LIST, {"action": action, "_selected_action": selected})
    assert page.status_code == 200, page.content.decode()[-2000:]
    return client.post(
        LIST, {"action": action, "_selected_action": selected, "apply": "1", **inputs}
    )


def test_staff_find_requests_with_the_requesters_data(
    tetouan, in_member, staff_client, open_request
):
    with in_member(tetouan):
        late = filed()  # received 19 March 2026: past its deadline
        information_request_answer(
            information_request=filed(),
            by=Actor(name="clerk"),
            answer_text="الجواب",
            today=date(2026, 4, 1),
        )
    client = staff_client(tetouan, "editor")
    listing = client.get(LIST).content.decode()
    assert open_request.reference in listing and late.reference in listing
    overdue = client.get(LIST, {"overdue": "yes"}).content.decode()
    assert late.reference in overdue and open_request.reference not in overdue
    answered = client.get(LIST, {"state__exact": "answered"}).content.decode()
    assert open_request.reference not in answered
    assert open_request.reference in client.get(LIST, {"q": "amina@example.ma"}).content.decode()
    page = client.get(f"{LIST}{open_request.pk}/change/").content.decode()
    # The name to answer; the ID number is the focal point's alone (personal_data.py).
    assert "أمينة الفاسي" in page and "K123456" not in page
    assert client.get(f"{LIST}add/").status_code == 403


def test_actions_take_the_steps_through_the_services(
    tetouan, in_member, staff_client, open_request
):
    client = staff_client(tetouan, "focal_point")
    assert step(client, "start", [open_request], note="").status_code == 302
    missing = step(client, "extend", [open_request], reason="")
    assert missing.status_code == 200 and "reason" in missing.context["form"].errors
    assert step(client, "extend", [open_request], reason="حجم المعلومات").status_code == 302
    again = step(client, "extend", [open_request], reason="مرة أخرى")
    assert again.status_code == 302  # back to the list, with the refusal as a message
    assert any(open_request.reference in str(m) for m in again.wsgi_request._messages)
    response = step(
        client,
        "partly_answer",
        [open_request],
        answer_text="جزء من المعلومات",
        refusal_ground="sources",
        reasons="حماية المصادر",
        answer_file=pdf_file(),
    )
    assert response.status_code == 302
    with in_member(tetouan):
        information_request = InformationRequest.objects.get(pk=open_request.pk)
        steps = list(information_request.events.values_list("step", "by"))
    assert information_request.state == State.PARTLY_ANSWERED
    assert information_request.answer_file.name.endswith(".pdf")
    assert steps == [
        (Step.FILED, ""),
        (Step.STARTED, "نقطة الارتكاز"),
        (Step.EXTENDED, "نقطة الارتكاز"),
        (Step.PARTLY_ANSWERED, "نقطة الارتكاز"),
    ]


def test_a_refusal_asks_for_its_ground(tetouan, in_member, staff_client, open_request):
    client = staff_client(tetouan, "editor")
    missing = step(client, "refuse", [open_request], refusal_ground="", reasons="")
    assert missing.status_code == 200 and {"refusal_ground", "reasons"} <= set(
        missing.context["form"].errors
    )
    assert (
        step(
            client,
            "refuse",
            [open_request],
            refusal_ground="national_defence",
            reasons="الدفاع الوطني",
        ).status_code
        == 302
    )
    with in_member(tetouan):
        assert InformationRequest.objects.get().state == State.REFUSED


def test_staff_summarise_a_request_for_the_public(tetouan, in_member, staff_client, open_request):
    client = staff_client(tetouan, "editor")
    response = client.post(
        f"{LIST}{open_request.pk}/change/",
        {
            "public_summary": "<b>طلب</b> وثائق الميزانية",
            "events-TOTAL_FORMS": 1,
            "events-INITIAL_FORMS": 1,
            "events-MIN_NUM_FORMS": 0,
            "events-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    with in_member(tetouan):
        information_request = InformationRequest.objects.get()
    assert information_request.public_summary == "طلب وثائق الميزانية"
    assert information_request.requester_name == "أمينة الفاسي"  # read-only, untouched


def test_moderators_read_but_take_no_step_and_nobody_deletes(
    tetouan, in_member, staff_client, open_request
):
    moderator = staff_client(tetouan, "moderator")
    assert moderator.get(LIST).status_code == 200
    response = moderator.post(
        LIST, {"action": "start", "_selected_action": [open_request.pk], "apply": "1"}
    )
    # No such action for them: the list again, not the step's page.
    assert "admin/information_requests/transition.html" not in [
        template.name for template in response.templates
    ]
    focal_point = staff_client(tetouan, "focal_point")
    assert focal_point.get(f"{LIST}{open_request.pk}/delete/").status_code == 403
    with in_member(tetouan):
        assert InformationRequest.objects.get().state == State.RECEIVED
