"""The public petition pages (thin: parse, call a selector or a service, render).

The list and a petition's page are cached for anonymous visitors: they hold no form and no
personal data. The pages with a form (filing, signing) and the agent's private page are never
cached, and every form POST is counted against the visitor's address (citizens.limits).
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from citizens.limits import LimitedWrite
from tenants.petitions.forms import PetitionFileForm, SignatureForm, add_service_errors
from tenants.petitions.models import State
from tenants.petitions.selectors import (
    petition_detail,
    petition_for_agent,
    petition_list,
    region_provinces,
)
from tenants.petitions.services import (
    petition_file,
    petition_settings_get,
    petition_submit_by_agent,
    signature_add,
)
from tenants.petitions.web import site_url
from kernel.page_cache import cache_public_page

PER_PAGE = 20
FILE_LIMIT = LimitedWrite("petitions:file")
SIGN_LIMIT = LimitedWrite("petitions:sign")


@cache_public_page
def petition_index(request):
    """Published petitions, page by page, in one state or all, with the member's rules."""
    state = request.GET.get("state")
    state = state if state in State.values else None
    petitions = Paginator(petition_list(state=state), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "petitions/list.html",
        {
            "petitions": petitions,
            "state": state,
            "states": State.choices,
            "settings": petition_settings_get(),
        },
    )


def published_or_404(pk: int):
    petition = petition_detail(pk=pk)
    if petition is None:
        raise Http404
    return petition


@cache_public_page
def petition_page(request, pk: int):
    return render(request, "petitions/detail.html", {"petition": published_or_404(pk)})


def _form_page(request, form, template: str, context: dict, *, limit: LimitedWrite, service, done):
    """A public form page: GET shows it; a POST is counted against the visitor's address,
    validated, handed to `service`, and redirected to `done(result)`; or the form comes back
    with the errors (429 when over the rate limit)."""
    status = 200
    if request.method == "POST":
        if limit.reached(request):
            form.add_error(None, limit.refusal)
            status = 429
        elif form.is_valid():
            data = {
                name: value
                for name, value in form.cleaned_data.items()
                if name not in ("website", "declaration")
            }
            try:
                result = service(**data, site_url=site_url(request))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(done(result))
    return render(request, template, {**context, "form": form}, status=status)


@never_cache
def petition_new(request):
    """Citizens file a petition; it is published once staff have checked it."""
    form = PetitionFileForm(request.POST or None)
    return _form_page(
        request,
        form,
        "petitions/new.html",
        {"settings": petition_settings_get()},
        limit=FILE_LIMIT,
        service=petition_file,
        done=lambda petition: reverse("petitions:filed"),
    )


def petition_filed(request):
    return render(request, "petitions/filed.html")


@never_cache
def petition_sign(request, pk: int):
    petition = published_or_404(pk)
    if not petition.is_collecting:
        return render(request, "petitions/sign.html", {"petition": petition, "form": None})
    form = SignatureForm(request.POST or None, provinces=region_provinces())

    def sign(**data):
        return signature_add(petition=petition, **data)

    return _form_page(
        request,
        form,
        "petitions/sign.html",
        {"petition": petition},
        limit=SIGN_LIMIT,
        service=sign,
        done=lambda signature: reverse("petitions:signed", args=[petition.pk]),
    )


@never_cache
def petition_signed(request, pk: int):
    """Thanks, with the live count (the petition's page may be a cached copy)."""
    return render(request, "petitions/signed.html", {"petition": published_or_404(pk)})


@never_cache
def petition_agent(request, key: str):
    """The agent's private page: how the petition stands, and the button that submits it to
    the council once it has enough signatures."""
    petition = petition_for_agent(key=key)
    if petition is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            petition_submit_by_agent(petition=petition, site_url=site_url(request))
        except ValidationError as refused:
            error = refused
        else:
            return redirect(request.path)
    response = render(
        request,
        "petitions/agent.html",
        {"petition": petition, "errors": error.messages if error else []},
        status=400 if error else 200,
    )
    response["Referrer-Policy"] = "no-referrer"  # the key stays out of other sites' logs
    return response
