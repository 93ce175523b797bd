"""Many milestones updated at once from a spreadsheet (member schema), after Decidim's
accountability import.

The staff export the current programme's milestones (CSV or .xlsx), change the done dates, the
evidence links and the commitments' completion levels, and upload the file back. The preview
reads the file, shows each change (before → after) and each error by line, and writes nothing;
confirming saves through the programme's services (tenants/programme/services.py), so the public
history records each change exactly as a manual edit does, all in one transaction. The preview
keeps the values it was computed from: a preview saved once (or overtaken by another edit) no
longer matches them and saves nothing.
"""

import csv
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cache

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _, gettext_lazy

from kernel.actors import Actor
from tenants.programme import services
from tenants.programme.models import Commitment, Completion, Milestone, Programme

# What one upload may hold: a programme has tens of milestones, a network template a few
# hundred; the limits keep a wrong file (or a zip bomb dressed as a workbook) from costing much.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
MAX_LINES = 5000

# A cell starting with one of these is a formula to a spreadsheet (as in the surveys' export).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Arabic-Indic and Eastern Arabic-Indic digits, as a phone keyboard may type them.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    imported: bool = False


COLUMNS = (
    Column("milestone", gettext_lazy("Milestone id")),
    Column("commitment_number", gettext_lazy("Commitment number")),
    Column("commitment_title", gettext_lazy("Commitment title")),
    Column("milestone_title", gettext_lazy("Milestone title")),
    Column("start_on", gettext_lazy("Start date")),
    Column("due_on", gettext_lazy("Due date")),
    Column("done_on", gettext_lazy("Done date"), imported=True),
    Column("completion", gettext_lazy("Completion of the commitment"), imported=True),
    Column("evidence_link", gettext_lazy("Evidence link"), imported=True),
    Column("deliverable", gettext_lazy("Deliverable")),
    Column("note", gettext_lazy("Progress note"), imported=True),
)
IMPORTED = {column.key for column in COLUMNS if column.imported}


# --- The export ---------------------------------------------------------------------------------


def milestones_for_export(*, programme: Programme):
    return (
        Milestone.objects.filter(commitment__programme=programme)
        .select_related("commitment")
        .order_by("commitment__number", "due_on", "pk")
    )


def _export_rows(programme: Programme):
    """The header, then a row a milestone: the values as typed Python values (dates stay dates,
    for the workbook), in the page's language."""
    yield [str(column.label) for column in COLUMNS]
    for milestone in milestones_for_export(programme=programme):
        commitment = milestone.commitment
        yield [
            milestone.pk,
            commitment.number,
            str(commitment.title),
            str(milestone.title),
            milestone.start_on,
            milestone.due_on,
            milestone.done_on,
            str(commitment.get_completion_display()),
            milestone.evidence_link,
            str(milestone.deliverable),
            "",
        ]


def _safe_text(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def milestones_csv(*, programme: Programme) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the Arabic right; dates as 2025-03-31."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _export_rows(programme):
        writer.writerow(
            [value.isoformat() if isinstance(value, date) else _safe_text(value) for value in row]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def milestones_xlsx(*, programme: Programme) -> bytes:
    """One sheet, right to left in Arabic, dates as dates; text cells are never formulas."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Milestones")[:31])
    sheet.sheet_view.rightToLeft = translation.get_language() == "ar"
    for index, width in enumerate((10, 10, 40, 40, 12, 12, 12, 18, 40, 40, 40)):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for number, row in enumerate(_export_rows(programme)):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # "=…" stays text
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            if number == 0:
                cell.font = Font(bold=True)
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- Reading an uploaded file ---------------------------------------------------------------------


def sheet_read(*, data: bytes, name: str = "") -> list[list]:
    """The file's lines as lists of cells (text, numbers, dates or None), whether CSV (UTF-8, a
    comma, a semicolon or a tab between cells) or an .xlsx workbook (its first sheet)."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _(
                "The file is larger than 2 MB: upload the export of the "
                "milestones, with your changes."
            )
        )
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data)
    if data.startswith(b"\xd0\xcf\x11\xe0") or name.lower().endswith((".xlsx", ".xls")):
        raise ValidationError(
            _(
                "This workbook cannot be read: save it as .xlsx (Excel "
                "2007 or later) or as “CSV UTF-8”, and upload it again."
            )
        )
    return _csv_rows(data)


