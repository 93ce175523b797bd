"""Registering on the site: a form on its own uncached page, a confirmation e-mail, a cancel
page; the meeting's (cached) page shows the seats left and never who registered."""

import re

import pytest
from django.core import mail

from tenants.meetings.models import Registration
from citizens.limits import PUBLIC_WRITE_LIMITS
from tenants.meetings.services import (
    meeting_attendance_from_registrations,
    registration_mark_present,
)
from tenants.meetings.tests.factories import meeting_in, registration_for, unique_email

NAME = "فاطمة الزهراء العلمي"
LIMIT = PUBLIC_WRITE_LIMITS["meetings:registration"]


def form(**fields) -> dict:
    return {
        "name": NAME,
        "email": unique_email(),
        "category": "civil_society",
        "gender": "woman",
        "website": "",
        **fields,
    }


def text(response) -> str:
    return response.content.decode()


def seats_left(response) -> int | None:
    found = re.search(r'data-seats-left="(\d+)"', text(response))
    return int(found[1]) if found else None


def cancel_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/meetings/registration/\S+/cancel/)", message.body)[1]


@pytest.fixture
def upcoming(tetouan, in_member):
    with in_member(tetouan):
        return meeting_in(
            5, capacity=3, title_ar="لقاء تواصلي حول الميزانية", title_fr="Réunion sur le budget"
        )


def registrations(member, in_member) -> list[Registration]:
    with in_member(member):
        return list(Registration.objects.all())


def test_arabic_end_to_end_register_confirm_and_cancel(
    tetouan, in_member, visitor, upcoming, django_capture_on_commit_callbacks
):
    browser = visitor(tetouan)
    detail = browser.get(f"/meetings/{upcoming.pk}/")
    assert seats_left(detail) == 3
    assert f'href="/meetings/{upcoming.pk}/register/"' in text(detail)
    assert "csrfmiddlewaretoken" not in text(detail)  # the cached page carries no form

    page = browser.get(f"/meetings/{upcoming.pk}/register/")
    assert page.status_code == 200 and "csrfmiddlewaretoken" in text(page)
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert 'lang="ar" dir="rtl"' in text(page) and "لقاء تواصلي حول الميزانية" in text(page)

    email = unique_email()
    with django_capture_on_commit_callbacks(execute=True):
        sent = browser.post(
            f"/meetings/{upcoming.pk}/register/",
            form(name=f"  {NAME} ", email=email, category="students"),
        )
    assert sent.status_code == 302
    assert sent["Location"] == f"/meetings/{upcoming.pk}/register/done/"
    assert browser.get(sent["Location"]).status_code == 200
    [registration] = registrations(tetouan, in_member)
    assert (
        registration.name,
        registration.email,
        registration.category,
        registration.gender,
        registration.language,
    ) == (NAME, email, "students", "woman", "ar")
    [message] = mail.outbox
    assert message.to == [email] and NAME in message.body

    # The cancel link: a page to confirm (no one's name on it), then cancelled, harmless twice.
    link = cancel_path(message)
    confirm = browser.get(link)
    assert confirm.status_code == 200 and "csrfmiddlewaretoken" in text(confirm)
    assert NAME not in text(confirm) and email not in text(confirm)
    assert confirm["Referrer-Policy"] == "no-referrer"
    for _ in range(2):
        done = browser.post(link)
        assert done.status_code == 200 and "csrfmiddlewaretoken" not in text(done)
    assert registrations(tetouan, in_member)[0].is_cancelled
    assert seats_left(browser.get(f"/meetings/{upcoming.pk}/")) == 3  # the seat is free again


