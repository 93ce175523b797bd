"""The public pages of a member's consultations (thin: parse, call, render).

Only the list is cached: a consultation's page carries the comment form (a CSRF token) and the
report buttons, and the verification page writes to the visitor's session.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from citizens import client_address
from citizens.limits import LimitedWrite
from tenants.consultations.forms import CommentForm
from tenants.consultations.models import Consultation
from tenants.consultations.selectors import (
    comment_public_get,
    comment_public_list,
    consultation_detail,
    consultation_list,
    consultation_summary,
    response_share,
)
from tenants.consultations.services import (
    comment_report,
    comment_submit,
    comment_verify,
)
from tenants.consultations.tokens import LinkRefused, link_sent_message
from kernel.page_cache import cache_public_page
from tenancy.addresses import current_member_site_url

# The address a visitor confirmed, kept in their session on this member's host only.
VERIFIED_EMAIL = "consultations:verified_email"
LIST_ORDER = (Consultation.State.OPEN, Consultation.State.UPCOMING, Consultation.State.CLOSED)
COMMENT_LIMIT = LimitedWrite("consultations:comment")
REPORT_LIMIT = LimitedWrite("consultations:report")


@cache_public_page
def index(request):
    """Open consultations first, then upcoming ones, then closed ones."""
    consultations = list(consultation_list())
    groups = [
        (
            state,
            Consultation.State(state).label,
            [consultation for consultation in consultations if consultation.state == state],
        )
        for state in LIST_ORDER
    ]
    return render(
        request, "consultations/list.html", {"groups": groups, "any": bool(consultations)}
    )


def _existing(pk: int) -> Consultation:
    consultation = consultation_detail(pk=pk)
    if consultation is None:
        raise Http404
    return consultation


def _page(request, consultation: Consultation, form: CommentForm | None, status: int = 200):
    context = {
        "consultation": consultation,
        "form": form,
        "comments": comment_public_list(consultation=consultation),
        "share": response_share(consultation=consultation),
        "verified_email": request.session.get(VERIFIED_EMAIL),
    }
    if consultation.is_closed:
        context["summary"] = consultation_summary(consultation=consultation)
    return render(request, "consultations/detail.html", context, status=status)


def _new_form(request, consultation: Consultation, data=None) -> CommentForm | None:
    if not consultation.is_open:
        return None
    initial = {
        "section": request.GET.get("section"),
        "email": request.session.get(VERIFIED_EMAIL, ""),
    }
    return CommentForm(data, sections=consultation.sections.all(), initial=initial)


@never_cache  # the form's CSRF token, and the visitor's confirmed address when there is one
def consultation_page(request, pk: int):
    """The text, its sections, the published comments with their responses, and the comment
    form while the consultation is open (POST sends a comment)."""
    consultation = _existing(pk)
    if request.method != "POST":
        return _page(request, consultation, _new_form(request, consultation))
    form = _new_form(request, consultation, request.POST)
    if form is None:  # not open (yet, or any more): the page says so, nothing is received
        return _page(request, consultation, None, status=403)
    if not form.is_valid():
        return _page(request, consultation, form, status=400)
    data = form.cleaned_data
    if COMMENT_LIMIT.reached(request, email=data["email"]):
        form.add_error(None, COMMENT_LIMIT.refusal)
        return _page(request, consultation, form, status=429)
    try:
        comment = comment_submit(
            consultation=consultation,
            author_name=data["author_name"],
            email=data["email"],
            body=data["body"],
            show_name=data["show_name"],
            section=data.get("section"),
            language=get_language(),
            site_url=current_member_site_url(request),
            verified_email=request.session.get(VERIFIED_EMAIL),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, consultation, form, status=400)
    if comment.status == comment.Status.PUBLISHED:
        messages.success(request, _("Thank you: your comment is published."))
        return redirect(f"{reverse('consultations:detail', args=[pk])}#comment-{comment.pk}")
    messages.info(request, link_sent_message())
    return redirect(f"{reverse('consultations:detail', args=[pk])}#comment-form")


@never_cache
def verify(request, token: str):
    """Where the e-mailed link leads: the comment is published and this browser remembers the
    confirmed address, so the person can comment again without a new link."""
    try:
        comment = comment_verify(token=token)
    except LinkRefused as refused:
        response = render(
            request, "consultations/verify.html", {"refused": refused.reason}, status=400
        )
    else:
        request.session[VERIFIED_EMAIL] = comment.email
        response = render(
            request,
            "consultations/verify.html",
            {"comment": comment, "consultation": comment.consultation},
        )
    response["Referrer-Policy"] = "no-referrer"  # the token stays out of other sites' logs
    return response


@require_POST
def report(request, pk: int):
    """A visitor reports a published comment; moderators decide after enough reports."""
    comment = comment_public_get(pk=pk)
    if comment is None:
        raise Http404
    if REPORT_LIMIT.reached(request):
        messages.error(request, REPORT_LIMIT.refusal)
    else:
        comment_report(comment=comment, address=client_address(request))
        messages.success(request, _("Thank you: the moderators will look at this comment."))
    return redirect(
        f"{reverse('consultations:detail', args=[comment.consultation_id])}#comment-{comment.pk}"
    )
