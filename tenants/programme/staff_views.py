"""Workspace pages of the programme (member schema): the commitments, a commitment's own page
(progress, milestones, history), creating and editing commitments, and copying one from the
network's templates. Every write goes through tenants/programme/services.py, which validates
and records the public history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import commitment_templates
from tenants.programme import services
from tenants.programme.models import (
    Assessment,
    Commitment,
    Completion,
    InceptionAssessment,
    Milestone,
)
from tenants.programme.selectors import (
    commitment_list,
    commitment_template_catalogue,
    programme_current,
    progress_update_list,
)
from tenants.programme.staff_forms import (
    CommitmentForm,
    EndOfCommitmentForm,
    InceptionForm,
    MilestoneDoneForm,
    MilestoneForm,
    ProgressForm,
    TemplateCopyForm,
)
from tenants.site.staff import actor
from tenants.site.staff import run_form_service, staff_required

HISTORY_SHOWN = 10


def _commitment_or_404(pk: int) -> Commitment:
    found = Commitment.objects.select_related("programme").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _milestone_or_404(commitment: Commitment, pk: int) -> Milestone:
    found = Milestone.objects.filter(commitment=commitment, pk=pk).first()
    if found is None:
        raise Http404
    found.commitment = commitment
    return found


@staff_required("programme.change_commitment")
def commitments(request):
    programme = programme_current()
    today = timezone.localdate()
    rows = list(commitment_list(programme=programme, today=today)) if programme else []
    for row in rows:
        row.late = row.completion != Completion.COMPLETE and (
            row.has_overdue or bool(row.end_date and row.end_date < today)
        )
    return render(
        request,
        "programme/staff/commitments.html",
        {
            "programme": programme,
            "commitments": rows,
            "today": today,
            "late_count": sum(1 for row in rows if row.late),
        },
    )


def _commitment_page(request, commitment: Commitment, *, progress_form=None, status=200):
    milestones = list(commitment.milestones.all())
    today = timezone.localdate()
    for milestone in milestones:
        milestone.late = milestone.done_on is None and milestone.due_on < today
    return render(
        request,
        "programme/staff/commitment.html",
        {
            "commitment": commitment,
            "milestones": milestones,
            "today": today,
            "assessment": Assessment.objects.filter(commitment=commitment).first(),
            "progress_form": progress_form or ProgressForm(commitment=commitment),
            "history": list(
                progress_update_list(commitment=commitment)
                .select_related(None)
                .order_by("-at", "-pk")[:HISTORY_SHOWN]
            ),
            "public_url": reverse("programme:commitment", args=[commitment.pk]),
        },
        status=status,
    )


@staff_required("programme.change_commitment")
def commitment(request, pk):
    return _commitment_page(request, _commitment_or_404(pk))


@require_POST
@staff_required("programme.change_commitment")
def commitment_progress(request, pk):
    found = _commitment_or_404(pk)
    form = ProgressForm(request.POST, commitment=found)
    if (
        form.is_valid()
        and run_form_service(
            request,
            form,
            services.commitment_update_progress,
            commitment=found,
            by=actor(request),
            completion=form.cleaned_data["completion"],
            note=form.cleaned_data["note"],
            success=_("Progress saved: the public page shows the new level and the note."),
        )
        is not None
    ):
        return redirect("staff:programme:commitment", found.pk)
    found.refresh_from_db()
    return _commitment_page(request, found, progress_form=form, status=400)


def _commitment_form_page(request, form, *, commitment=None, status=200):
    return render(
        request,
        "programme/staff/commitment_form.html",
        {"form": form, "commitment": commitment},
        status=status,
    )


@staff_required("programme.add_commitment")
def commitment_new(request):
    programme = programme_current()
    if programme is None:
        messages.error(request, _("Create the openness programme first."))
        return redirect("staff:programme:commitments")
    last = programme.commitments.order_by("-number").values_list("number", flat=True).first()
    form = CommitmentForm(
        request.POST or None,
        instance=Commitment(programme=programme),
        initial={"number": (last or 0) + 1},
    )
    if request.method == "POST":
        if form.is_valid():
            created = run_form_service(
                request,
                form,
                services.commitment_save_new,
                commitment=form.instance,
                by=actor(request),
                success=_("The commitment was created. Add its milestones below."),
            )
            if created is not None:
                return redirect("staff:programme:commitment", created.pk)
        return _commitment_form_page(request, form, status=400)
    return _commitment_form_page(request, form)


@staff_required("programme.change_commitment")
def commitment_edit(request, pk):
    found = _commitment_or_404(pk)
    # The form changes its own copy: the page's heading keeps the stored title.
    form = CommitmentForm(request.POST or None, instance=_commitment_or_404(pk))
    if request.method == "POST":
        if (
            form.is_valid()
            and run_form_service(
                request,
                form,
                services.commitment_update,
                commitment=_commitment_or_404(pk),
                by=actor(request),
                success=_("The commitment was saved."),
                **form.changes(),
            )
            is not None
        ):
            return redirect("staff:programme:commitment", pk)
        return _commitment_form_page(request, form, commitment=found, status=400)
    return _commitment_form_page(request, form, commitment=found)


def _milestone_form_page(request, template, form, *, commitment, milestone=None, status=200):
    return render(
        request,
        f"programme/staff/{template}.html",
        {"form": form, "commitment": commitment, "milestone": milestone},
        status=status,
    )


@staff_required("programme.add_milestone")
def milestone_new(request, pk):
    found = _commitment_or_404(pk)
    form = MilestoneForm(request.POST or None, instance=Milestone(commitment=found))
    if request.method == "POST":
        if form.is_valid():
            created = run_form_service(
                request,
                form,
                services.milestone_save_new,
                milestone=form.instance,
                by=actor(request),
                success=_("The milestone was added."),
            )
            if created is not None:
                return redirect(_milestone_anchor(found, created))
        return _milestone_form_page(request, "milestone_form", form, commitment=found, status=400)
    return _milestone_form_page(request, "milestone_form", form, commitment=found)


def _milestone_anchor(commitment: Commitment, milestone: Milestone) -> str:
    return (
        reverse("staff:programme:commitment", args=[commitment.pk]) + f"#milestone-{milestone.pk}"
    )


@staff_required("programme.change_milestone")
def milestone_edit(request, pk, milestone_pk):
    found = _commitment_or_404(pk)
    milestone = _milestone_or_404(found, milestone_pk)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST":
        if (
            form.is_valid()
            and run_form_service(
                request,
                form,
                services.milestone_update,
                milestone=_milestone_or_404(found, milestone_pk),
                by=actor(request),
                success=_("The milestone was saved."),
                **form.changes(),
            )
            is not None
        ):
            return redirect(_milestone_anchor(found, milestone))
        return _milestone_form_page(
            request, "milestone_form", form, commitment=found, milestone=milestone, status=400
        )
    return _milestone_form_page(
        request, "milestone_form", form, commitment=found, milestone=milestone
    )


@staff_required("programme.change_milestone")
def milestone_done(request, pk, milestone_pk):
    found = _commitment_or_404(pk)
    milestone = _milestone_or_404(found, milestone_pk)
    form = MilestoneDoneForm(request.POST or None, request.FILES or None, milestone=milestone)
    if request.method == "POST":
        if (
            form.is_valid()
            and run_form_service(
                request,
                form,
                services.milestone_mark_done,
                milestone=milestone,
                by=actor(request),
                done_on=form.cleaned_data["done_on"],
                evidence_file=form.cleaned_data["evidence_file"],
                evidence_link=form.cleaned_data["evidence_link"],
                note=form.cleaned_data["note"],
                success=_("The milestone is marked done with its evidence."),
            )
            is not None
        ):
            return redirect(_milestone_anchor(found, milestone))
        milestone = _milestone_or_404(found, milestone_pk)  # as stored: nothing was written
        return _milestone_form_page(
            request, "milestone_done", form, commitment=found, milestone=milestone, status=400
        )
    return _milestone_form_page(
        request, "milestone_done", form, commitment=found, milestone=milestone
    )


def _templates_page(request, programme, *, form=None, status=200):
    templates = commitment_template_catalogue(programme=programme)
    return render(
        request,
        "programme/staff/templates.html",
        {"programme": programme, "templates": templates, "form": form or TemplateCopyForm()},
        status=status,
    )


@staff_required("programme.add_commitment")
def commitment_templates_list(request):
    """The network's commitment templates; one click copies one into the current programme
    and opens the copy's edit page to adapt it."""
    programme = programme_current()
    if request.method != "POST":
        return _templates_page(request, programme)
    form = TemplateCopyForm(request.POST)
    if programme is None:
        form.add_error(None, _("Create the openness programme first."))
    elif form.is_valid():
        template = commitment_templates.get(form.cleaned_data["template"])
        if template is None:
            form.add_error(None, _("This commitment template is not available."))
        else:
            try:
                copy = services.commitment_create_from_template(
                    programme=programme, template=template, by=actor(request)
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _(
                        "The template was copied as commitment "
                        "%(number)s: adapt it to your collectivity."
                    )
                    % {"number": copy.number},
                )
                return redirect("staff:programme:commitment-edit", copy.pk)
    return _templates_page(request, programme, form=form, status=400)


