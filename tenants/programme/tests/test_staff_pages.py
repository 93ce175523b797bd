"""The programme's workspace pages: each opens, each form saves through the services (the
public history records it) or says what is wrong in Arabic with nothing written, in a constant
number of queries, and nothing of another member."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import commitment_templates
from tenants.programme.models import (
    Assessment,
    Commitment,
    Completion,
    InceptionAssessment,
    Milestone,
    ProgressUpdate,
)
from tenants.programme.services import milestone_create
from tenants.programme.tests.factories import (
    commitment_factory,
    milestone_factory,
    programme_factory,
)
from kernel.actors import Actor

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
LIST = "/staff/programme/"


@pytest.fixture
def commitment(tetouan, in_member):
    with in_member(tetouan):
        programme = programme_factory()
        found = commitment_factory(programme, 1, title_ar="نشر الميزانية بصيغة مفتوحة")
        found.first_milestone = milestone_create(
            commitment=found,
            by=Actor(name="test"),
            title_ar="نشر ميزانية 2025",
            due_on=timezone.localdate() - timedelta(days=10),
        )
    return found


@pytest.fixture
def editor(tetouan, staff_client):
    return staff_client(tetouan, "editor")


def page_of(pk: int) -> str:
    return f"/staff/programme/commitments/{pk}/"


def test_the_commitments_list_shows_completion_milestones_and_lateness(commitment, editor):
    page = editor.get(LIST).content.decode()
    assert "نشر الميزانية بصيغة مفتوحة" in page and page_of(commitment.pk) in page
    assert "لم يبدأ" in page  # the completion's label, never its code
    assert "0 من 1" in page  # milestones done of total
    assert "متأخر" in page  # its milestone is overdue
    assert "/staff/programme/commitments/new/" in page
    assert "/staff/programme/commitments/from-templates/" in page


def test_the_commitment_page_has_each_milestone_and_the_history(commitment, editor):
    page = editor.get(page_of(commitment.pk)).content.decode()
    assert f'id="milestone-{commitment.first_milestone.pk}"' in page
    assert "نشر ميزانية 2025" in page
    assert f"/programme/commitments/{commitment.pk}/" in page  # the public page
    assert "تسجيل الإنجاز" in page  # mark done


def test_progress_is_saved_with_its_note_into_the_public_history(
    commitment, editor, in_member, tetouan, client_for
):
    response = editor.post(
        page_of(commitment.pk) + "progress/",
        {"completion": Completion.SUBSTANTIAL, "note": "نشرت الميزانية على الموقع."},
    )
    assert response.status_code == 302 and response["Location"] == page_of(commitment.pk)
    with in_member(tetouan):
        assert Commitment.objects.get(pk=commitment.pk).completion == Completion.SUBSTANTIAL
        update = ProgressUpdate.objects.get(commitment=commitment, field="completion")
        assert update.note == "نشرت الميزانية على الموقع."
        assert "@" not in update.by  # a name or the role, never the e-mail
    confirmation = editor.get(page_of(commitment.pk)).content.decode()
    assert 'role="status"' in confirmation
    public = client_for(tetouan).get(f"/programme/commitments/{commitment.pk}/").content.decode()
    assert "جوهري" in public and "نشرت الميزانية على الموقع." in public


@pytest.mark.parametrize(
    "data, error",
    [
        ({"completion": Completion.LIMITED, "note": ""}, "يرجى كتابة ملاحظة"),
        ({"completion": Completion.NOT_STARTED, "note": "لا جديد"}, "يرجى اختيار المستوى الجديد"),
    ],
)
def test_a_progress_without_a_note_or_a_new_level_is_refused_in_arabic(
    commitment, editor, in_member, tetouan, data, error
):
    response = editor.post(page_of(commitment.pk) + "progress/", data)
    assert response.status_code == 400
    assert error in response.content.decode()
    with in_member(tetouan):
        assert Commitment.objects.get(pk=commitment.pk).completion == Completion.NOT_STARTED
        assert not ProgressUpdate.objects.filter(field="completion").exists()


def test_a_milestone_is_marked_done_with_a_link(commitment, editor, in_member, tetouan):
    milestone = commitment.first_milestone
    url = f"{page_of(commitment.pk)}milestones/{milestone.pk}/done/"
    assert editor.get(url).status_code == 200
    response = editor.post(
        url,
        {
            "done_on": timezone.localdate().isoformat(),
            "evidence_link": "https://tetouan.ma/budget-2025.pdf",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_of(commitment.pk)}#milestone-{milestone.pk}"
    with in_member(tetouan):
        stored = Milestone.objects.get(pk=milestone.pk)
        assert stored.done_on == timezone.localdate()
        assert stored.evidence_link == "https://tetouan.ma/budget-2025.pdf"
        assert ProgressUpdate.objects.filter(milestone=milestone, field="done_on").exists()


def test_a_milestone_is_marked_done_with_a_file(commitment, editor, in_member, tetouan, media_root):
    milestone = commitment.first_milestone
    response = editor.post(
        f"{page_of(commitment.pk)}milestones/{milestone.pk}/done/",
        {
            "done_on": timezone.localdate().isoformat(),
            "evidence_file": SimpleUploadedFile("budget.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    with in_member(tetouan):
        assert Milestone.objects.get(pk=milestone.pk).evidence_file.name.endswith(".pdf")


def test_a_milestone_without_evidence_is_refused_and_stays_open(
    commitment, editor, in_member, tetouan
):
    milestone = commitment.first_milestone
    response = editor.post(
        f"{page_of(commitment.pk)}milestones/{milestone.pk}/done/",
        {"done_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "ملف أو رابط" in response.content.decode()
    with in_member(tetouan):
        assert Milestone.objects.get(pk=milestone.pk).done_on is None


def test_a_milestone_is_added_and_edited(commitment, editor, in_member, tetouan):
    url = page_of(commitment.pk) + "milestones/new/"
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"title_ar": "إطلاق البوابة", "due_on": "2026-06-30"})
    assert response.status_code == 302
    with in_member(tetouan):
        added = Milestone.objects.get(title_ar="إطلاق البوابة")
        assert ProgressUpdate.objects.filter(milestone=added, field="created").exists()
    edit = f"{page_of(commitment.pk)}milestones/{added.pk}/edit/"
    assert editor.get(edit).status_code == 200
    assert (
        editor.post(edit, {"title_ar": "إطلاق البوابة الرقمية", "due_on": "2026-07-31"}).status_code
        == 302
    )
    with in_member(tetouan):
        assert Milestone.objects.get(pk=added.pk).due_on == date(2026, 7, 31)
        assert ProgressUpdate.objects.filter(milestone=added, field="due_on").exists()
    refused = editor.post(url, {"title_ar": "", "due_on": ""})
    assert refused.status_code == 400 and "هذا الحقل مطلوب" in refused.content.decode()


COMMITMENT = {
    "number": "2",
    "title_ar": "بوابة المشاركة",
    "title_fr": "Portail de participation",
    "principles": ["citizen_participation", "digitalization"],
    "problem_ar": "ضعف المشاركة",
    "action_ar": "إطلاق بوابة",
    "solution_ar": "يشارك الجميع",
    "lead_department": "مصلحة التواصل",
    "partners": "",
    "civil_society_partners": "جمعية الأمل",
    "start_date": "2025-01-01",
    "end_date": "2026-12-31",
    "completion": Completion.NOT_STARTED,
}


def test_a_commitment_is_created_on_the_ogp_template(commitment, editor, in_member, tetouan):
    new = "/staff/programme/commitments/new/"
    form = editor.get(new).content.decode()
    assert 'value="2"' in form  # the next number
    assert "المراحل" in form or "مراحل" in form  # milestones come after, said so
    response = editor.post(new, COMMITMENT)
    assert response.status_code == 302
    with in_member(tetouan):
        created = Commitment.objects.get(title_ar="بوابة المشاركة")
        assert created.principles == ["citizen_participation", "digitalization"]
        assert created.updates.filter(field="created").exists()
    assert response["Location"] == page_of(created.pk)


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"title_ar": "", "principles": []}, "يرجى اختيار مبدأ واحد على الأقل"),
        ({"number": "1"}, "يحمل التزام آخر من البرنامج هذا الرقم"),
        ({"end_date": "2024-01-01"}, "يأتي تاريخ الانتهاء بعد تاريخ البدء"),
    ],
)
def test_a_wrong_commitment_is_refused_in_arabic_and_nothing_is_saved(
    commitment, editor, in_member, tetouan, changes, error
):
    response = editor.post("/staff/programme/commitments/new/", {**COMMITMENT, **changes})
    assert response.status_code == 400
    page = response.content.decode()
    assert "هناك مشكلة" in page and error in page
    with in_member(tetouan):
        assert Commitment.objects.count() == 1


def test_a_commitment_is_edited_and_the_change_recorded(commitment, editor, in_member, tetouan):
    edit = page_of(commitment.pk) + "edit/"
    assert editor.get(edit).status_code == 200
    data = {**COMMITMENT, "number": "1", "title_ar": "نشر الميزانية بصيغة مفتوحة"}
    data.pop("completion")
    assert editor.post(edit, data).status_code == 302
    with in_member(tetouan):
        assert Commitment.objects.get(pk=commitment.pk).lead_department == "مصلحة التواصل"
        assert commitment.updates.filter(field="lead_department").exists()
    refused = editor.post(edit, {**data, "title_ar": ""})
    assert refused.status_code == 400 and "هذا الحقل مطلوب" in refused.content.decode()


TEMPLATE = {
    "id": 7,
    "version": 2,
    "title_ar": "ميزانية مفتوحة",
    "title_fr": "Un budget ouvert",
    "problem_ar": "الميزانية غير منشورة",
    "problem_fr": "",
    "action_ar": "نشر الميزانية",
    "action_fr": "",
    "solution_ar": "يتتبع المواطنون النفقات",
    "solution_fr": "",
    "principles": ["transparency_integrity"],
}


@pytest.fixture
def network_templates(monkeypatch):
    """The network's catalogue as the member side reads it (by value)."""
    monkeypatch.setattr(commitment_templates, "_published", lambda: [TEMPLATE])
    monkeypatch.setattr(
        commitment_templates, "_get", lambda pk: TEMPLATE if pk == TEMPLATE["id"] else None
    )


