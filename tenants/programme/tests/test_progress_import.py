"""Milestones updated from a spreadsheet: the export, the reading of CSV and .xlsx files (a
byte-order mark, both date forms, Arabic text), every error by line, a preview that writes
nothing, a confirmation that saves through the services (the public history), once, and never
anything of another member."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tenants.programme.models import Commitment, Completion, Milestone, ProgressUpdate
from tenants.programme.progress_import import (
    Preview,
    milestones_csv,
    milestones_xlsx,
    progress_import_apply,
    progress_preview,
    sheet_read,
)
from tenants.programme.services import milestone_create
from tenants.programme.tests.factories import (
    commitment_factory,
    milestone_factory,
    programme_factory,
)
from kernel.actors import Actor

TODAY = date(2025, 6, 15)


@pytest.fixture
def arabic():
    with translation.override("ar"):
        yield


@pytest.fixture
def programme(tetouan, in_member, arabic):
    with in_member(tetouan):
        programme = programme_factory()
        first = commitment_factory(programme, 1, title_ar="نشر الميزانية بصيغة مفتوحة")
        second = commitment_factory(programme, 2, title_ar="=نشر محاضر الدورات")
        programme.budget = milestone_create(
            commitment=first,
            by=Actor(name="test"),
            title_ar="نشر ميزانية 2025",
            start_on=date(2025, 1, 1),
            due_on=date(2025, 3, 31),
            deliverable_ar="الميزانية بصيغة CSV",
        )
        programme.minutes = milestone_create(
            commitment=second,
            by=Actor(name="test"),
            title_ar="نشر محاضر 2024",
            due_on=date(2025, 5, 31),
        )
        programme.first, programme.second = first, second
        yield programme


def exported_rows(programme) -> list[list[str]]:
    data = milestones_csv(programme=programme)
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def csv_bytes(rows, *, delimiter=",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def line_of(rows, milestone) -> list[str]:
    return next(row for row in rows[1:] if row[0] == str(milestone.pk))


DONE, COMPLETION, LINK, NOTE = 6, 7, 8, 10  # the export's columns


def preview_of(programme, rows, **kwargs) -> Preview:
    return progress_preview(
        programme=programme, rows=sheet_read(data=csv_bytes(rows, **kwargs)), today=TODAY
    )


# --- The export -------------------------------------------------------------------------------


def test_the_csv_export_has_a_line_a_milestone_in_arabic_with_formulas_disarmed(programme):
    rows = exported_rows(programme)
    assert rows[0][:3] == ["معرف المرحلة", "رقم الالتزام", "عنوان الالتزام"]
    budget = line_of(rows, programme.budget)
    assert budget[1:6] == [
        "1",
        "نشر الميزانية بصيغة مفتوحة",
        "نشر ميزانية 2025",
        "2025-01-01",
        "2025-03-31",
    ]
    assert budget[COMPLETION] == "لم يبدأ" and budget[9] == "الميزانية بصيغة CSV"
    assert line_of(rows, programme.minutes)[2] == "'=نشر محاضر الدورات"
    assert len(rows) == 3


def test_the_xlsx_export_keeps_dates_as_dates_and_text_as_text(programme):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(milestones_xlsx(programme=programme))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    budget = next(row for row in rows if row[0] == programme.budget.pk)
    assert budget[4].date() == date(2025, 1, 1) and budget[5].date() == date(2025, 3, 31)
    minutes = next(row for row in rows if row[0] == programme.minutes.pk)
    assert minutes[2] == "=نشر محاضر الدورات"  # a text cell, never computed
    assert sheet.sheet_view.rightToLeft


# --- Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, delimiter", [("2025-04-02", ","), ("02/04/2025", ";"), ("٠٢/٠٤/٢٠٢٥", "\t")]
)
def test_both_date_forms_are_read_whatever_the_separator(programme, written, delimiter):
    rows = exported_rows(programme)
    line = line_of(rows, programme.budget)
    line[DONE], line[LINK] = written, "https://tetouan.ma/ميزانية-2025"
    preview = preview_of(programme, rows, delimiter=delimiter)
    assert preview.errors == []
    [change] = preview.milestones
    assert (change.milestone_id, change.done_before, change.done_after, change.link_after) == (
        programme.budget.pk,
        None,
        date(2025, 4, 2),
        "https://tetouan.ma/ميزانية-2025",
    )
    assert change.milestone_title == "نشر ميزانية 2025"


def test_a_completion_is_read_in_arabic_in_french_or_as_its_code(programme):
    rows = exported_rows(programme)
    line_of(rows, programme.budget)[COMPLETION] = "  جوهري "
    line_of(rows, programme.budget)[NOTE] = "نشرت الميزانية"
    line_of(rows, programme.minutes)[COMPLETION] = "Limité"
    line_of(rows, programme.minutes)[NOTE] = "-بدأ العمل"
    preview = preview_of(programme, rows)
    assert preview.errors == []
    assert [(c.commitment_number, c.before, c.after, c.note) for c in preview.completions] == [
        (1, "not_started", "substantial", "نشرت الميزانية"),
        (2, "not_started", "limited", "-بدأ العمل"),
    ]


def test_an_xlsx_file_is_read_with_its_dates(programme):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(milestones_xlsx(programme=programme)))
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == programme.budget.pk:
            row[DONE].value = date(2025, 4, 2)
            row[LINK].value = "tetouan.ma/budget"  # the scheme is assumed
        if row[0].value == programme.minutes.pk:
            row[DONE].value = "31/05/2025"
            row[LINK].value = "https://tetouan.ma/minutes"
    out = io.BytesIO()
    workbook.save(out)
    preview = progress_preview(
        programme=programme, rows=sheet_read(data=out.getvalue(), name="m.xlsx"), today=TODAY
    )
    assert preview.errors == []
    assert {(c.milestone_id, c.done_after, c.link_after) for c in preview.milestones} == {
        (programme.budget.pk, date(2025, 4, 2), "https://tetouan.ma/budget"),
        (programme.minutes.pk, date(2025, 5, 31), "https://tetouan.ma/minutes"),
    }


@pytest.mark.parametrize(
    "data, name, error",
    [
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "old.xls", "xlsx"),
        (b"PK\x03\x04not a zip", "m.xlsx", "xlsx"),
        ("معرف المرحلة".encode("cp1256"), "m.csv", "UTF-8"),
        (b"", "m.csv", "فارغ"),
        (b"a,b\n1,2\n", "m.csv", "معرف المرحلة"),
        ("معرف المرحلة,عنوان المرحلة\n1,x\n".encode(), "m.csv", "الأعمدة التي تُستورد"),
    ],
)
def test_a_file_that_is_not_the_export_is_refused_as_a_whole(programme, data, name, error):
    with pytest.raises(ValidationError) as refused:
        progress_preview(programme=programme, rows=sheet_read(data=data, name=name), today=TODAY)
    assert error in " ".join(refused.value.messages)


# --- Errors, by line --------------------------------------------------------------------------


def _with(rows, milestone, **cells):
    line = line_of(rows, milestone)
    for column, value in cells.items():
        line[
            {"done": DONE, "completion": COMPLETION, "link": LINK, "note": NOTE, "id": 0}[column]
        ] = value
    return rows


@pytest.mark.parametrize(
    "cells, error",
    [
        ({"id": "999999"}, "لا توجد مرحلة في هذا البرنامج معرفها «999999»"),
        ({"id": "أ12"}, "لا توجد مرحلة في هذا البرنامج معرفها «أ12»"),
        ({"id": ""}, "معرف المرحلة غير موجود"),
        ({"done": "2025/31/03", "link": "https://x.ma"}, "ليس تاريخا"),
        ({"done": "31/02/2025", "link": "https://x.ma"}, "ليس تاريخا"),
        ({"done": "2025-06-16", "link": "https://x.ma"}, "في المستقبل"),
        ({"done": "31/12/2024", "link": "https://x.ma"}, "قبل تاريخ بدء المرحلة (01/01/2025)"),
        ({"done": "2025-04-02", "link": ""}, "إثباتها"),
        ({"done": "2025-04-02", "link": "not a link"}, "ليس عنوانا صالحا"),
        ({"completion": "نصف منجز"}, "ليس من مستويات السلم"),
        ({"completion": "مكتمل"}, "ملاحظة"),
    ],
)
def test_every_error_is_given_by_line_in_arabic(programme, cells, error):
    rows = _with(exported_rows(programme), programme.budget, **cells)
    preview = preview_of(programme, rows)
    line = 1 + next(index for index, row in enumerate(rows[1:], start=1) if row[1] == "1")
    assert [e.line for e in preview.errors] == [line], preview.errors
    assert error in preview.errors[0].message
    assert not preview.milestones and not preview.completions


def test_a_repeated_milestone_and_two_levels_for_one_commitment_are_errors(programme):
    second = milestone_create(
        commitment=programme.first,
        by=Actor(name="test"),
        title_ar="مرحلة ثانية",
        due_on=date(2025, 9, 1),
    )
    rows = exported_rows(programme)
    line_of(rows, programme.budget)[COMPLETION] = "مكتمل"
    line_of(rows, programme.budget)[NOTE] = "تم"
    line_of(rows, second)[COMPLETION] = "محدود"
    rows.append(list(line_of(rows, programme.minutes)))
    preview = preview_of(programme, rows)
    messages = {e.line: e.message for e in preview.errors}
    assert len(rows) in messages and "وردت المرحلة" in messages[len(rows)]
    conflict = 1 + rows.index(line_of(rows, second))
    assert "مستوى إنجاز آخر في السطر" in messages[conflict]


def test_a_done_milestone_is_not_reopened_by_an_empty_cell(programme):
    Milestone.objects.filter(pk=programme.budget.pk).update(
        done_on=date(2025, 3, 1), evidence_link="https://x.ma"
    )
    rows = _with(exported_rows(programme), programme.budget, done="")
    [error] = preview_of(programme, rows).errors
    assert "01/03/2025" in error.message


def test_an_id_of_another_members_milestone_is_an_error_and_never_a_write(
    programme, tetouan, tanger, in_member
):
    with in_member(tanger):
        foreign = commitment_factory(programme_factory(), 1, title_ar="التزام طنجة")
        for _attempt in range(50):
            foreign_milestone = milestone_factory(foreign, due_on=date(2025, 1, 1))
            with in_member(tetouan):
                if not Milestone.objects.filter(pk=foreign_milestone.pk).exists():
                    break
    with in_member(tetouan):
        rows = exported_rows(programme)
        rows.append(
            [
                str(foreign_milestone.pk),
                "1",
                "",
                "",
                "",
                "",
                "2025-04-02",
                "مكتمل",
                "https://x.ma",
                "",
                "تم",
            ]
        )
        preview = preview_of(programme, rows)
        assert [e.line for e in preview.errors] == [len(rows)]
        assert str(foreign_milestone.pk) in preview.errors[0].message
        with pytest.raises(ValidationError):
            progress_import_apply(programme=programme, preview=preview, by=Actor(name="x"))
    with in_member(tanger):
        assert Milestone.objects.get(pk=foreign_milestone.pk).done_on is None
        assert not ProgressUpdate.objects.filter(field="done_on").exists()


# --- Preview, then confirmation ---------------------------------------------------------------


def _full_change(programme):
    rows = exported_rows(programme)
    _with(
        rows,
        programme.budget,
        done="02/04/2025",
        link="https://tetouan.ma/budget-2025",
        completion="جوهري",
        note="نشرت ميزانية 2025",
    )
    _with(rows, programme.minutes, link="https://tetouan.ma/minutes")
    return rows


def test_the_preview_shows_each_change_and_writes_nothing(programme):
    before = ProgressUpdate.objects.count()
    preview = preview_of(programme, _full_change(programme))
    assert preview.errors == [] and len(preview.milestones) == 2 and len(preview.completions) == 1
    assert ProgressUpdate.objects.count() == before
    assert Milestone.objects.get(pk=programme.budget.pk).done_on is None
    assert Commitment.objects.get(pk=programme.first.pk).completion == Completion.NOT_STARTED
    # What the session keeps comes back whole.
    assert Preview.from_data(preview.as_data()) == preview


def test_confirming_saves_through_the_services_into_the_public_history(programme):
    preview = Preview.from_data(preview_of(programme, _full_change(programme)).as_data())
    result = progress_import_apply(
        programme=programme, preview=preview, by=Actor(name="أمينة العلوي")
    )
    assert (result.milestones, result.commitments) == (2, 1)
    budget = Milestone.objects.get(pk=programme.budget.pk)
    assert (budget.done_on, budget.evidence_link) == (
        date(2025, 4, 2),
        "https://tetouan.ma/budget-2025",
    )
    assert Commitment.objects.get(pk=programme.first.pk).completion == Completion.SUBSTANTIAL
    history = {
        (u.milestone_id, u.field): u
        for u in ProgressUpdate.objects.filter(field__in=["done_on", "evidence_link", "completion"])
    }
    assert set(history) == {
        (programme.budget.pk, "done_on"),
        (programme.budget.pk, "evidence_link"),
        (programme.minutes.pk, "evidence_link"),
        (None, "completion"),
    }
    level = history[(None, "completion")]
    assert (level.before, level.after, level.note, level.by) == (
        "not_started",
        "substantial",
        "نشرت ميزانية 2025",
        "أمينة العلوي",
    )
    assert history[(programme.budget.pk, "done_on")].after == "2025-04-02"
    assert result.updates == 4


def test_a_second_confirmation_of_the_same_preview_saves_nothing_twice(programme):
    preview = preview_of(programme, _full_change(programme))
    progress_import_apply(programme=programme, preview=preview, by=Actor(name="x"))
    count = ProgressUpdate.objects.count()
    with pytest.raises(ValidationError) as refused:
        progress_import_apply(programme=programme, preview=preview, by=Actor(name="x"))
    assert "لم يُحفظ أي شيء" in " ".join(refused.value.messages)
    assert ProgressUpdate.objects.count() == count


def test_a_preview_overtaken_by_a_manual_edit_saves_nothing(programme):
    preview = preview_of(programme, _full_change(programme))
    Milestone.objects.filter(pk=programme.minutes.pk).update(evidence_link="https://other.ma")
    count = ProgressUpdate.objects.count()
    with pytest.raises(ValidationError):
        progress_import_apply(programme=programme, preview=preview, by=Actor(name="x"))
    assert ProgressUpdate.objects.count() == count
    assert Milestone.objects.get(pk=programme.budget.pk).done_on is None


def test_a_done_date_is_corrected_and_today_is_accepted(programme):
    today = timezone.localdate()
    Milestone.objects.filter(pk=programme.budget.pk).update(
        done_on=date(2025, 3, 1), evidence_link="https://x.ma"
    )
    rows = _with(exported_rows(programme), programme.budget, done=today.isoformat())
    preview = progress_preview(programme=programme, rows=sheet_read(data=csv_bytes(rows)))
    assert preview.errors == []
    progress_import_apply(programme=programme, preview=preview, by=Actor(name="x"))
    assert Milestone.objects.get(pk=programme.budget.pk).done_on == today
    update = ProgressUpdate.objects.get(milestone=programme.budget, field="done_on")
    assert (update.before, update.after) == ("2025-03-01", today.isoformat())
