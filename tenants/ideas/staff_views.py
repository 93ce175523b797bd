"""The workspace's idea pages (member schema): the ideas awaiting an answer first, and each
idea's page where it is answered (retained, merged, not retained, under study), hidden or
published again, and its comments moderated, all through the services (the idea's path stays
complete)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants.ideas import services
from tenants.ideas.models import Idea, IdeaComment, Status
from tenants.ideas.selectors import idea_staff_get, idea_staff_queue
from tenants.ideas.staff_forms import AnswerForm, IdeaFilterForm, ReasonForm
from tenants.site.staff import actor
from tenants.site.roles import Role, user_role
from tenants.site.staff import run_form_service, staff_required

PERM = "ideas.change_idea"
MODERATE = "ideas.moderate_idea"
PER_PAGE = 20


@staff_required(PERM)
def idea_list(request):
    form = IdeaFilterForm(request.GET or None)
    state = form.cleaned_data.get("state") if form.is_valid() else None
    page = Paginator(idea_staff_queue(state=state or None), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "ideas/staff/list.html",
        {"form": form, "page": page, "ideas": page.object_list, "query": query.urlencode()},
    )


def _existing(pk: int) -> Idea:
    idea = idea_staff_get(pk=pk)
    if idea is None:  # not this member's, or no such idea: the same answer
        raise Http404
    return idea


def _page(
    request,
    idea: Idea,
    *,
    answer_form=None,
    hide_form=None,
    restore_form=None,
    comment_forms=None,
    status: int = 200,
):
    """The idea's page; a form given bound (with its errors) replaces the blank one."""
    comment_forms = comment_forms or {}
    comments = [
        (comment, comment_forms.get(comment.pk) or ReasonForm(prefix=f"c{comment.pk}"))
        for comment in idea.all_comments
    ]
    return render(
        request,
        "ideas/staff/detail.html",
        {
            "idea": idea,
            "show_email": user_role(request.user) == Role.FOCAL_POINT,
            "can_moderate": request.user.has_perm(MODERATE),
            "can_answer": idea.status != Status.PENDING,
            "answer_form": answer_form or AnswerForm(idea=idea),
            "hide_form": hide_form or ReasonForm(prefix="hide"),
            "restore_form": restore_form or ReasonForm(prefix="restore"),
            "comments": comments,
        },
        status=status,
    )


@staff_required(PERM)
def idea_detail(request, pk: int):
    return _page(request, _existing(pk))


@require_POST
@staff_required(PERM)
def idea_answer(request, pk: int):
    idea = _existing(pk)
    form = AnswerForm(request.POST, idea=idea)
    if not form.is_valid():
        return _page(request, idea, answer_form=form, status=400)
    data = form.cleaned_data
    if (
        run_form_service(
            request,
            form,
            services.idea_answer,
            success=_("The official answer is published on the idea's page."),
            idea=idea,
            answer=data["answer"],
            by=actor(request),
            commitment=data["commitment"],
            merged_into=data["merged_into"],
            reasons_ar=data["reasons_ar"],
            reasons_fr=data["reasons_fr"],
        )
        is None
    ):
        return _page(request, idea, answer_form=form, status=400)
    return redirect("staff:ideas:detail", pk=idea.pk)


def _moderated(request, pk: int, *, hide: bool):
    idea = _existing(pk)
    prefix = "hide" if hide else "restore"
    form = ReasonForm(request.POST, prefix=prefix)
    form.is_valid()
    service = services.idea_hide if hide else services.idea_restore
    success = (
        _("The idea is hidden from the public pages. The reason is kept in its path.")
        if hide
        else _("The idea is published again.")
    )
    if (
        run_form_service(
            request,
            form,
            service,
            success=success,
            idea=idea,
            by=actor(request),
            reason=form.cleaned_data.get("reason", ""),
        )
        is None
    ):
        return _page(request, idea, status=400, **{f"{prefix}_form": form})
    return redirect("staff:ideas:detail", pk=idea.pk)


@require_POST
@staff_required(MODERATE)
def idea_hide(request, pk: int):
    return _moderated(request, pk, hide=True)


@require_POST
@staff_required(MODERATE)
def idea_restore(request, pk: int):
    return _moderated(request, pk, hide=False)


def _comment_moderated(request, pk: int, *, hide: bool):
    comment = IdeaComment.objects.filter(pk=pk).only("pk", "idea_id").first()
    if comment is None:
        raise Http404
    idea = _existing(comment.idea_id)
    form = ReasonForm(request.POST, prefix=f"c{comment.pk}")
    form.is_valid()
    service = services.comment_hide if hide else services.comment_restore
    success = (
        _("The comment is hidden from the public page. The reason is kept in the idea's path.")
        if hide
        else _("The comment is published again.")
    )
    if (
        run_form_service(
            request,
            form,
            service,
            success=success,
            comment=comment,
            by=actor(request),
            reason=form.cleaned_data.get("reason", ""),
        )
        is None
    ):
        return _page(request, idea, comment_forms={comment.pk: form}, status=400)
    return redirect(f"{reverse('staff:ideas:detail', args=[idea.pk])}#comment-{comment.pk}")


@require_POST
@staff_required(MODERATE)
def comment_hide(request, pk: int):
    return _comment_moderated(request, pk, hide=True)


@require_POST
@staff_required(MODERATE)
def comment_restore(request, pk: int):
    return _comment_moderated(request, pk, hide=False)