def test_a_template_is_copied_in_one_click_and_opens_to_be_adapted(
    commitment, editor, in_member, tetouan, network_templates
):
    url = "/staff/programme/commitments/from-templates/"
    assert "ميزانية مفتوحة" in editor.get(url).content.decode()
    response = editor.post(url, {"template": "7"})
    with in_member(tetouan):
        copy = Commitment.objects.get(source_template_id=7)
    assert (copy.number, copy.source_template_version) == (2, 2)
    assert response["Location"] == page_of(copy.pk) + "edit/"
    edit = editor.get(response["Location"]).content.decode()
    assert "تم نسخ النموذج بصفته الالتزام رقم 2" in edit
    assert "موجود في برنامجكم" in editor.get(url).content.decode()
    again = editor.post(url, {"template": "7"})
    assert again.status_code == 400 and "هذا النموذج" in again.content.decode()
    unknown = editor.post(url, {"template": "99"})
    assert unknown.status_code == 400
    with in_member(tetouan):
        assert Commitment.objects.count() == 2


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_make_a_constant_number_of_queries(commitment, editor, in_member, tetouan):
    pages = [LIST, page_of(commitment.pk)]
    for url in pages:
        editor.get(url)
    few = [_count(editor, url) for url in pages]
    with in_member(tetouan):
        for number in range(2, 14):
            other = commitment_factory(commitment.programme, number)
            milestone_factory(other, due_on=date(2025, 1, 1))
            milestone_factory(commitment, due_on=date(2025, 2, number))
    many = [_count(editor, url) for url in pages]
    assert few == many


