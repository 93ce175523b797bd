"""The workspace's comment pages (member schema): the comments to act on first, and each
comment's page where it is hidden, published again or answered with a reasoned response, all
through the services (the moderation log and the public page stay complete)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants.consultations import services
from tenants.consultations.models import Comment
from tenants.consultations.selectors import comment_staff_detail, comment_staff_queue
from tenants.consultations.staff_forms import CommentFilterForm, HideForm, ResponseForm, RestoreForm
from tenants.site.staff import actor
from tenants.site.roles import Role, user_role
from tenants.site.staff import run_form_service, staff_required

PERM = "consultations.moderate_comment"
PER_PAGE = 20
REPORTS_SHOWN = 20


def email_visible(user) -> bool:
    """Authors' e-mail addresses: for the focal point only. Moderating and answering happen on
    the public page (the response is published under the comment), so moderators and editors
    never need them; the focal point answers for the member if an author must be reached."""
    return user_role(user) == Role.FOCAL_POINT


@staff_required(PERM)
def comment_list(request):
    form = CommentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    consultation = filters.get("consultation")
    comments = comment_staff_queue(
        consultation_id=consultation.pk if consultation else None,
        status=filters.get("status") or None,
    )
    page = Paginator(comments, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "consultations/staff/list.html",
        {
            "form": form,
            "page": page,
            "comments": page.object_list,
            "consultation": consultation,
            "query": query.urlencode(),
        },
    )


def _existing(pk: int) -> Comment:
    comment = comment_staff_detail(pk=pk)
    if comment is None:  # not this member's, or no such comment: the same answer
        raise Http404
    return comment


def _page(
    request,
    comment: Comment,
    *,
    hide_form=None,
    restore_form=None,
    response_form=None,
    status: int = 200,
):
    """The comment's page; a form given bound (with its errors) replaces the blank one."""
    show_email = email_visible(request.user)
    return render(
        request,
        "consultations/staff/detail.html",
        {
            "comment": comment,
            "show_email": show_email,
            "reports": comment.reports.order_by("-at", "-pk")[:REPORTS_SHOWN],
            "events": comment.moderation_events.all(),
            "response": comment.reasoned_response,
            "can_hide": comment.status in (Comment.Status.PUBLISHED, Comment.Status.HIDDEN),
            "can_restore": comment.status == Comment.Status.HIDDEN,
            "can_respond": comment.status != Comment.Status.PENDING,
            "hide_form": hide_form or HideForm(),
            "restore_form": restore_form or RestoreForm(),
            "response_form": response_form or ResponseForm.for_comment(comment),
            "public_url": (
                reverse("consultations:detail", args=[comment.consultation_id])
                + f"#comment-{comment.pk}"
            ),
        },
        status=status,
    )


@staff_required(PERM)
def comment_detail(request, pk: int):
    return _page(request, _existing(pk))


def _moderated(request, pk: int, form_class, service, success: str, form_key: str):
    comment = _existing(pk)
    form = form_class(request.POST)
    form.is_valid()
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
        return _page(request, comment, status=400, **{form_key: form})
    return redirect("staff:comments:detail", pk=comment.pk)


@require_POST
@staff_required(PERM)
def comment_hide(request, pk: int):
    return _moderated(
        request,
        pk,
        HideForm,
        services.comment_hide,
        form_key="hide_form",
        success=_(
            "The comment is hidden from the public page. The reason is kept in the moderation log."
        ),
    )


@require_POST
@staff_required(PERM)
def comment_restore(request, pk: int):
    return _moderated(
        request,
        pk,
        RestoreForm,
        services.comment_restore,
        form_key="restore_form",
        success=_("The comment is published again on the public page."),
    )


@require_POST
@staff_required(PERM)
def comment_respond(request, pk: int):
    comment = _existing(pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return _page(request, comment, response_form=form, status=400)
    data = form.cleaned_data
    if (
        run_form_service(
            request,
            form,
            services.response_save,
            success=_("The reasoned response is published under the comment."),
            comment=comment,
            kind=data["kind"],
            by=actor(request),
            reasoning_ar=data["reasoning_ar"],
            reasoning_fr=data["reasoning_fr"],
        )
        is None
    ):
        return _page(request, comment, response_form=form, status=400)
    return redirect("staff:comments:detail", pk=comment.pk)
