"""Workspace pages to update many milestones at once from a spreadsheet (member schema): the
export (CSV, .xlsx), the upload, the preview and its confirmation, the result. For the roles
that change milestones (the focal point and the editors, tenants/site/roles.py).

The preview lives in the session (in the member's schema) for an hour; the address of its page
carries a signed token naming it and the member of staff who uploaded it, so it is confirmed by
that person only, once. The writes are tenants/programme/progress_import.py's, which goes through
the programme's services."""

import secrets
import time

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from kernel.signed_links import LinkRefused, link_make, link_read
from tenants.programme.models import Commitment
from tenants.programme.progress_import import (
    COLUMNS,
    MAX_UPLOAD_BYTES,
    ImportResult,
    Preview,
    milestones_csv,
    milestones_xlsx,
    progress_import_apply,
    progress_preview,
    sheet_read,
)
from tenants.programme.selectors import programme_current
from tenants.site.staff import actor
from tenants.site.staff import StaffForm, staff_required

PREVIEW_KEY = "programme.progress_import"
RESULT_KEY = "programme.progress_import_result"
PREVIEW_PURPOSE = "programme-progress-import"
# Its salt before previews were signed per member: read while a preview made then may live.
FORMER_SALT = "programme.progress-import"
PREVIEW_MAX_AGE = 60 * 60
PERMISSION = "programme.change_milestone"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ProgressImportForm(StaffForm):
    file = forms.FileField(
        label=gettext_lazy("The spreadsheet (CSV or .xlsx)"),
        help_text=gettext_lazy(
            "The export of the milestones, with your changes. Dates as 2025-03-31 or 31/03/2025."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
        error_messages={"required": gettext_lazy("Choose the file to upload.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is larger than 2 MB: upload the export of "
                    "the milestones, with your changes."
                )
            )
        self.rows = sheet_read(data=upload.read(), name=upload.name)
        return upload


def _programme_or_404():
    programme = programme_current()
    if programme is None:
        raise Http404
    return programme


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _filename(programme, extension: str) -> str:
    return f"milestones-{programme.period_start}-{programme.period_end}.{extension}"


@staff_required(PERMISSION)
def export_csv(request):
    programme = _programme_or_404()
    return _download(
        milestones_csv(programme=programme), "text/csv; charset=utf-8", _filename(programme, "csv")
    )


@staff_required(PERMISSION)
def export_xlsx(request):
    programme = _programme_or_404()
    return _download(milestones_xlsx(programme=programme), XLSX, _filename(programme, "xlsx"))


def _upload_page(request, form, *, programme, preview=None, status=200):
    return render(
        request,
        "programme/staff/import_upload.html",
        {
            "form": form,
            "programme": programme,
            "preview": preview,
            "imported_columns": [column.label for column in COLUMNS if column.imported],
        },
        status=status,
    )


def _preview_keep(request, preview: Preview) -> str:
    """Keep the preview in the session; the signed token for its page's address."""
    token = secrets.token_urlsafe(16)
    request.session[PREVIEW_KEY] = {
        "token": token,
        "user": request.user.pk,
        "at": int(time.time()),
        "preview": preview.as_data(),
    }
    return link_make(PREVIEW_PURPOSE, {"token": token, "user": request.user.pk})


def _claim(signed: str) -> dict | None:
    try:
        return link_read(
            PREVIEW_PURPOSE, signed, max_age=PREVIEW_MAX_AGE, kind=dict, former_salt=FORMER_SALT
        )
    except LinkRefused:
        return None


def _preview_kept(request, signed: str) -> Preview | None:
    """The preview the signed token names, if it is this person's, unexpired and not saved."""
    claim = _claim(signed)
    kept = request.session.get(PREVIEW_KEY)
    if (
        not claim
        or not kept
        or claim.get("user") != request.user.pk
        or kept["user"] != request.user.pk
        or not secrets.compare_digest(str(claim.get("token")), kept["token"])
        or time.time() - kept["at"] > PREVIEW_MAX_AGE
    ):
        return None
    return Preview.from_data(kept["preview"])


def _token_of(signed: str) -> str | None:
    return (_claim(signed) or {}).get("token")


@staff_required(PERMISSION)
def upload(request):
    programme = programme_current()
    if programme is None:
        messages.error(request, _("Create the openness programme first."))
        return redirect("staff:programme:commitments")
    if request.method != "POST":
        return _upload_page(request, ProgressImportForm(), programme=programme)
    form = ProgressImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            preview = progress_preview(programme=programme, rows=form.rows)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            if preview.errors:
                return _upload_page(request, form, programme=programme, preview=preview, status=400)
            if preview.has_changes:
                return redirect(
                    "staff:programme:progress-import-preview", _preview_keep(request, preview)
                )
            form.add_error(
                "file",
                _(
                    "The file changes nothing: every milestone already has "
                    "these done dates, links and levels."
                ),
            )
    return _upload_page(request, form, programme=programme, status=400)


@staff_required(PERMISSION)
def preview(request, signed):
    programme = programme_current()
    kept = _preview_kept(request, signed)
    if kept is None or programme is None or kept.programme_id != programme.pk:
        saved = request.session.get(RESULT_KEY, {})
        if request.method == "POST" and saved.get("token") == _token_of(signed):
            messages.success(
                request, _("These changes were saved already: nothing was saved twice.")
            )
            return redirect("staff:programme:progress-import-result")
        messages.error(
            request,
            _(
                "This preview is no longer available (it expired, or was "
                "saved already): nothing was saved. Upload the file again."
            ),
        )
        return redirect("staff:programme:progress-import")
    if request.method == "POST":
        try:
            result = progress_import_apply(programme=programme, preview=kept, by=actor(request))
        except ValidationError as error:
            request.session.pop(PREVIEW_KEY, None)
            messages.error(request, " ".join(error.messages))
            return redirect("staff:programme:progress-import")
        request.session.pop(PREVIEW_KEY, None)
        request.session[RESULT_KEY] = {"token": _token_of(signed), **result.__dict__}
        messages.success(request, _saved_message(result))
        return redirect("staff:programme:progress-import-result")
    return render(
        request,
        "programme/staff/import_preview.html",
        {"programme": programme, "preview": kept, "signed": signed},
    )


def _saved_message(result: ImportResult) -> str:
    milestones = ngettext(
        "%(count)s milestone was updated", "%(count)s milestones were updated", result.milestones
    ) % {"count": result.milestones}
    levels = ngettext(
        "%(count)s completion level was changed",
        "%(count)s completion levels were changed",
        result.commitments,
    ) % {"count": result.commitments}
    return _(
        "%(milestones)s and %(levels)s: the public history of each commitment shows every change."
    ) % {"milestones": milestones, "levels": levels}


@staff_required(PERMISSION)
def result(request):
    saved = request.session.get(RESULT_KEY)
    if not saved:
        return redirect("staff:programme:progress-import")
    commitments = list(
        Commitment.objects.filter(pk__in=saved["commitment_ids"])
        .prefetch_related("milestones")
        .order_by("number")
    )
    return render(
        request, "programme/staff/import_result.html", {"saved": saved, "commitments": commitments}
    )
