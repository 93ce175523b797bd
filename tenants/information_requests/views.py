"""The public side of information requests: the register (no personal data, cached), the
request form (never cached: it carries a CSRF token) and the receipt."""
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from citizens import client_address
from tenants.information_requests.forms import InformationRequestForm
from tenants.information_requests.models import LEGAL_TERMS, State
from tenants.information_requests.selectors import (
    information_request_figures, information_request_public_detail, information_request_register)
from tenants.information_requests.services import FilingRateLimited, information_request_file
from tenants.site.page_cache import cache_public_page

PER_PAGE = 20


@cache_public_page
def index(request):
    """The public register: requests and answers, a page at a time, by state or overdue."""
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    overdue = request.GET.get("overdue") == "1"
    requests = information_request_register(state=state or None, overdue=overdue)
    return render(request, "information_requests/register.html", {
        "page": Paginator(requests, PER_PAGE).get_page(request.GET.get("page")),
        "figures": information_request_figures(), "states": State.choices, "state": state,
        "overdue": overdue, **LEGAL_TERMS})


def _public_page(request, pk: int, template: str):
    information_request = information_request_public_detail(pk=pk)
    if information_request is None:
        raise Http404
    return render(request, f"information_requests/{template}.html",
                  {"information_request": information_request, **LEGAL_TERMS})


@cache_public_page
def detail(request, pk: int):
    """A request of the register: its answer and its dated steps."""
    return _public_page(request, pk, "detail")


def new(request):
    """The request form; a filed request goes to its receipt."""
    form = InformationRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            information_request = information_request_file(
                **form.service_arguments(), language=get_language(),
                client_address=client_address(request), site_url=request.build_absolute_uri("/"))
        except FilingRateLimited as error:
            form.add_error(None, error)
            status = 429
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("information_requests:receipt", pk=information_request.pk)
    return render(request, "information_requests/form.html", {"form": form, **LEGAL_TERMS},
                  status=status)


def receipt(request, pk: int):
    """The receipt of a request: its reference and due date (nothing personal)."""
    return _public_page(request, pk, "receipt")