def _assessment_page(request, template: str, form, *, status=200, **context):
    return render(
        request, f"programme/staff/{template}.html", {"form": form, **context}, status=status
    )


@staff_required("programme.add_assessment")
def assessment(request, pk):
    """The monitoring committee's end-of-commitment assessment, recorded (or corrected) with
    its evidence; the public commitment page shows it."""
    found = _commitment_or_404(pk)
    recorded = Assessment.objects.filter(commitment=found).first()
    form = EndOfCommitmentForm(
        request.POST or None,
        request.FILES or None,
        instance=recorded or Assessment(commitment=found),
        initial=None if recorded else {"completion": found.completion},
    )
    if request.method == "POST":
        if (
            form.is_valid()
            and run_form_service(
                request,
                form,
                services.assessment_save,
                commitment=found,
                by=actor(request),
                success=_("The end-of-commitment assessment was saved: the public page shows it."),
                **form.changes(),
            )
            is not None
        ):
            return redirect("staff:programme:commitment", found.pk)
        return _assessment_page(
            request,
            "assessment_form",
            form,
            commitment=found,
            recorded=Assessment.objects.filter(commitment=found).first(),
            status=400,
        )
    return _assessment_page(request, "assessment_form", form, commitment=found, recorded=recorded)


@staff_required("programme.add_inceptionassessment")
def inception(request):
    """The monitoring committee's inception assessment of the current programme."""
    programme = programme_current()
    if programme is None:
        messages.error(request, _("Create the openness programme first."))
        return redirect("staff:programme:commitments")
    recorded = InceptionAssessment.objects.filter(programme=programme).first()
    form = InceptionForm(
        request.POST or None,
        request.FILES or None,
        instance=recorded or InceptionAssessment(programme=programme),
    )
    if request.method == "POST":
        if (
            form.is_valid()
            and run_form_service(
                request,
                form,
                services.inception_assessment_save,
                programme=programme,
                by=actor(request),
                success=_(
                    "The inception assessment was saved: the programme's public page shows it."
                ),
                **form.changes(),
            )
            is not None
        ):
            return redirect("staff:programme:commitments")
        return _assessment_page(
            request,
            "inception_form",
            form,
            programme=programme,
            status=400,
            recorded=InceptionAssessment.objects.filter(programme=programme).first(),
        )
    return _assessment_page(request, "inception_form", form, programme=programme, recorded=recorded)
