"""The public side of information requests: the register (no personal data and only the
summaries staff wrote, cached), the request form (never cached: it carries a CSRF token), the
receipt, and the requester's own page (reached by their signed link, tokens.py): where they
follow the request and complain to the head of the council within the law's window."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citizens.limits import LimitedWrite
from tenants.information_requests.forms import InformationRequestForm
from tenants.information_requests.models import LEGAL_TERMS, State
from tenants.information_requests.selectors import (
    information_request_figures,
    information_request_of_requester,
    information_request_public_detail,
    information_request_register,
)
from tenants.information_requests.services import complaint_file, information_request_file
from tenants.information_requests.tokens import requester_path, requester_token_read
from kernel.page_cache import cache_public_page
from kernel.signed_links import LinkRefused
from tenancy.addresses import current_member_site_url

PER_PAGE = 20
# The requests this browser filed (their receipts show the requester's own link).
FILED_SESSION_KEY = "information_requests_filed"
FILING_LIMIT = LimitedWrite("information_requests:filing")


@cache_public_page
def index(request):
    """The public register: requests and answers, a page at a time, by state or overdue."""
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    overdue = request.GET.get("overdue") == "1"
    requests = information_request_register(state=state or None, overdue=overdue)
    return render(
        request,
        "information_requests/register.html",
        {
            "page": Paginator(requests, PER_PAGE).get_page(request.GET.get("page")),
            "figures": information_request_figures(),
            "states": State.choices,
            "state": state,
            "overdue": overdue,
            **LEGAL_TERMS,
        },
    )


def _public_page(request, pk: int, template: str):
    information_request = information_request_public_detail(pk=pk)
    if information_request is None:
        raise Http404
    return render(
        request,
        f"information_requests/{template}.html",
        {"information_request": information_request, **LEGAL_TERMS},
    )


@cache_public_page
def detail(request, pk: int):
    """A request of the register: its answer and its dated steps."""
    return _public_page(request, pk, "detail")


def new(request):
    """The request form; a filed request goes to its receipt."""
    form = InformationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if FILING_LIMIT.reached(request, email=form.cleaned_data["email"]):
            form.add_error(None, FILING_LIMIT.refusal)
            return _form_page(request, form, status=429)
        try:
            information_request = information_request_file(
                **form.service_arguments(),
                language=get_language(),
                site_url=current_member_site_url(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # This browser filed it: its receipt page may show the requester's own link.
            request.session[FILED_SESSION_KEY] = [
                *request.session.get(FILED_SESSION_KEY, [])[-9:],
                information_request.pk,
            ]
            return redirect("information_requests:receipt", pk=information_request.pk)
    return _form_page(request, form)


def _form_page(request, form, status: int = 200):
    return render(
        request, "information_requests/form.html", {"form": form, **LEGAL_TERMS}, status=status
    )


def receipt(request, pk: int):
    """The receipt of a request: its reference and due date (nothing personal); to the
    browser that filed it, the requester's own link too."""
    information_request = information_request_public_detail(pk=pk)
    if information_request is None:
        raise Http404
    filed_here = pk in request.session.get(FILED_SESSION_KEY, [])
    response = render(
        request,
        "information_requests/receipt.html",
        {
            "information_request": information_request,
            **LEGAL_TERMS,
            "private_path": requester_path(information_request) if filed_here else "",
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


class ComplaintForm(forms.Form):
    grievance = forms.CharField(
        label=gettext_lazy("Your complaint"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto", "class": "form-control"}),
        help_text=gettext_lazy(
            "Say what you disagree with in the answer, the refusal or the "
            "silence. Only the council's staff read it."
        ),
    )


def mine(request, pk: int, token: str):
    """The requester's own page: where the request stands, the complaint to the head of the
    council (a form while the window of article 19 is open) and the next steps."""
    try:
        named = requester_token_read(token)
    except LinkRefused:
        raise Http404 from None
    if named != pk:
        raise Http404
    information_request = information_request_of_requester(pk=pk)
    if information_request is None:
        raise Http404
    today = timezone.localdate()
    complaint = getattr(information_request, "complaint", None)
    can_complain = complaint is None and information_request.complaint_possible(today)
    form = ComplaintForm(request.POST or None) if can_complain else None
    status = 200
    if request.method == "POST":
        if form is None:
            status = 400
        elif form.is_valid():
            try:
                complaint_file(
                    information_request=information_request,
                    grievance=form.cleaned_data["grievance"],
                    site_url=current_member_site_url(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("Your complaint was sent to the head of the council."))
                return redirect(request.path)
        else:
            status = 400
    window = information_request.complaint_window
    response = render(
        request,
        "information_requests/mine.html",
        {
            "information_request": information_request,
            "complaint": complaint,
            "form": form,
            "complain_by": window[1] if window else None,
            "today": today,
            **LEGAL_TERMS,
            "commission_by": (
                complaint.commission_window_starts + timedelta(days=LEGAL_TERMS["commission_days"])
            )
            if complaint
            else None,
        },
        status=status,
    )
    # The page is the requester's: neither a shared cache nor a search engine keeps it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