def _csv_rows(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "The file is not in UTF-8: in your spreadsheet, save it as "
                "“CSV UTF-8” and upload it again."
            )
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) > MAX_LINES + 1:
                raise ValidationError(
                    _("The file has more than %(count)s lines.") % {"count": MAX_LINES}
                )
        return rows
    except csv.Error:
        raise ValidationError(
            _(
                "The file cannot be read as CSV: upload the export of the "
                "milestones, with your changes."
            )
        ) from None


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = ValidationError(
        _(
            "This workbook cannot be read: save it as .xlsx (Excel "
            "2007 or later) or as “CSV UTF-8”, and upload it again."
        )
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise unreadable
        # openpyxl parses with defusedxml when it is installed (it is a dependency): no XML bomb.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise unreadable from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_LINES + 1:
                raise ValidationError(
                    _("The file has more than %(count)s lines.") % {"count": MAX_LINES}
                )
        return rows
    except (KeyError, ValueError, IndexError, OSError):
        raise unreadable from None
    finally:
        workbook.close()


def _text(value) -> str:
    """A cell as clean text; the quote our export puts before a formula-like text is dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u00a0", " ").strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text


def _normalized(text: str) -> str:
    return " ".join(_text(text).lstrip("\ufeff").casefold().split())


@cache
def _header_names() -> dict[str, str]:
    """Each column's name in every language of the site (and English), and its key."""
    names = {}
    for language in [code for code, _name in settings.LANGUAGES] + ["en"]:
        with translation.override(language):
            for column in COLUMNS:
                names[_normalized(str(column.label))] = column.key
    names.update({column.key: column.key for column in COLUMNS})
    return names


@cache
def _completion_codes() -> dict[str, str]:
    """Each completion level as written in any language of the site, or as its code."""
    codes = {}
    for language in [code for code, _name in settings.LANGUAGES] + ["en"]:
        with translation.override(language):
            for code, label in Completion.choices:
                codes[_normalized(str(label))] = code
    codes.update({_normalized(code): code for code in Completion.values})
    return codes


def _as_int(value) -> int | None:
    text = _text(value).translate(DIGITS)
    return int(text) if text.isdigit() else None


def _as_date(value) -> date | None:
    """A cell's date: a workbook's date, or text as 2025-03-31 or 31/03/2025. Empty: None;
    anything else: ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value).translate(DIGITS)
    if not text:
        return None
    text = re.sub(r"[ T]00:00(:00)?$", "", text)  # a date a spreadsheet wrote with its time
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


# --- The preview --------------------------------------------------------------------------------


@dataclass
class LineError:
    line: int
    message: str


@dataclass
class MilestoneChange:
    """A milestone's new done date and evidence link, with the stored values they replace."""

    line: int
    milestone_id: int
    commitment_id: int
    commitment_number: int
    milestone_title: str
    done_before: date | None
    done_after: date | None
    link_before: str
    link_after: str
    note: str

    @property
    def done_changed(self) -> bool:
        return self.done_before != self.done_after

    @property
    def link_changed(self) -> bool:
        return self.link_before != self.link_after


@dataclass
class CompletionChange:
    line: int
    commitment_id: int
    commitment_number: int
    commitment_title: str
    before: str
    after: str
    note: str

    @property
    def before_label(self) -> str:
        return str(Completion(self.before).label)

    @property
    def after_label(self) -> str:
        return str(Completion(self.after).label)


@dataclass
class Preview:
    programme_id: int
    lines: int
    milestones: list[MilestoneChange] = field(default_factory=list)
    completions: list[CompletionChange] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.milestones or self.completions)

    def as_data(self) -> dict:
        """Plain values (dates as text), to keep in the session."""
        data = asdict(self)
        for change in data["milestones"]:
            for key in ("done_before", "done_after"):
                change[key] = change[key].isoformat() if change[key] else None
        return data

    @classmethod
    def from_data(cls, data: dict) -> "Preview":
        def milestone(change):
            return MilestoneChange(
                **{
                    **change,
                    **{
                        key: date.fromisoformat(change[key]) if change[key] else None
                        for key in ("done_before", "done_after")
                    },
                }
            )

        return cls(
            programme_id=data["programme_id"],
            lines=data["lines"],
            milestones=[milestone(change) for change in data["milestones"]],
            completions=[CompletionChange(**change) for change in data["completions"]],
            errors=[LineError(**error) for error in data["errors"]],
        )


_URL = forms.URLField(
    max_length=Milestone._meta.get_field("evidence_link").max_length, assume_scheme="https"
)