def test_the_meetings_page_shows_the_seats_left_even_when_cached(
    tetouan,
    in_member,
    visitor,
    upcoming,
    django_capture_on_commit_callbacks,
    commits_in,
    page_cache,
):
    browser = visitor(tetouan)
    with in_member(tetouan), django_capture_on_commit_callbacks(execute=True):
        registration_for(upcoming)
    assert seats_left(browser.get(f"/meetings/{upcoming.pk}/")) == 2  # cached now
    with commits_in(tetouan):
        browser.post(f"/meetings/{upcoming.pk}/register/", form())
        browser.post(f"/meetings/{upcoming.pk}/register/", form())
    full = text(browser.get(f"/meetings/{upcoming.pk}/"))
    assert f"/meetings/{upcoming.pk}/register/" not in full
    assert "alert-warning" in full  # full: said plainly, no link to a form


def test_a_full_meeting_says_so_and_takes_no_one(tetouan, in_member, visitor, upcoming):
    with in_member(tetouan):
        for _ in range(3):
            registration_for(upcoming)
    browser = visitor(tetouan)
    page = browser.get(f"/meetings/{upcoming.pk}/register/")
    assert (
        page.status_code == 200
        and 'method="post"' not in text(page)
        and "alert-warning" in text(page)
    )
    refused = browser.post(f"/meetings/{upcoming.pk}/register/", form())
    assert refused.status_code == 200 and len(registrations(tetouan, in_member)) == 3


def test_the_last_seat_taken_meanwhile_is_said_on_the_form(
    tetouan, in_member, visitor, upcoming, monkeypatch
):
    from tenants.meetings import views
    from tenants.meetings.selectors import Seats

    browser = visitor(tetouan)
    # The page read the seats before someone else took the last one.
    monkeypatch.setattr(views, "meeting_seats", lambda meeting: Seats(True, 3, 2))
    with in_member(tetouan):
        for _ in range(3):
            registration_for(upcoming)
    refused = browser.post(f"/meetings/{upcoming.pk}/register/", form())
    assert refused.status_code == 200 and 'role="alert"' in text(refused)
    assert len(registrations(tetouan, in_member)) == 3


def test_a_past_meeting_takes_no_registration(tetouan, in_member, visitor):
    with in_member(tetouan):
        past = meeting_in(-2, capacity=10)
    browser = visitor(tetouan)
    assert f"/meetings/{past.pk}/register/" not in text(browser.get(f"/meetings/{past.pk}/"))
    assert 'method="post"' not in text(browser.get(f"/meetings/{past.pk}/register/"))
    assert browser.post(f"/meetings/{past.pk}/register/", form()).status_code == 200
    assert registrations(tetouan, in_member) == []


def test_a_second_registration_of_an_address_is_refused(
    tetouan, in_member, visitor, upcoming, django_capture_on_commit_callbacks
):
    email = unique_email()
    with django_capture_on_commit_callbacks(execute=True):
        visitor(tetouan).post(f"/meetings/{upcoming.pk}/register/", form(email=email))
        again = visitor(tetouan).post(
            f"/meetings/{upcoming.pk}/register/", form(email=email.upper(), name="Someone else")
        )
    assert again.status_code == 200 and 'role="alert"' in text(again)
    assert again.context["form"].non_field_errors().as_data()[0].code == "already_registered"
    assert len(registrations(tetouan, in_member)) == 1 and len(mail.outbox) == 1


def test_hostile_html_is_stripped(tetouan, in_member, visitor, upcoming):
    visitor(tetouan).post(
        f"/meetings/{upcoming.pk}/register/",
        form(name='<script>alert("x")</script><b>سناء</b> الحراق'),
    )
    assert registrations(tetouan, in_member)[0].name == "سناء الحراق"


def test_the_honeypot_turns_robots_away(tetouan, in_member, visitor, upcoming):
    page = text(visitor(tetouan).get(f"/meetings/{upcoming.pk}/register/"))
    assert 'name="website"' in page and 'aria-hidden="true"' in page
    refused = visitor(tetouan).post(
        f"/meetings/{upcoming.pk}/register/", form(website="http://spam.example")
    )
    assert refused.status_code == 200
    assert refused.context["form"].errors.as_data()["website"][0].code == "honeypot"
    assert registrations(tetouan, in_member) == []


