"""The registrations API: anyone registers (rate-limited, no personal data in the answer),
staff read the registrations by role, the public detail tells the seats left."""

import json

import pytest
from django.core import mail

from tenants.meetings.models import Registration
from citizens.limits import PUBLIC_WRITE_LIMITS
from tenants.meetings.tests.factories import meeting_in, registration_for, unique_email

NAME = "يوسف التمسماني"


def body(**fields) -> dict:
    return {
        "name": NAME,
        "email": unique_email(),
        "category": "students",
        "gender": "man",
        **fields,
    }


@pytest.fixture
def upcoming(tetouan, in_member):
    with in_member(tetouan):
        return meeting_in(6, capacity=2, title_ar="جلسة استشارة عمومية")


def register(client, meeting, **fields):
    return client.post(
        f"/api/meetings/{meeting.pk}/register/", body(**fields), content_type="application/json"
    )


def test_anyone_registers_in_arabic_and_gets_a_message_only(
    tetouan, in_member, visitor, upcoming, django_capture_on_commit_callbacks
):
    email = unique_email()
    with django_capture_on_commit_callbacks(execute=True):
        response = register(
            visitor(tetouan),
            upcoming,
            email=email,
            name="<i>يوسف</i> التمسماني<script>x()</script>",
        )
    assert response.status_code == 201
    assert set(response.json()) == {"detail"}
    assert NAME not in response.content.decode() and email not in response.content.decode()
    with in_member(tetouan):
        registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.gender) == (NAME, email, "man")
    assert mail.outbox[0].to == [email] and "/cancel/" in mail.outbox[0].body


def test_the_language_of_the_confirmation_can_be_chosen(tetouan, in_member, visitor, upcoming):
    assert register(visitor(tetouan), upcoming, language="fr").status_code == 201
    with in_member(tetouan):
        assert Registration.objects.get().language == "fr"


def test_the_public_detail_tells_the_seats_left_and_no_one_s_name(
    tetouan, in_member, visitor, upcoming
):
    email = unique_email()
    register(visitor(tetouan), upcoming, email=email)
    response = visitor(tetouan).get(f"/api/meetings/{upcoming.pk}/")
    data = response.json()
    assert (data["capacity"], data["seats_left"], data["registration_open"]) == (2, 1, True)
    listed = visitor(tetouan).get("/api/meetings/").content.decode()
    for public in (response.content.decode(), listed):
        assert NAME not in public and email not in public
        assert "registrations" not in json.loads(public)


def test_a_full_or_past_meeting_refuses_with_400(tetouan, in_member, visitor, upcoming):
    for _ in range(2):
        assert register(visitor(tetouan), upcoming).status_code == 201
    full = register(visitor(tetouan), upcoming)
    assert full.status_code == 400
    data = visitor(tetouan).get(f"/api/meetings/{upcoming.pk}/").json()
    assert (data["seats_left"], data["registration_open"]) == (0, False)
    with in_member(tetouan):
        past = meeting_in(-1)
    assert register(visitor(tetouan), past).status_code == 400
    assert visitor(tetouan).get(f"/api/meetings/{past.pk}/").json()["registration_open"] is False
    with in_member(tetouan):
        assert Registration.objects.count() == 2


def test_a_second_registration_of_an_address_is_refused(tetouan, in_member, visitor, upcoming):
    email = unique_email()
    assert register(visitor(tetouan), upcoming, email=email).status_code == 201
    assert register(visitor(tetouan), upcoming, email=email.upper()).status_code == 400
    with in_member(tetouan):
        assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"website": "http://spam.example"},
        {"email": "nope"},
        {"category": "tourists"},
        {"gender": "other"},
        {"name": ""},
    ],
)
def test_robots_and_wrong_input_are_refused(tetouan, in_member, visitor, upcoming, fields):
    assert register(visitor(tetouan), upcoming, **fields).status_code == 400
    with in_member(tetouan):
        assert not Registration.objects.exists()


def test_an_unknown_meeting_is_404(tetouan, visitor):
    assert (
        visitor(tetouan)
        .post("/api/meetings/987654/register/", body(), content_type="application/json")
        .status_code
        == 404
    )


def test_registrations_are_rate_limited(tetouan, in_member, visitor):
    limit = PUBLIC_WRITE_LIMITS["meetings:registration"]
    with in_member(tetouan):
        meetings = [meeting_in(3 + days) for days in range(limit.per_email + 1)]
    email = unique_email()
    answers = [register(visitor(tetouan), meeting, email=email).status_code for meeting in meetings]
    assert answers == [201] * limit.per_email + [429]
    one_address = visitor(tetouan)
    answers = [register(one_address, meetings[0]).status_code for _ in range(limit.per_address + 1)]
    assert answers[-1] == 429 and set(answers[:-1]) == {201}


@pytest.mark.parametrize("role", ["focal_point", "editor", "moderator"])
def test_staff_read_the_registrations_with_personal_data(
    tetouan, in_member, staff_client, upcoming, role
):
    email = unique_email()
    with in_member(tetouan):
        registration_for(upcoming, name=NAME, email=email, category="media")
        registration_for(meeting_in(9))  # another meeting's
    response = staff_client(tetouan, role).get(f"/api/meetings/{upcoming.pk}/registrations/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (
        row["name"],
        row["email"],
        row["category"],
        row["gender"],
        row["present"],
        row["cancelled_at"],
        row["reminded_at"],
    ) == (NAME, email, "media", "woman", False, None, None)


def test_anonymous_visitors_cannot_read_the_registrations(tetouan, in_member, visitor, upcoming):
    with in_member(tetouan):
        registration_for(upcoming)
    response = visitor(tetouan).get(f"/api/meetings/{upcoming.pk}/registrations/")
    assert response.status_code in (401, 403)
    assert "@" not in response.content.decode()


def test_staff_set_the_capacity(tetouan, staff_client, upcoming):
    client = staff_client(tetouan, "editor")
    changed = client.patch(
        f"/api/meetings/{upcoming.pk}/", {"capacity": 40}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["seats_left"] == 40
    assert (
        client.patch(
            f"/api/meetings/{upcoming.pk}/", {"capacity": 0}, content_type="application/json"
        ).status_code
        == 400
    )
    unlimited = client.patch(
        f"/api/meetings/{upcoming.pk}/", {"capacity": None}, content_type="application/json"
    )
    assert unlimited.json()["seats_left"] is None


def test_the_schema_describes_the_registrations_api(tetouan, client_for):
    paths = client_for(tetouan).get("/api/schema/", {"format": "json"}).json()["paths"]
    assert set(paths["/api/meetings/{id}/register/"]) == {"post"}
    assert set(paths["/api/meetings/{id}/registrations/"]) == {"get"}