def progress_preview(
    *, programme: Programme, rows: list[list], today: date | None = None
) -> Preview:
    """What the file would change in `programme`, and every error by line; writes nothing.

    A file-wide problem (no header, no milestone id column) is a ValidationError. A line's id
    that is not a milestone of this programme (another programme's, or another member's,
    which this schema does not hold) is an error of that line, never a write."""
    today = today or timezone.localdate()
    if not rows:
        raise ValidationError(
            _("The file is empty: upload the export of the milestones, with your changes.")
        )
    names = _header_names()
    columns = {}
    for index, cell in enumerate(rows[0]):
        key = names.get(_normalized(cell))
        if key and key not in columns:
            columns[key] = index
    if "milestone" not in columns:
        raise ValidationError(
            _(
                "The first line must hold the names of the columns, as in the "
                "export, with the column “%(column)s”."
            )
            % {"column": COLUMNS[0].label}
        )
    if not IMPORTED & set(columns):
        raise ValidationError(
            _(
                "The file has none of the columns that are imported: done "
                "date, completion, evidence link."
            )
        )

    lines = [
        (number, row)
        for number, row in enumerate(rows[1:], start=2)
        if any(_text(cell) for cell in row)
    ]
    ids = {
        _as_int(row[columns["milestone"]])
        for _number, row in lines
        if columns["milestone"] < len(row)
    }
    known = {
        milestone.pk: milestone
        for milestone in Milestone.objects.filter(
            commitment__programme=programme, pk__in=ids - {None}
        ).select_related("commitment")
    }

    preview = Preview(programme_id=programme.pk, lines=len(lines))
    first_line_of: dict[int, int] = {}
    levels: dict[int, list[tuple[int, str, str]]] = defaultdict(list)

    for number, row in lines:

        def cell(key):
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else None

        def error(message):
            preview.errors.append(LineError(number, message))

        raw_id = _text(cell("milestone"))
        milestone_id = _as_int(raw_id)
        if not raw_id:
            error(_("The milestone id is missing."))
            continue
        milestone = known.get(milestone_id)
        if milestone is None:
            error(_("No milestone of this programme has the id “%(id)s”.") % {"id": raw_id})
            continue
        if milestone_id in first_line_of:
            error(
                _("Milestone %(id)s is already on line %(line)s.")
                % {"id": milestone_id, "line": first_line_of[milestone_id]}
            )
            continue
        first_line_of[milestone_id] = number
        errors_before = len(preview.errors)
        note = _text(cell("note"))

        done_on = milestone.done_on
        if "done_on" in columns:
            raw = cell("done_on")
            try:
                done_on = _as_date(raw)
            except ValueError:
                done_on = milestone.done_on
                error(
                    _(
                        "The done date “%(value)s” is not a date: write it as 2025-03-31 or "
                        "31/03/2025."
                    )
                    % {"value": _text(raw)}
                )
            else:
                if done_on is None and milestone.done_on:
                    error(
                        _(
                            "This milestone was done on %(date)s: a done milestone is not "
                            "reopened from a spreadsheet; keep its done date."
                        )
                        % {"date": _day(milestone.done_on)}
                    )
                elif done_on and done_on > today:
                    error(
                        _(
                            "The done date %(date)s is in the future: a milestone cannot be "
                            "done in the future."
                        )
                        % {"date": _day(done_on)}
                    )
                elif done_on and milestone.start_on and done_on < milestone.start_on:
                    error(
                        _(
                            "The done date %(date)s comes before the milestone's start date "
                            "(%(start)s)."
                        )
                        % {"date": _day(done_on), "start": _day(milestone.start_on)}
                    )

        link = milestone.evidence_link
        if "evidence_link" in columns:
            raw = _text(cell("evidence_link"))
            try:
                link = raw if raw == milestone.evidence_link else _URL.clean(raw) if raw else ""
            except ValidationError:
                error(
                    _(
                        "The evidence link “%(value)s” is not a valid web address (it starts "
                        "with https://)."
                    )
                    % {"value": raw}
                )

        if "completion" in columns:
            raw = _text(cell("completion"))
            code = _completion_codes().get(_normalized(raw)) if raw else None
            if raw and code is None:
                error(
                    _("The completion “%(value)s” is not a level of the scale: %(levels)s.")
                    % {"value": raw, "levels": "، ".join(str(label) for label in Completion.labels)}
                )
            elif code:
                levels[milestone.commitment_id].append((number, code, note))

        if len(preview.errors) > errors_before:
            continue
        if done_on and not (link or milestone.evidence_file):
            error(_("A milestone is marked done with its evidence: give an evidence link."))
            continue
        if done_on != milestone.done_on or link != milestone.evidence_link:
            preview.milestones.append(
                MilestoneChange(
                    line=number,
                    milestone_id=milestone.pk,
                    commitment_id=milestone.commitment_id,
                    commitment_number=milestone.commitment.number,
                    milestone_title=str(milestone.title),
                    done_before=milestone.done_on,
                    done_after=done_on,
                    link_before=milestone.evidence_link,
                    link_after=link,
                    note=note,
                )
            )

    commitments = {milestone.commitment_id: milestone.commitment for milestone in known.values()}
    for commitment_id, entries in levels.items():
        commitment = commitments[commitment_id]
        new = [
            (number, code, note) for number, code, note in entries if code != commitment.completion
        ]
        if not new:
            continue
        first_number, level, _note = new[0]
        conflict = next((number for number, code, _note in new if code != level), None)
        if conflict is not None:
            preview.errors.append(
                LineError(
                    conflict,
                    _(
                        "Commitment %(number)s already gets another completion level on line "
                        "%(line)s: give it one level."
                    )
                    % {"number": commitment.number, "line": first_number},
                )
            )
            continue
        note = next((note for _number, _code, note in new if note), "")
        if not note:
            preview.errors.append(
                LineError(
                    first_number,
                    _(
                        "Write a progress note for the new completion level of commitment %(number)s: "
                        "the public reads it in the commitment's history."
                    )
                    % {"number": commitment.number},
                )
            )
            continue
        preview.completions.append(
            CompletionChange(
                line=first_number,
                commitment_id=commitment.pk,
                commitment_number=commitment.number,
                commitment_title=str(commitment.title),
                before=commitment.completion,
                after=level,
                note=note,
            )
        )

    preview.errors.sort(key=lambda item: item.line)
    preview.completions.sort(key=lambda item: item.line)
    return preview


