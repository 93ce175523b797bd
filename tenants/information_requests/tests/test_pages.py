"""The public pages: the request form (Arabic end to end, hostile input, honeypot, rate limit),
the receipt, and the register, which shows requests and answers but nobody's personal data."""

import uuid
from datetime import date

import pytest
from django.core import mail
from django.utils import translation

from tenants.information_requests.models import InformationRequest, RefusalGround, State
from tenants.information_requests.services import (
    information_request_answer,
    information_request_refuse,
    information_request_set_public_summary,
)
from tenants.information_requests.tests.factories import PERSONAL_VALUES, REQUESTER, filed
from kernel.actors import Actor

FORM = {
    **REQUESTER,
    "information_wanted": "أطلب الاطلاع على محضر دورة أكتوبر للمجلس.",
    "urgency_reason": "",
    "website": "",
}


def test_the_form_files_a_request_in_arabic_and_gives_its_receipt(
    tetouan, client_for, in_member, django_capture_on_commit_callbacks
):
    client = client_for(tetouan)
    page = client.get("/information-requests/new/")
    assert page.status_code == 200 and 'lang="ar"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/information-requests/new/", FORM)
    assert response.status_code == 302
    with in_member(tetouan):
        information_request = InformationRequest.objects.get()
    assert response["Location"] == f"/information-requests/{information_request.pk}/receipt/"
    assert information_request.information_wanted == FORM["information_wanted"]
    assert information_request.requester_name == "أمينة الفاسي"
    assert information_request.language == "ar"

    receipt = client.get(response["Location"]).content.decode()
    assert information_request.reference in receipt
    assert f'datetime="{information_request.due_on:%Y-%m-%d}"' in receipt
    assert not any(value in receipt for value in PERSONAL_VALUES)

    (email,) = mail.outbox
    assert email.to == ["amina@example.ma"]
    assert information_request.reference in email.subject
    assert "أطلب الاطلاع على محضر دورة أكتوبر للمجلس." in email.body
    assert f"http://{tetouan.domains.get(is_primary=True).domain}" in email.body


def test_a_request_in_french_gets_its_e_mails_in_french(
    tetouan, client_for, in_member, django_capture_on_commit_callbacks
):
    client = client_for(tetouan)
    client.cookies["django_language"] = "fr"
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(
                "/information-requests/new/",
                {**FORM, "information_wanted": "Le budget 2026, s'il vous plaît."},
            ).status_code
            == 302
        )
    with in_member(tetouan):
        assert InformationRequest.objects.get().language == "fr"


def test_hostile_markup_is_stripped_and_escaped(tetouan, client_for, in_member):
    client = client_for(tetouan)
    client.post(
        "/information-requests/new/",
        {
            **FORM,
            "information_wanted": '<script>alert("x")</script><b onmouseover="x()">الميزانية</b> '
            "<iframe src=//evil>",
            "requester_name": "<img src=x onerror=alert(1)>أمينة",
        },
    )
    with in_member(tetouan):
        information_request = InformationRequest.objects.get()
    assert information_request.information_wanted == "الميزانية"
    assert information_request.requester_name == "أمينة"
    with in_member(tetouan):
        information_request_set_public_summary(
            information_request=information_request,
            by=Actor(name="clerk"),
            public_summary='<script>alert("x")</script><b onmouseover="x()">ميزانية</b> 2026',
        )
    page = client.get(f"/information-requests/{information_request.pk}/").content.decode()
    assert "ميزانية 2026" in page
    assert "<script>alert" not in page and "onmouseover" not in page and "<iframe" not in page