def _foreign_commitment(tanger, tetouan, in_member):
    """A commitment and milestone of Tanger whose ids Tétouan does not use (ids repeat across
    schemas: a clash would prove nothing)."""
    with in_member(tanger):
        programme = programme_factory()
    for number in range(1, 50):
        with in_member(tanger):
            foreign = commitment_factory(programme, number, title_ar="التزام طنجة")
            milestone = milestone_factory(foreign, due_on=date(2025, 1, 1))
        with in_member(tetouan):
            if not (
                Commitment.objects.filter(pk=foreign.pk).exists()
                or Milestone.objects.filter(pk=milestone.pk).exists()
            ):
                return foreign, milestone
    raise AssertionError("no free id")


def test_another_members_commitment_is_not_found_and_a_moderator_is_refused(
    commitment, tetouan, tanger, in_member, staff_client
):
    foreign, foreign_milestone = _foreign_commitment(tanger, tetouan, in_member)
    editor = staff_client(tetouan, "editor")
    for url in (
        page_of(foreign.pk),
        page_of(foreign.pk) + "edit/",
        page_of(foreign.pk) + "milestones/new/",
        f"{page_of(commitment.pk)}milestones/{foreign_milestone.pk}/done/",
        f"{page_of(commitment.pk)}milestones/{foreign_milestone.pk}/edit/",
    ):
        assert editor.get(url).status_code == 404, url
    assert (
        editor.post(
            page_of(foreign.pk) + "progress/", {"completion": "complete", "note": "x"}
        ).status_code
        == 404
    )
    assert (
        editor.post(
            f"{page_of(commitment.pk)}milestones/{foreign_milestone.pk}/done/",
            {"done_on": "2025-01-01", "evidence_link": "https://x.ma"},
        ).status_code
        == 404
    )
    moderator = staff_client(tetouan, "moderator")
    for url in (
        LIST,
        page_of(commitment.pk),
        "/staff/programme/commitments/new/",
        "/staff/programme/commitments/from-templates/",
    ):
        assert moderator.get(url).status_code == 403, url
    assert (
        moderator.post(
            page_of(commitment.pk) + "progress/", {"completion": "complete", "note": "x"}
        ).status_code
        == 403
    )
    with in_member(tetouan):
        assert Commitment.objects.get(pk=commitment.pk).completion == Completion.NOT_STARTED
        assert Milestone.objects.filter(done_on__isnull=False).count() == 0


