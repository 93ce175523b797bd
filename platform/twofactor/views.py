"""The two pages of two-factor sign-in, shared by the network's host and the members'
workspace: the code step after the password, and the page that sets it up (QR code, secret,
recovery codes shown once) and turns it off where it is not required. Each side wraps them
with its own guard, templates and landing page (a `Side`)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from twofactor import selectors, services
from twofactor.forms import CodeForm, EnrolForm
from twofactor.middleware import step_needed
from twofactor.qr import qr_svg

NEW_CODES_KEY = "twofactor_new_codes"  # shown on the next page, then gone


@dataclass(frozen=True)
class Side:
    code_template: str
    manage_template: str
    code_url: str  # URL name of the code step
    manage_url: str  # URL name of the set-up page
    sign_in_url: str  # URL name of the password step
    sign_in_scope: str  # the password form's limiter scope; codes: "<scope>-code"
    landing: Callable[..., str]  # where the account goes after the code (request -> url)
    issuer: Callable[..., str]  # the name apps show beside the account (request -> str)


def _next_url(request, side: Side) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return side.landing(request)


def _verified(request, device) -> None:
    # A session that gave its code gets a new key, like one that gave its password.
    request.session.cycle_key()
    otp_login(request, device)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@never_cache
def code_step(request, side: Side):
    """After the password: the code of the authenticator (or a recovery code)."""
    if not request.user.is_authenticated:
        return redirect(side.sign_in_url)
    next_url = _next_url(request, side)
    if step_needed(request, request.user) != "code":
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_code_check(
                request=request, code=form.cleaned_data["code"], scope=side.sign_in_scope
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            _verified(request, device)
            if device.persistent_id.startswith("otp_static"):
                left = selectors.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    _(
                        "You used a recovery code: %(left)s left. Make new "
                        "ones on the two-factor page if you run low."
                    )
                    % {"left": left},
                )
            return redirect(next_url)
    return render(request, side.code_template, {"form": form, "next": next_url})


@never_cache
def manage(request, side: Side, *, required: bool):
    """Set up, see and (where not required) turn off two-factor sign-in. The caller has
    checked who may open the page."""
    user = request.user
    on = selectors.two_factor_on(user)
    if on and not user.is_verified():  # a password alone never changes two-factor
        return redirect(side.code_url)
    next_url = _next_url(request, side)
    form = EnrolForm() if not on else CodeForm()
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "start" and not on:
        services.totp_device_start(user=user)
        return _back(side, next_url)
    if action == "confirm" and not on:
        form = EnrolForm(request.POST)
        if form.is_valid():
            try:
                device, codes = services.totp_device_confirm(
                    user=user, token=form.cleaned_data["code"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                _verified(request, device)
                request.session[NEW_CODES_KEY] = codes
                messages.success(
                    request,
                    _(
                        "Two-factor sign-in is on. From now on, signing in "
                        "asks for a code from your app."
                    ),
                )
                return _back(side, next_url)
    if action == "regenerate" and on:
        request.session[NEW_CODES_KEY] = services.recovery_codes_regenerate(user=user)
        messages.success(request, _("New recovery codes are ready; the old ones no longer work."))
        return _back(side, next_url)
    if action == "turn-off" and on and not required:
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                services.two_factor_code_check(
                    request=request, code=form.cleaned_data["code"], scope=side.sign_in_scope
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                services.two_factor_turn_off(user=user)
                messages.success(
                    request, _("Two-factor sign-in is off. Signing in asks for your password only.")
                )
                return _back(side, next_url)
    pending = None if on else selectors.totp_device_pending(user)
    context = {
        "on": on,
        "required": required,
        "form": form,
        "next": next_url,
        "new_codes": request.session.pop(NEW_CODES_KEY, None),
        "codes_left": selectors.recovery_codes_left(user) if on else 0,
        "manage_url_name": side.manage_url,
    }
    if pending is not None:
        uri = services.otpauth_uri(device=pending, issuer=side.issuer(request))
        context.update(qr=qr_svg(uri), secret=services.totp_secret(pending), uri=uri)
    return render(request, side.manage_template, context)


def _back(side: Side, next_url: str):
    return redirect(f"{reverse(side.manage_url)}?{urlencode({'next': next_url})}")