def test_too_many_registrations_from_one_address(tetouan, in_member, visitor):
    with in_member(tetouan):
        meeting = meeting_in(5)
    browser = visitor(tetouan)
    for _ in range(LIMIT.per_address):
        assert browser.post(f"/meetings/{meeting.pk}/register/", form()).status_code == 302
    assert browser.post(f"/meetings/{meeting.pk}/register/", form()).status_code == 429
    assert visitor(tetouan).post(f"/meetings/{meeting.pk}/register/", form()).status_code == 302
    assert len(registrations(tetouan, in_member)) == LIMIT.per_address + 1


def test_too_many_attempts_with_one_email_address(tetouan, in_member, visitor):
    with in_member(tetouan):
        meetings = [meeting_in(5 + days) for days in range(LIMIT.per_email + 1)]
    email = unique_email()
    answers = [
        visitor(tetouan).post(f"/meetings/{meeting.pk}/register/", form(email=email)).status_code
        for meeting in meetings
    ]
    assert answers == [302] * LIMIT.per_email + [429]


def test_no_personal_data_on_public_pages(tetouan, in_member, visitor, upcoming):
    email = unique_email("khadija")
    with in_member(tetouan):
        registration_for(upcoming, name="خديجة الإدريسي", email=email)
    browser = visitor(tetouan)
    for path in (
        "/",
        "/meetings/",
        f"/meetings/{upcoming.pk}/",
        f"/meetings/{upcoming.pk}/register/",
        f"/meetings/{upcoming.pk}/register/done/",
    ):
        page = text(browser.get(path))
        assert "خديجة الإدريسي" not in page and email not in page, path


def test_a_damaged_cancel_link_is_refused(tetouan, visitor):
    response = visitor(tetouan).get("/meetings/registration/MQ:1tforged:abc/cancel/")
    assert response.status_code == 404 and 'method="post"' not in text(response)
    forged = "/meetings/registration/MQ:1tforged:abc/cancel/"
    assert visitor(tetouan).post(forged).status_code == 404


def test_registration_pages_of_an_unknown_meeting_are_404(tetouan, visitor):
    browser = visitor(tetouan)
    assert browser.get("/meetings/987654/register/").status_code == 404
    assert browser.post("/meetings/987654/register/", form()).status_code == 404
    assert browser.get("/meetings/987654/register/done/").status_code == 404


def test_the_form_in_french(
    tetouan, in_member, visitor, upcoming, django_capture_on_commit_callbacks
):
    browser = visitor(tetouan)
    browser.cookies["django_language"] = "fr"
    assert 'lang="fr" dir="ltr"' in text(browser.get(f"/meetings/{upcoming.pk}/register/"))
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(f"/meetings/{upcoming.pk}/register/", form(name="Nadia Benali"))
    assert registrations(tetouan, in_member)[0].language == "fr"
    assert "Réunion sur le budget" in mail.outbox[0].subject


def test_attendance_counted_from_registrations_shows_with_a_note_for_gender_not_said(
    tetouan, in_member, visitor
):
    with in_member(tetouan):
        meeting = meeting_in(2)
        for gender in ("woman", "woman", "man", "not_said"):
            registration_for(meeting, category="students", gender=gender, name="سناء الحراق")
        registration_mark_present(registrations=meeting.registrations.all(), present=True)
        meeting_attendance_from_registrations(meeting=meeting)
    page = text(visitor(tetouan).get(f"/meetings/{meeting.pk}/"))
    assert ">2<" in page and ">1<" in page and ">3<" in page  # women, men, all counted
    assert 'data-gender-not-said="1"' in page
    assert "سناء الحراق" not in page
    data = visitor(tetouan).get(f"/api/meetings/{meeting.pk}/").json()
    assert data["attendance_totals"] == {"women": 2, "men": 1, "total": 3}
    assert data["attendance_gender_not_said"] == 1
