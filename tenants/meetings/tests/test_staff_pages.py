"""The workspace's meeting pages: upcoming and past meetings (those missing a record flagged),
and each meeting's attendance by category and gender, minutes and photos; each in Arabic, in a
constant number of queries, and nothing of another member."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenants.meetings.models import Attendance, Meeting, MeetingPhoto, Registration
from tenants.meetings.services import (
    meeting_add_photo,
    meeting_record_attendance,
    registration_mark_present,
)
from tenants.meetings.tests.factories import PDF_BYTES, meeting_in, pdf, png, registration_for


@pytest.fixture
def editor(tetouan, staff_client):
    return staff_client(tetouan, "editor")


def _held(title: str = "ورشة الإعداد المشترك لبرنامج الانفتاح", days: float = -3) -> Meeting:
    return meeting_in(days, title_ar=title, ends_at=timezone.now() + timedelta(days=days, hours=2))


def test_the_list_flags_past_meetings_missing_attendance_or_minutes(
    tetouan, in_member, editor, media_root
):
    with in_member(tetouan):
        bare = _held("اجتماع إخباري بدون محضر")
        done = _held("ورشة مكتملة السجل", days=-10)
        meeting_record_attendance(meeting=done, counts={"civil_society": (3, 2)})
        Meeting.objects.filter(pk=done.pk).update(minutes="meetings/minutes/done.pdf")
        meeting_in(5, title_ar="دورة تكوينية مقبلة")
    response = editor.get("/staff/meetings/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "الاجتماعات الماضية" in page and "الاجتماعات المقبلة" in page
    bare_item = page[page.index("اجتماع إخباري بدون محضر") : page.index("ورشة مكتملة السجل")]
    assert "الحضور غير مسجل" in bare_item and "المحضر غير منشور" in bare_item
    assert "الحضور والمحضر منشوران" in page[page.index("ورشة مكتملة السجل") :]
    assert "دورة تكوينية مقبلة" in page
    assert f"/staff/meetings/{bare.pk}/" in page


def test_the_attendance_form_is_prefilled_from_registrations_marked_present(
    tetouan, in_member, editor
):
    with in_member(tetouan):
        meeting = meeting_in(1, title_ar="لقاء تشاوري")
        women = [registration_for(meeting, category="students") for _ in range(3)]
        men = registration_for(meeting, category="students", gender=Registration.Gender.MAN)
        registration_for(meeting, category="students", gender=Registration.Gender.NOT_SAID)
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=3))
        registration_mark_present(
            registrations=Registration.objects.filter(meeting=meeting), present=True
        )
        assert len(women) == 3 and men
    page = editor.get(f"/staff/meetings/{meeting.pk}/").content.decode()
    assert "معبأ انطلاقا من التسجيلات المؤشر عليها بالحضور" in page
    assert 'name="attendance-students_women" value="3"' in page
    assert 'name="attendance-students_men" value="1"' in page
    assert "مشارك آخر مسجل وحاضر فضّل عدم التصريح بجنسه" in page


def test_an_editor_records_attendance_and_the_public_page_shows_it(
    tetouan, in_member, editor, client_for
):
    with in_member(tetouan):
        meeting = _held()
    data = {
        f"attendance-{category}_{gender}": ""
        for category in Attendance.Category.values
        for gender in ("women", "men")
    }
    data.update(
        {
            "attendance-civil_society_women": "12",
            "attendance-civil_society_men": "9",
            "attendance-council_men": "4",
            "attendance-students_women": "0",
        }
    )
    response = editor.post(f"/staff/meetings/{meeting.pk}/attendance/", data, follow=True)
    assert response.redirect_chain == [(f"/staff/meetings/{meeting.pk}/", 302)]
    page = response.content.decode()
    assert 'role="status"' in page and "تم تسجيل الحضور ونشره في صفحة الاجتماع." in page
    assert 'name="attendance-civil_society_women" value="12"' in page
    with in_member(tetouan):
        rows = {row.category: (row.women, row.men) for row in meeting.attendance.all()}
    assert rows == {"civil_society": (12, 9), "council": (0, 4)}
    public = client_for(tetouan).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "المجتمع المدني" in public and ">25<" in public  # 12 + 9 + 4 attended


def test_a_negative_count_is_refused_in_arabic_and_nothing_is_written(tetouan, in_member, editor):
    with in_member(tetouan):
        meeting = _held()
        meeting_record_attendance(meeting=meeting, counts={"media": (1, 1)})
    response = editor.post(
        f"/staff/meetings/{meeting.pk}/attendance/",
        {"attendance-media_women": "-2", "attendance-staff_men": "5"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "هناك مشكلة" in page and "0" in page and "الإعلام: النساء" in page
    with in_member(tetouan):
        assert [(row.category, row.women, row.men) for row in meeting.attendance.all()] == [
            ("media", 1, 1)
        ]


def test_nothing_is_recorded_for_a_meeting_that_has_not_started(
    tetouan, in_member, editor, media_root
):
    with in_member(tetouan):
        meeting = meeting_in(4)
    page = editor.get(f"/staff/meetings/{meeting.pk}/").content.decode()
    assert "لم يبدأ هذا الاجتماع بعد" in page and "attendance-council_women" not in page
    response = editor.post(
        f"/staff/meetings/{meeting.pk}/attendance/", {"attendance-council_women": "3"}
    )
    assert response.status_code == 400
    assert (
        editor.post(
            f"/staff/meetings/{meeting.pk}/minutes/", {"minutes-minutes": pdf()}
        ).status_code
        == 400
    )
    with in_member(tetouan):
        assert not meeting.attendance.exists()
        meeting.refresh_from_db()
        assert not meeting.minutes


def test_an_editor_uploads_the_minutes_and_the_public_page_links_them(
    tetouan, in_member, editor, client_for, media_root
):
    with in_member(tetouan):
        meeting = _held()
    response = editor.post(
        f"/staff/meetings/{meeting.pk}/minutes/",
        {"minutes-minutes": pdf("محضر-الورشة.pdf")},
        follow=True,
    )
    assert response.redirect_chain == [(f"/staff/meetings/{meeting.pk}/", 302)]
    assert "تم نشر المحضر في صفحة الاجتماع." in response.content.decode()
    with in_member(tetouan):
        meeting.refresh_from_db()
    assert meeting.minutes.name.endswith(".pdf")
    public = client_for(tetouan).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "تحميل المحضر" in public and meeting.minutes.url in public


def test_a_file_that_is_not_a_document_is_refused_in_arabic(tetouan, in_member, editor, media_root):
    with in_member(tetouan):
        meeting = _held()
    script = SimpleUploadedFile("minutes.pdf", b"<html><script>alert(1)</script></html>")
    response = editor.post(f"/staff/meetings/{meeting.pk}/minutes/", {"minutes-minutes": script})
    assert response.status_code == 400
    assert (
        "هذا النوع من الملفات غير مقبول" in response.content.decode()
        or "لا يطابق" in response.content.decode()
    )
    response = editor.post(f"/staff/meetings/{meeting.pk}/minutes/", {})
    assert response.status_code == 400 and "يرجى اختيار ملف المحضر." in response.content.decode()
    with in_member(tetouan):
        meeting.refresh_from_db()
        assert not meeting.minutes


def test_an_editor_adds_a_photo_then_deletes_it_after_confirming(
    tetouan, in_member, editor, client_for, media_root
):
    with in_member(tetouan):
        meeting = _held()
    response = editor.post(
        f"/staff/meetings/{meeting.pk}/photos/",
        {"photo-image": png("ورشة.png"), "photo-caption": "المشاركون في الورشة"},
        follow=True,
    )
    assert "تم نشر الصورة في صفحة الاجتماع." in response.content.decode()
    with in_member(tetouan):
        photo = meeting.photos.get()
    assert photo.caption == "المشاركون في الورشة"
    public = client_for(tetouan).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "المشاركون في الورشة" in public and photo.image.url in public

    confirm = editor.get(f"/staff/meetings/{meeting.pk}/photos/{photo.pk}/delete/")
    assert confirm.status_code == 200 and "هل تريدون حذف هذه الصورة؟" in confirm.content.decode()
    response = editor.post(f"/staff/meetings/{meeting.pk}/photos/{photo.pk}/delete/", follow=True)
    assert "تم حذف الصورة من صفحة الاجتماع." in response.content.decode()
    with in_member(tetouan):
        assert not MeetingPhoto.objects.filter(pk=photo.pk).exists()


def test_a_photo_that_is_not_an_image_is_refused_in_arabic(tetouan, in_member, editor, media_root):
    with in_member(tetouan):
        meeting = _held()
    response = editor.post(
        f"/staff/meetings/{meeting.pk}/photos/",
        {"photo-image": SimpleUploadedFile("photo.png", PDF_BYTES)},
    )
    assert response.status_code == 400 and "هناك مشكلة" in response.content.decode()
    response = editor.post(f"/staff/meetings/{meeting.pk}/photos/", {"photo-caption": "بدون صورة"})
    assert response.status_code == 400 and "يرجى اختيار صورة." in response.content.decode()
    with in_member(tetouan):
        assert not meeting.photos.exists()


def test_a_moderator_may_not_open_the_meetings(tetouan, staff_client):
    moderator = staff_client(tetouan, "moderator")
    assert moderator.get("/staff/meetings/").status_code == 403


def test_tetouans_staff_cannot_open_or_act_on_tangers_meetings(
    tetouan, tanger, in_member, editor, media_root
):
    with in_member(tanger):
        meeting = _held("اجتماع في طنجة وحدها")
        photo = meeting_add_photo(meeting=meeting, image=png())
    assert editor.get(f"/staff/meetings/{meeting.pk}/").status_code == 404
    assert (
        editor.post(
            f"/staff/meetings/{meeting.pk}/attendance/", {"attendance-council_women": "3"}
        ).status_code
        == 404
    )
    assert (
        editor.post(
            f"/staff/meetings/{meeting.pk}/minutes/", {"minutes-minutes": pdf()}
        ).status_code
        == 404
    )
    assert editor.post(f"/staff/meetings/{meeting.pk}/photos/{photo.pk}/delete/").status_code == 404
    assert "اجتماع في طنجة وحدها" not in editor.get("/staff/meetings/").content.decode()
    with in_member(tanger):
        assert not meeting.attendance.exists() and meeting.photos.count() == 1


def test_a_photo_of_another_meeting_is_not_found_here(tetouan, in_member, editor, media_root):
    with in_member(tetouan):
        first, second = _held("الأول"), _held("الثاني")
        photo = meeting_add_photo(meeting=second, image=png())
    assert editor.get(f"/staff/meetings/{first.pk}/photos/{photo.pk}/delete/").status_code == 404


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_pages_make_a_constant_number_of_queries(tetouan, in_member, editor, media_root):
    editor.get("/staff/meetings/")
    list_counts, page_counts = [], []
    for volume in (1, 12):
        with in_member(tetouan):
            for number in range(volume):
                meeting = _held(f"اجتماع {volume}-{number}", days=-1 - number)
                meeting_in(2 + number, title_ar=f"مقبل {volume}-{number}")
                meeting_record_attendance(
                    meeting=meeting,
                    counts={category: (number, 1) for category in Attendance.Category.values},
                )
                for _photo in range(volume):
                    meeting_add_photo(meeting=meeting, image=png(), caption="صورة")
                registration = Registration.objects.create(
                    meeting=meeting,
                    name="فاطمة",
                    email=f"f{volume}{number}@example.ma",
                    category="students",
                    gender="woman",
                    present=True,
                )
                assert registration.pk
        list_counts.append(_queries(editor, "/staff/meetings/"))
        page_counts.append(_queries(editor, f"/staff/meetings/{meeting.pk}/"))
    assert list_counts[0] == list_counts[1] <= 20
    assert page_counts[0] == page_counts[1] <= 20


def test_the_meeting_page_reads_in_french(tetouan, in_member, editor, settings):
    with in_member(tetouan):
        meeting = _held()
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = editor.get(f"/staff/meetings/{meeting.pk}/").content.decode()
    assert "Enregistrer la participation" in page and "Publier le procès-verbal" in page
    assert "Société civile" in page or "société civile" in page.lower()