# --- Saving a preview ---------------------------------------------------------------------------


@dataclass
class ImportResult:
    milestones: int
    commitments: int
    updates: int
    commitment_ids: list[int]


@transaction.atomic
def progress_import_apply(*, programme: Programme, preview: Preview, by: Actor) -> ImportResult:
    """Save a preview without errors through the programme's services, in one transaction.

    The rows are locked and compared with the values the preview was computed from: if any
    changed since (another edit, or this very preview saved already), nothing is saved."""
    if preview.errors or preview.programme_id != programme.pk:
        raise ValidationError(_("The file still has errors: nothing was saved."))
    milestones = {
        milestone.pk: milestone
        for milestone in Milestone.objects.select_for_update(of=("self",))
        .filter(
            commitment__programme=programme,
            pk__in=[change.milestone_id for change in preview.milestones],
        )
        .select_related("commitment__programme")
    }
    commitments = {
        commitment.pk: commitment
        for commitment in Commitment.objects.select_for_update(of=("self",))
        .filter(
            programme=programme, pk__in=[change.commitment_id for change in preview.completions]
        )
        .select_related("programme")
    }
    outdated = any(
        change.milestone_id not in milestones
        or milestones[change.milestone_id].done_on != change.done_before
        or milestones[change.milestone_id].evidence_link != change.link_before
        for change in preview.milestones
    ) or any(
        change.commitment_id not in commitments
        or commitments[change.commitment_id].completion != change.before
        for change in preview.completions
    )
    if outdated:
        raise ValidationError(
            _(
                "The milestones changed since this preview (or it was saved "
                "already): nothing was saved. Upload the file again to see "
                "what it would change now."
            )
        )

    updates = 0
    for change in preview.milestones:
        milestone = milestones[change.milestone_id]
        if change.done_after and not change.done_before:
            # Marked done, as on the milestone's page (the service checks the evidence).
            updates += len(
                services.milestone_mark_done(
                    milestone=milestone,
                    by=by,
                    done_on=change.done_after,
                    evidence_link=change.link_after,
                    note=change.note,
                )
            )
            if change.link_changed and not change.link_after:
                updates += len(
                    services.milestone_update(
                        milestone=milestone, by=by, note=change.note, evidence_link=""
                    )
                )
        else:
            fields = {}
            if change.done_changed:
                fields["done_on"] = change.done_after
            if change.link_changed:
                fields["evidence_link"] = change.link_after
            updates += len(
                services.milestone_update(milestone=milestone, by=by, note=change.note, **fields)
            )
    for change in preview.completions:
        updates += len(
            services.commitment_update_progress(
                commitment=commitments[change.commitment_id],
                by=by,
                completion=change.after,
                note=change.note,
            )
        )
    touched = {change.commitment_id for change in preview.milestones} | {
        change.commitment_id for change in preview.completions
    }
    return ImportResult(
        milestones=len(preview.milestones),
        commitments=len(preview.completions),
        updates=updates,
        commitment_ids=sorted(touched),
    )