# --- OGP Local: the template's fields and the monitoring committee's assessments --------------


def test_the_commitment_form_saves_the_ogp_fields(commitment, editor, in_member, tetouan):
    edit = page_of(commitment.pk) + "edit/"
    page = editor.get(edit).content.decode()
    assert "أهداف التنمية المستدامة" in page and "برنامج عمل الجماعة (PAC)" in page
    response = editor.post(
        edit,
        {
            "number": 1,
            "title_ar": "نشر الميزانية بصيغة مفتوحة",
            "principles": ["transparency_integrity"],
            "start_date": "2024-01-01",
            "end_date": "2026-12-31",
            "contact_name": "كريمة العلمي",
            "contact_role": "رئيسة المصلحة المالية",
            "contact_email": "k.alami@tetouan.ma",
            "budget_amount": "150000",
            "budget_source_ar": "ميزانية الجماعة",
            "plan_links": ["pac", "pdr"],
            "sdgs": ["16", "5"],
        },
    )
    assert response.status_code == 302
    with in_member(tetouan):
        stored = Commitment.objects.get(pk=commitment.pk)
        assert (stored.sdgs, stored.plan_links, stored.contact_public) == (
            [16, 5],
            ["pac", "pdr"],
            False,
        )
        assert ProgressUpdate.objects.filter(commitment=commitment, field="sdgs").exists()


