"""The programme's workspace pages: each opens, each form saves through the services (the
public history records it) or says what is wrong in Arabic with nothing written, in a constant
number of queries, and nothing of another member."""
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import commitment_templates
from tenants.programme.models import Commitment, Completion, Milestone, ProgressUpdate
from tenants.programme.services import milestone_create
from tenants.programme.tests.factories import (
    commitment_factory, milestone_factory, programme_factory)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
LIST = "/staff/programme/"


@pytest.fixture
def commitment(tetouan, in_member):
    with in_member(tetouan):
        programme = programme_factory()
        found = commitment_factory(programme, 1, title_ar="نشر الميزانية بصيغة مفتوحة")
        found.first_milestone = milestone_create(
            commitment=found, by="test", title_ar="نشر ميزانية 2025",
            due_on=timezone.localdate() - timedelta(days=10))
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


def test_progress_is_saved_with_its_note_into_the_public_history(commitment, editor, in_member,
                                                                 tetouan, client_for):
    response = editor.post(page_of(commitment.pk) + "progress/", {
        "completion": Completion.SUBSTANTIAL, "note": "نشرت الميزانية على الموقع."})
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


@pytest.mark.parametrize("data, error", [
    ({"completion": Completion.LIMITED, "note": ""}, "يرجى كتابة ملاحظة"),
    ({"completion": Completion.NOT_STARTED, "note": "لا جديد"}, "يرجى اختيار المستوى الجديد"),
])
def test_a_progress_without_a_note_or_a_new_level_is_refused_in_arabic(
        commitment, editor, in_member, tetouan, data, error):
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
    response = editor.post(url, {"done_on": timezone.localdate().isoformat(),
                                 "evidence_link": "https://tetouan.ma/budget-2025.pdf"})
    assert response.status_code == 302
    assert response["Location"] == f"{page_of(commitment.pk)}#milestone-{milestone.pk}"
    with in_member(tetouan):
        stored = Milestone.objects.get(pk=milestone.pk)
        assert stored.done_on == timezone.localdate()
        assert stored.evidence_link == "https://tetouan.ma/budget-2025.pdf"
        assert ProgressUpdate.objects.filter(milestone=milestone, field="done_on").exists()


def test_a_milestone_is_marked_done_with_a_file(commitment, editor, in_member, tetouan,
                                                media_root):
    milestone = commitment.first_milestone
    response = editor.post(f"{page_of(commitment.pk)}milestones/{milestone.pk}/done/", {
        "done_on": timezone.localdate().isoformat(),
        "evidence_file": SimpleUploadedFile("budget.pdf", PDF, "application/pdf")})
    assert response.status_code == 302
    with in_member(tetouan):
        assert Milestone.objects.get(pk=milestone.pk).evidence_file.name.endswith(".pdf")


def test_a_milestone_without_evidence_is_refused_and_stays_open(commitment, editor, in_member,
                                                                tetouan):
    milestone = commitment.first_milestone
    response = editor.post(f"{page_of(commitment.pk)}milestones/{milestone.pk}/done/",
                           {"done_on": timezone.localdate().isoformat()})
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
    assert editor.post(edit, {"title_ar": "إطلاق البوابة الرقمية",
                              "due_on": "2026-07-31"}).status_code == 302
    with in_member(tetouan):
        assert Milestone.objects.get(pk=added.pk).due_on == date(2026, 7, 31)
        assert ProgressUpdate.objects.filter(milestone=added, field="due_on").exists()
    refused = editor.post(url, {"title_ar": "", "due_on": ""})
    assert refused.status_code == 400 and "هذا الحقل مطلوب" in refused.content.decode()


COMMITMENT = {"number": "2", "title_ar": "بوابة المشاركة", "title_fr": "Portail de participation",
              "principles": ["citizen_participation", "digitalization"],
              "problem_ar": "ضعف المشاركة", "action_ar": "إطلاق بوابة", "solution_ar": "يشارك الجميع",
              "lead_department": "مصلحة التواصل", "partners": "", "civil_society_partners":
              "جمعية الأمل", "start_date": "2025-01-01", "end_date": "2026-12-31",
              "completion": Completion.NOT_STARTED}


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


@pytest.mark.parametrize("changes, error", [
    ({"title_ar": "", "principles": []}, "يرجى اختيار مبدأ واحد على الأقل"),
    ({"number": "1"}, "يحمل التزام آخر من البرنامج هذا الرقم"),
    ({"end_date": "2024-01-01"}, "يأتي تاريخ الانتهاء بعد تاريخ البدء"),
])
def test_a_wrong_commitment_is_refused_in_arabic_and_nothing_is_saved(
        commitment, editor, in_member, tetouan, changes, error):
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


TEMPLATE = {"id": 7, "version": 2, "title_ar": "ميزانية مفتوحة", "title_fr": "Un budget ouvert",
            "problem_ar": "الميزانية غير منشورة", "problem_fr": "", "action_ar": "نشر الميزانية",
            "action_fr": "", "solution_ar": "يتتبع المواطنون النفقات", "solution_fr": "",
            "principles": ["transparency_integrity"]}


@pytest.fixture
def network_templates(monkeypatch):
    """The network's catalogue as the member side reads it (by value)."""
    monkeypatch.setattr(commitment_templates, "_published", lambda: [TEMPLATE])
    monkeypatch.setattr(commitment_templates, "_get",
                        lambda pk: TEMPLATE if pk == TEMPLATE["id"] else None)


def test_a_template_is_copied_in_one_click_and_opens_to_be_adapted(
        commitment, editor, in_member, tetouan, network_templates):
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
            if not (Commitment.objects.filter(pk=foreign.pk).exists()
                    or Milestone.objects.filter(pk=milestone.pk).exists()):
                return foreign, milestone
    raise AssertionError("no free id")


def test_another_members_commitment_is_not_found_and_a_moderator_is_refused(
        commitment, tetouan, tanger, in_member, staff_client):
    foreign, foreign_milestone = _foreign_commitment(tanger, tetouan, in_member)
    editor = staff_client(tetouan, "editor")
    for url in (page_of(foreign.pk), page_of(foreign.pk) + "edit/",
                page_of(foreign.pk) + "milestones/new/",
                f"{page_of(commitment.pk)}milestones/{foreign_milestone.pk}/done/",
                f"{page_of(commitment.pk)}milestones/{foreign_milestone.pk}/edit/"):
        assert editor.get(url).status_code == 404, url
    assert editor.post(page_of(foreign.pk) + "progress/",
                       {"completion": "complete", "note": "x"}).status_code == 404
    assert editor.post(f"{page_of(commitment.pk)}milestones/{foreign_milestone.pk}/done/",
                       {"done_on": "2025-01-01", "evidence_link": "https://x.ma"}
                       ).status_code == 404
    moderator = staff_client(tetouan, "moderator")
    for url in (LIST, page_of(commitment.pk), "/staff/programme/commitments/new/",
                "/staff/programme/commitments/from-templates/"):
        assert moderator.get(url).status_code == 403, url
    assert moderator.post(page_of(commitment.pk) + "progress/",
                          {"completion": "complete", "note": "x"}).status_code == 403
    with in_member(tetouan):
        assert Commitment.objects.get(pk=commitment.pk).completion == Completion.NOT_STARTED
        assert Milestone.objects.filter(done_on__isnull=False).count() == 0
