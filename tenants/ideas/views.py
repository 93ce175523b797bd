"""The public pages of ideas (thin: parse, call, render).

Only the list is cached: the proposal form and an idea's page carry forms (CSRF tokens) and
the visitor's confirmed address, and the confirmation page writes to the session.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from citizens import client_address
from citizens.limits import LimitedWrite
from commitment_templates import Principle
from tenants.consultations.views import VERIFIED_EMAIL  # one confirmed address per browser
from tenants.ideas import services
from tenants.ideas.forms import CommentForm, IdeaForm, SupportForm
from tenants.ideas.models import Answer, Idea, Status
from tenants.ideas.selectors import (
    WAITING,
    collection_is_open,
    collection_programme,
    comment_public_get,
    idea_counts,
    idea_public_get,
    idea_public_list,
)
from tenants.ideas.tokens import LinkRefused
from kernel.page_cache import cache_public_page
from tenancy.addresses import current_member_site_url

PER_PAGE = 20
LIMITS = {
    "idea": LimitedWrite("ideas:idea"),
    "support": LimitedWrite("ideas:support"),
    "comment": LimitedWrite("ideas:comment"),
    "report": LimitedWrite("ideas:report"),
}


def _link_sent_message(kind: str) -> str:
    hours = services.verification_hours()
    return {
        "idea": _(
            "Thank you. Check your e-mail: your idea will be published once you follow "
            "the link we sent you (within %(hours)s hours)."
        ),
        "support": _(
            "Thank you. Check your e-mail: your support will be counted once you "
            "follow the link we sent you (within %(hours)s hours)."
        ),
        "comment": _(
            "Thank you. Check your e-mail: your comment will be published once you "
            "follow the link we sent you (within %(hours)s hours)."
        ),
    }[kind] % {"hours": hours}


def _choice(value: str | None, allowed) -> str | None:
    return value if value in allowed else None


@cache_public_page
def index(request):
    """The programme's ideas, the newest first, with the phase, the counts and filters."""
    programme = collection_programme()
    if programme is None:
        return render(request, "ideas/list.html", {"programme": None})
    filters = {
        "principle": _choice(request.GET.get("principle"), Principle.values),
        "answer": _choice(request.GET.get("state"), {WAITING, *Answer.values}),
    }
    page = Paginator(idea_public_list(programme=programme, **filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "ideas/list.html",
        {
            "programme": programme,
            "is_open": collection_is_open(programme),
            "counts": idea_counts(programme=programme),
            "page": page,
            "ideas": page.object_list,
            "filters": filters,
            "principles": Principle.choices,
            "answers": [(WAITING, _("Awaiting an answer")), *Answer.choices],
            "query": query.urlencode(),
        },
    )


@never_cache  # the form's CSRF token, and the visitor's confirmed address
def propose(request):
    """The proposal form while the programme is co-created (POST sends the idea)."""
    programme = collection_programme()
    if not collection_is_open(programme):
        return render(
            request,
            "ideas/propose.html",
            {"programme": programme, "form": None},
            status=403 if request.method == "POST" else 200,
        )
    verified = request.session.get(VERIFIED_EMAIL)
    if request.method != "POST":
        form = IdeaForm(
            initial={
                "email": verified or "",
                "principle": _choice(request.GET.get("principle"), Principle.values),
            }
        )
        return render(
            request,
            "ideas/propose.html",
            {"programme": programme, "form": form, "verified_email": verified},
        )
    form = IdeaForm(request.POST, request.FILES)

    def again(status: int):
        return render(
            request,
            "ideas/propose.html",
            {"programme": programme, "form": form, "verified_email": verified},
            status=status,
        )

    if not form.is_valid():
        return again(400)
    data = form.cleaned_data
    if LIMITS["idea"].reached(request, email=data["email"]):
        form.add_error(None, LIMITS["idea"].refusal)
        return again(429)
    try:
        idea = services.idea_submit(
            programme=programme,
            principle=data["principle"],
            title=data["title"],
            body=data["body"],
            author_name=data["author_name"],
            email=data["email"],
            show_name=data["show_name"],
            association=data["association"],
            attachment=data["attachment"],
            language=get_language(),
            site_url=current_member_site_url(request),
            verified_email=verified,
        )
    except ValidationError as error:
        _add_errors(form, error)
        return again(400)
    if idea.status == Status.PENDING:
        messages.info(request, _link_sent_message("idea"))
        return redirect("ideas:index")
    messages.success(request, _("Thank you: your idea is published."))
    return redirect("ideas:detail", pk=idea.pk)


def _add_errors(form, error: ValidationError) -> None:
    """A service's error on its field when the form has it, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, error)


def _existing(pk: int) -> Idea:
    idea = idea_public_get(pk=pk)
    if idea is None:  # not published, not this member's, or no such idea: the same answer
        raise Http404
    return idea


def _page(request, idea: Idea, *, support_form=None, comment_form=None, status: int = 200):
    is_open = collection_is_open(idea.programme)
    verified = request.session.get(VERIFIED_EMAIL)
    initial = {"email": verified or ""}
    return render(
        request,
        "ideas/detail.html",
        {
            "idea": idea,
            "is_open": is_open,
            "verified_email": verified,
            "support_form": (support_form or SupportForm(initial=initial)) if is_open else None,
            "comment_form": (comment_form or CommentForm(initial=initial)) if is_open else None,
        },
        status=status,
    )


@never_cache
def idea_page(request, pk: int):
    """The idea, its answer and path, its comments; the support and comment forms while the
    collection is open."""
    return _page(request, _existing(pk))


def _contribute(request, pk: int, kind: str):
    idea = _existing(pk)
    form_class, form_key = (
        (SupportForm, "support_form") if kind == "support" else (CommentForm, "comment_form")
    )
    form = form_class(request.POST)
    if not collection_is_open(idea.programme):
        return _page(request, idea, status=403)
    if not form.is_valid():
        return _page(request, idea, status=400, **{form_key: form})
    data = form.cleaned_data
    if LIMITS[kind].reached(request, email=data["email"]):
        form.add_error(None, LIMITS[kind].refusal)
        return _page(request, idea, status=429, **{form_key: form})
    common = {
        "idea": idea,
        "email": data["email"],
        "language": get_language(),
        "site_url": current_member_site_url(request),
        "verified_email": request.session.get(VERIFIED_EMAIL),
    }
    try:
        if kind == "support":
            done = services.support_submit(**common)
            counted = done.confirmed_at is not None
        else:
            done = services.comment_submit(
                body=data["body"],
                author_name=data["author_name"],
                show_name=data["show_name"],
                **common,
            )
            counted = done.status == Status.PUBLISHED
    except ValidationError as error:
        _add_errors(form, error)
        return _page(request, idea, status=400, **{form_key: form})
    anchor = "support" if kind == "support" else "comments"
    if counted:
        messages.success(
            request,
            _("Thank you: your support is counted.")
            if kind == "support"
            else _("Thank you: your comment is published."),
        )
    else:
        messages.info(request, _link_sent_message(kind))
    return redirect(f"{reverse('ideas:detail', args=[idea.pk])}#{anchor}")


@require_POST
def support(request, pk: int):
    return _contribute(request, pk, "support")


@require_POST
def comment(request, pk: int):
    return _contribute(request, pk, "comment")


@never_cache
def confirm(request, token: str):
    """Where the e-mailed link leads: the idea or comment is published, or the support
    counted, and this browser remembers the confirmed address (no new link next time)."""
    try:
        kind, found = services.contribution_confirm(token=token)
    except LinkRefused as refused:
        response = render(request, "ideas/confirm.html", {"refused": refused.reason}, status=400)
    else:
        request.session[VERIFIED_EMAIL] = found.email
        idea = found if kind == "idea" else found.idea
        response = render(request, "ideas/confirm.html", {"kind": kind, "idea": idea})
    response["Referrer-Policy"] = "no-referrer"  # the token stays out of other sites' logs
    return response


def _report(request, *, idea=None, comment=None):
    if LIMITS["report"].reached(request):
        messages.error(request, LIMITS["report"].refusal)
    else:
        services.contribution_report(idea=idea, comment=comment, address=client_address(request))
        messages.success(request, _("Thank you: the moderators will look at it."))


@require_POST
def report_idea(request, pk: int):
    idea = _existing(pk)
    _report(request, idea=idea)
    return redirect("ideas:detail", pk=idea.pk)


@require_POST
def report_comment(request, pk: int):
    found = comment_public_get(pk=pk)
    if found is None:
        raise Http404
    _report(request, comment=found)
    return redirect(f"{reverse('ideas:detail', args=[found.idea_id])}#comment-{found.pk}")
