"""The back office of registrations: the list by meeting, the CSV for Excel, who came, and the
attendance counted from it."""

import csv
import io

import pytest

from tenants.meetings.models import Attendance, Registration
from tenants.meetings.services import registration_cancel
from tenants.meetings.tests.factories import meeting_in, registration_for, unique_email

CHANGELIST = "/admin/meetings/registration/"


@pytest.fixture
def held(tetouan, in_member):
    """A workshop with three Arabic registrations, one of them cancelled, and another meeting's."""
    with in_member(tetouan):
        meeting = meeting_in(3, title_ar="ورشة الإعداد المشترك بتطوان")
        people = [
            registration_for(
                meeting, name=name, email=unique_email(), category=category, gender=gender
            )
            for name, category, gender in [
                ("فاطمة الزهراء العلمي", "civil_society", "woman"),
                ('=HYPERLINK("http://x")', "students", "man"),
                ("سناء الحراق", "students", "not_said"),
            ]
        ]
        registration_cancel(registration=registration_for(meeting, name="محمد أمين بنعلي"))
        registration_for(meeting_in(9), name="من اجتماع آخر")
    return meeting, people


def selected(action: str, registrations) -> dict:
    return {"action": action, "_selected_action": [r.pk for r in registrations]}


def test_the_list_by_meeting(tetouan, staff_client, held):
    meeting, _people = held
    page = staff_client(tetouan, "editor").get(CHANGELIST, {"meeting__id__exact": meeting.pk})
    assert page.status_code == 200
    text = page.content.decode()
    assert "فاطمة الزهراء العلمي" in text and "محمد أمين بنعلي" in text
    assert "من اجتماع آخر" not in text
    focal_point = staff_client(tetouan, "focal_point")
    meetings = focal_point.get("/admin/meetings/meeting/")
    assert f"?meeting__id__exact={meeting.pk}" in meetings.content.decode()
    change = focal_point.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    assert 'name="capacity"' in change and 'name="takes_registrations"' in change


def test_the_csv_opens_in_excel_with_arabic_names(tetouan, in_member, staff_client, held):
    meeting, people = held
    with in_member(tetouan):
        everyone = list(meeting.registrations.all())
    response = staff_client(tetouan, "moderator").post(CHANGELIST, selected("export_csv", everyone))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())  # the BOM Excel needs for Arabic
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 4
    names = [row[2] for row in rows[1:]]
    assert "فاطمة الزهراء العلمي" in names and "سناء الحراق" in names
    assert '\'=HYPERLINK("http://x")' in names  # a formula is never run by the spreadsheet
    fatima = rows[1 + names.index("فاطمة الزهراء العلمي")]
    assert fatima[0] == "ورشة الإعداد المشترك بتطوان" and fatima[3] == people[0].email
    assert fatima[4] == "المجتمع المدني"  # labels in the page's language


def test_the_csv_of_a_meeting_from_the_meetings_list(tetouan, staff_client, held):
    meeting, _people = held
    response = staff_client(tetouan, "editor").post(
        "/admin/meetings/meeting/",
        {"action": "export_registrations", "_selected_action": [meeting.pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 4 and "من اجتماع آخر" not in response.content.decode()


def test_who_came_feeds_the_attendance(tetouan, in_member, staff_client, held):
    meeting, people = held
    client = staff_client(tetouan, "editor")
    response = client.post(CHANGELIST, selected("mark_present", people))
    assert response.status_code == 302
    with in_member(tetouan):
        assert Registration.objects.filter(present=True).count() == 3
    client.post(
        "/admin/meetings/meeting/",
        {"action": "count_attendance_from_registrations", "_selected_action": [meeting.pk]},
    )
    with in_member(tetouan):
        rows = {row.category: (row.women, row.men) for row in Attendance.objects.all()}
    assert rows == {"civil_society": (1, 0), "students": (0, 1)}  # one student did not say


def test_moderators_cannot_mark_who_came(tetouan, in_member, staff_client, held):
    _meeting, people = held
    staff_client(tetouan, "moderator").post(CHANGELIST, selected("mark_present", people))
    with in_member(tetouan):
        assert not Registration.objects.filter(present=True).exists()


def test_staff_mark_one_registration_present_on_its_page(tetouan, in_member, staff_client, held):
    _meeting, people = held
    client = staff_client(tetouan, "editor")
    assert client.get(f"{CHANGELIST}add/").status_code == 403  # registrations come from people
    page = client.get(f"{CHANGELIST}{people[0].pk}/change/")
    assert page.status_code == 200 and 'name="present"' in page.content.decode()
    assert 'name="email"' not in page.content.decode()  # read only
    response = client.post(
        f"{CHANGELIST}{people[0].pk}/change/",
        {"present": "on", "name": "changed", "email": "x@example.ma"},
    )
    assert response.status_code == 302
    with in_member(tetouan):
        registration = Registration.objects.get(pk=people[0].pk)
    assert registration.present and registration.name == "فاطمة الزهراء العلمي"