def test_the_honeypot_stops_bots(tetouan, client_for, in_member):
    response = client_for(tetouan).post(
        "/information-requests/new/", {**FORM, "website": "http://spam.example"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["website"][0].code == "honeypot"
    with in_member(tetouan):
        assert not InformationRequest.objects.exists()


def test_the_form_says_what_is_missing(tetouan, client_for, in_member):
    response = client_for(tetouan).post(
        "/information-requests/new/",
        {**FORM, "email": "not-an-email", "is_urgent": "on", "urgency_reason": ""},
    )
    errors = response.context["form"].errors.as_data()
    assert {"email", "urgency_reason"} <= set(errors)
    with in_member(tetouan):
        assert not InformationRequest.objects.exists()


def test_filings_are_limited_per_e_mail(tetouan, client_for, in_member, rate_limited):
    email = f"{uuid.uuid4().hex}@example.ma"
    statuses = [
        client_for(tetouan)
        .post(
            "/information-requests/new/",
            {**FORM, "email": email},
            REMOTE_ADDR=f"10.1.{n}.{uuid.uuid4().int % 250}",
        )
        .status_code
        for n in range(rate_limited.per_email + 1)
    ]
    assert statuses == [302] * rate_limited.per_email + [429]
    with in_member(tetouan):
        assert InformationRequest.objects.count() == rate_limited.per_email


def test_filings_are_limited_per_address(tetouan, client_for, in_member, rate_limited):
    address = f"10.2.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    statuses = [
        client_for(tetouan)
        .post(
            "/information-requests/new/",
            {**FORM, "email": f"{uuid.uuid4().hex}@example.ma"},
            REMOTE_ADDR=address,
        )
        .status_code
        for _ in range(rate_limited.per_address + 1)
    ]
    assert statuses == [302] * rate_limited.per_address + [429]


@pytest.fixture
def register(tetouan, in_member) -> dict[str, InformationRequest]:
    with in_member(tetouan):
        answered = information_request_answer(
            information_request=filed(),
            by=Actor(name="clerk"),
            answer_text="الميزانية منشورة في المكتبة.",
            today=date(2026, 4, 2),
        )
        refused = information_request_refuse(
            information_request=filed(information_wanted="أرقام هواتف المستشارين"),
            by=Actor(name="clerk"),
            refusal_ground=RefusalGround.PRIVATE_LIFE,
            reasons="معطيات شخصية لأشخاص آخرين",
            today=date(2026, 4, 2),
        )
        summarised = information_request_set_public_summary(
            information_request=filed(information_wanted="أنا أمينة، ابنة السيد فلان، أطلب..."),
            by=Actor(name="clerk"),
            public_summary="طلب يتعلق بملف تعمير",
        )
        overdue = filed(information_wanted="كلفة تهيئة الحديقة العمومية")
    return {"answered": answered, "refused": refused, "summarised": summarised, "overdue": overdue}


def test_the_register_shows_requests_and_answers_but_no_personal_data(
    tetouan, client_for, register
):
    client = client_for(tetouan)
    page = client.get("/information-requests/").content.decode()
    for information_request in register.values():
        assert information_request.reference in page
    assert "طلب يتعلق بملف تعمير" in page and "ابنة السيد فلان" not in page
    # Only a summary staff wrote is published: a request without one shows none of its text.
    assert "كلفة تهيئة الحديقة العمومية" not in page and "أرقام هواتف المستشارين" not in page
    assert page.count("لم يكتب الملخص بعد") == 3
    assert "https://www.chafafiya.ma/" in page
    assert "50%" in page  # two of four due requests decided on time (silence counts)
    pages = [page] + [
        client.get(f"/information-requests/{r.pk}/").content.decode() for r in register.values()
    ]
    for shown in pages:
        assert not any(value in shown for value in PERSONAL_VALUES)
        assert "csrfmiddlewaretoken" not in shown


def test_a_request_page_shows_its_answer_ground_and_steps(tetouan, client_for, register):
    client = client_for(tetouan)
    answered = client.get(f"/information-requests/{register['answered'].pk}/").content.decode()
    assert "الميزانية منشورة في المكتبة." in answered
    refused = client.get(f"/information-requests/{register['refused'].pk}/").content.decode()
    assert "31.13" in refused and 'id="next-steps-title"' in refused  # how to complain
    assert "معطيات شخصية لأشخاص آخرين" in refused  # the written reasons
    with translation.override("ar"):
        assert str(RefusalGround.PRIVATE_LIFE.label) in refused
        assert "المادة 7" in refused  # the ground's source
    overdue = client.get(f"/information-requests/{register['overdue'].pk}/").content.decode()
    assert 'id="next-steps-title"' in overdue  # silence: the requester is told how to complain
    # Any answer may be complained about (art. 19): the next steps are on every decided one.
    assert 'id="next-steps-title"' in answered


def test_the_register_filters(tetouan, client_for, register):
    client = client_for(tetouan)
    refused = client.get("/information-requests/", {"state": State.REFUSED}).content.decode()
    assert register["refused"].reference in refused
    assert register["answered"].reference not in refused
    overdue = client.get("/information-requests/", {"overdue": "1"}).content.decode()
    assert register["overdue"].reference in overdue
    assert register["answered"].reference not in overdue


def test_unknown_requests_are_not_found(tetouan, client_for):
    client = client_for(tetouan)
    assert client.get("/information-requests/999999/").status_code == 404
    assert client.get("/information-requests/999999/receipt/").status_code == 404


def test_the_register_is_cached_but_the_form_is_not(tetouan, client_for, in_member, page_cache):
    client_for(tetouan).get("/information-requests/")
    with in_member(tetouan):
        # In a test nothing commits, so the content version does not move: a cached page
        # would not show this one.
        late = filed(information_wanted="طلب بعد التخزين")
    assert late.reference not in client_for(tetouan).get("/information-requests/").content.decode()
    forms = [client_for(tetouan).get("/information-requests/new/") for _ in range(2)]
    tokens = [form.context["csrf_token"] for form in forms]
    assert all(form.context is not None for form in forms)  # rendered, not from the cache
    assert tokens[0] != tokens[1]