def test_another_plan_without_its_name_is_refused_in_arabic(commitment, editor, in_member, tetouan):
    response = editor.post(
        page_of(commitment.pk) + "edit/",
        {
            "number": 1,
            "title_ar": "نشر الميزانية بصيغة مفتوحة",
            "principles": ["transparency_integrity"],
            "plan_links": ["other"],
        },
    )
    assert response.status_code == 400
    assert "يرجى ذكر اسم المخطط الآخر." in response.content.decode()
    with in_member(tetouan):
        assert Commitment.objects.get(pk=commitment.pk).plan_links == []


def test_a_milestone_has_its_start_date_and_deliverable(commitment, editor, in_member, tetouan):
    response = editor.post(
        page_of(commitment.pk) + "milestones/new/",
        {
            "title_ar": "إطلاق البوابة",
            "start_on": "2026-01-01",
            "due_on": "2026-06-30",
            "deliverable_ar": "بوابة منشورة",
        },
    )
    assert response.status_code == 302
    assert "بوابة منشورة" in editor.get(page_of(commitment.pk)).content.decode()
    refused = editor.post(
        page_of(commitment.pk) + "milestones/new/",
        {"title_ar": "مرحلة معكوسة", "start_on": "2026-07-01", "due_on": "2026-06-30"},
    )
    assert refused.status_code == 400
    assert "يأتي تاريخ الاستحقاق بعد تاريخ البدء" in refused.content.decode()
    with in_member(tetouan):
        assert not Milestone.objects.filter(title_ar="مرحلة معكوسة").exists()


def test_the_end_of_commitment_assessment_is_recorded_with_a_file(
    commitment, editor, in_member, tetouan, client_for, media_root
):
    url = page_of(commitment.pk) + "assessment/"
    assert editor.get(url).status_code == 200
    response = editor.post(
        url,
        {
            "completion": "substantial",
            "opened_government": "marginal",
            "reasoning_ar": "نشرت الميزانية لكن دون بيانات قابلة لإعادة الاستعمال.",
            "assessed_on": timezone.localdate().isoformat(),
            "evidence_file": SimpleUploadedFile("pv.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302 and response["Location"] == page_of(commitment.pk)
    staff_page = editor.get(page_of(commitment.pk)).content.decode()
    assert 'role="status"' in staff_page and "هامشي" in staff_page
    with in_member(tetouan):
        assert ProgressUpdate.objects.filter(
            commitment=commitment, model="assessment", field="created"
        ).exists()
    public = client_for(tetouan).get(f"/programme/commitments/{commitment.pk}/").content.decode()
    assert "دون بيانات قابلة لإعادة الاستعمال" in public and ".pdf" in public
    # Corrected later: only the change is recorded.
    assert (
        editor.post(
            url,
            {
                "completion": "substantial",
                "opened_government": "major",
                "reasoning_ar": "نشرت الميزانية لكن دون بيانات قابلة لإعادة الاستعمال.",
                "assessed_on": timezone.localdate().isoformat(),
            },
        ).status_code
        == 302
    )
    with in_member(tetouan):
        assert list(
            ProgressUpdate.objects.filter(model="assessment")
            .exclude(field="created")
            .values_list("field", flat=True)
        ) == ["opened_government"]


def test_an_assessment_without_evidence_is_refused_in_arabic(
    commitment, editor, in_member, tetouan
):
    response = editor.post(
        page_of(commitment.pk) + "assessment/",
        {
            "completion": "complete",
            "opened_government": "major",
            "reasoning_ar": "",
            "assessed_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "يرجى تقديم الإثبات: رابط أو ملف." in page
    assert "لا يمكن أن يحمل التقييم تاريخا في المستقبل." in page
    with in_member(tetouan):
        assert not Assessment.objects.exists()


def test_the_inception_assessment_is_recorded_and_shown_on_the_programme(
    commitment, editor, in_member, tetouan, client_for
):
    assert "تسجيل التقييم الأولي" in editor.get(LIST).content.decode()
    url = "/staff/programme/inception/"
    assert editor.get(url).status_code == 200
    response = editor.post(
        url,
        {
            "findings_ar": "شارك المجتمع المدني في كل الورشات.",
            "assessed_on": timezone.localdate().isoformat(),
            "evidence_link": "https://tetouan.ma/pv-inception",
        },
    )
    assert response.status_code == 302 and response["Location"] == LIST
    with in_member(tetouan):
        assert InceptionAssessment.objects.get().findings_ar.startswith("شارك المجتمع المدني")
    public = client_for(tetouan).get("/programme/").content.decode()
    assert "شارك المجتمع المدني في كل الورشات." in public


def test_the_inbox_shows_the_assessments_owed_with_their_due_dates(tetouan, in_member, editor):
    with in_member(tetouan):
        programme = programme_factory(submitted_on=timezone.localdate() - timedelta(days=90))
        ended = commitment_factory(
            programme, 1, title_ar="التزام منته", end_date=timezone.localdate() - timedelta(days=5)
        )
    inbox = editor.get("/staff/").content.decode()
    assert 'id="inbox-assessments"' in inbox
    assert "التقييم الأولي للبرنامج" in inbox and "التزام منته" in inbox
    assert f"/staff/programme/commitments/{ended.pk}/assessment/" in inbox
    assert "متأخر" in inbox  # the inception assessment was due a month ago


# --- Milestones updated from a spreadsheet (tenants/programme/progress_import.py) -------------

IMPORT = "/staff/programme/progress-import/"


def _exported_with_changes(
    editor, commitment, *, done: str, link: str, level: str = "", note: str = ""
) -> bytes:
    response = editor.get(IMPORT + "milestones.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    line = next(row for row in rows if row[0] == str(commitment.first_milestone.pk))
    line[6], line[7], line[8], line[10] = done, level or line[7], link, note
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def _upload(client, data: bytes, name="milestones.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_the_import_pages_open_from_the_programme_for_editors_only(
    commitment, editor, staff_client, tetouan
):
    assert IMPORT in editor.get(LIST).content.decode()
    page = editor.get(IMPORT).content.decode()
    assert "تحيين المراحل من جدول بيانات" in page
    assert IMPORT + "milestones.csv" in page and IMPORT + "milestones.xlsx" in page
    workbook = editor.get(IMPORT + "milestones.xlsx")
    assert workbook.status_code == 200 and workbook.content.startswith(b"PK")
    assert staff_client(tetouan, "focal_point").get(IMPORT).status_code == 200
    moderator = staff_client(tetouan, "moderator")
    assert IMPORT not in moderator.get("/staff/").content.decode()
    for url in (IMPORT, IMPORT + "milestones.csv", IMPORT + "milestones.xlsx", IMPORT + "result/"):
        assert moderator.get(url).status_code == 403, url
    assert _upload(moderator, b"x").status_code == 403


def test_a_file_with_errors_is_shown_by_line_in_arabic_and_nothing_is_saved(
    commitment, editor, in_member, tetouan
):
    data = _exported_with_changes(
        editor, commitment, done="2025-13-01", link="https://tetouan.ma/budget", level="ممتاز"
    )
    response = _upload(editor, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and "السطر 2" in page
    assert "ليس تاريخا صحيحا" in page and "ليس من مستويات السلم" in page
    with in_member(tetouan):
        assert Milestone.objects.get(pk=commitment.first_milestone.pk).done_on is None
        assert not ProgressUpdate.objects.filter(field="done_on").exists()


def test_a_spreadsheet_is_previewed_confirmed_once_and_recorded_in_the_history(
    commitment, editor, in_member, tetouan, client_for
):
    today = timezone.localdate()
    data = _exported_with_changes(
        editor,
        commitment,
        done=today.strftime("%d/%m/%Y"),
        link="https://tetouan.ma/budget-2025",
        level="محدود",
        note="نشرت الميزانية على الموقع.",
    )
    response = _upload(editor, data)
    assert response.status_code == 302
    preview_url = response["Location"]
    page = editor.get(preview_url).content.decode()
    assert "نشر ميزانية 2025" in page and "https://tetouan.ma/budget-2025" in page
    text = re.sub(r"<[^>]+>", "", page)
    assert re.search(r"لم يبدأ\s*[←→]\s*محدود", text)  # before → after (mirrored in Arabic)
    assert re.search(r"غير منجزة\s*[←→]\s*\d+ \w+ \d{4}", text)
    with in_member(tetouan):  # the preview wrote nothing
        assert Milestone.objects.get(pk=commitment.first_milestone.pk).done_on is None
    confirmed = editor.post(preview_url)
    assert confirmed.status_code == 302 and confirmed["Location"] == IMPORT + "result/"
    result = editor.get(IMPORT + "result/").content.decode()
    assert 'role="status"' in result and "نشر الميزانية بصيغة مفتوحة" in result
    with in_member(tetouan):
        milestone = Milestone.objects.get(pk=commitment.first_milestone.pk)
        assert (milestone.done_on, milestone.evidence_link) == (
            today,
            "https://tetouan.ma/budget-2025",
        )
        assert Commitment.objects.get(pk=commitment.pk).completion == Completion.LIMITED
        recorded = ProgressUpdate.objects.count()
        assert ProgressUpdate.objects.get(field="completion").note == "نشرت الميزانية على الموقع."
    again = editor.post(preview_url)
    assert again.status_code == 302
    assert "سبق حفظ هذه التغييرات" in editor.get(again["Location"]).content.decode()
    with in_member(tetouan):
        assert ProgressUpdate.objects.count() == recorded
    public = client_for(tetouan).get(page_of(commitment.pk).replace("/staff", "")).content.decode()
    assert "نشرت الميزانية على الموقع." in public


def test_a_preview_is_confirmed_only_by_the_person_who_uploaded_it(
    commitment, editor, staff_client, in_member, tetouan
):
    from django.contrib.auth.models import User

    from tenants.site.models import StaffMembership

    data = _exported_with_changes(
        editor, commitment, done=timezone.localdate().isoformat(), link="https://tetouan.ma/budget"
    )
    preview_url = _upload(editor, data)["Location"]
    other = staff_client(tetouan, "focal_point")
    assert other.get(preview_url)["Location"] == IMPORT
    assert other.post(preview_url)["Location"] == IMPORT
    assert editor.get(IMPORT + "not-a-token/")["Location"] == IMPORT
    with in_member(tetouan):
        assert Milestone.objects.get(pk=commitment.first_milestone.pk).done_on is None
        assert User.objects.count() == StaffMembership.objects.count()


def test_a_file_that_changes_nothing_or_is_not_a_spreadsheet_is_refused_in_arabic(
    commitment, editor
):
    unchanged = editor.get(IMPORT + "milestones.csv").content
    response = _upload(editor, unchanged)
    assert response.status_code == 400 and "لا يغير الملف أي شيء" in response.content.decode()
    response = _upload(editor, b"\x89PNG\r\n\x1a\n", name="photo.xlsx")
    assert response.status_code == 400 and "تعذرت قراءة هذا المصنف" in response.content.decode()
    response = editor.post(IMPORT, {})
    assert (
        response.status_code == 400 and "يرجى اختيار الملف المراد رفعه" in response.content.decode()
    )
