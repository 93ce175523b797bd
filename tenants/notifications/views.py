"""The public subscription pages of a member (thin: parse, call, render).

None is page-cached: the forms carry a CSRF token, and the signed links are personal. Pages
reached by a signed link send no Referer, so the link stays out of other sites' logs.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from citizens.limits import LimitedWrite
from tenants.notifications.forms import PreferencesForm, SubscribeForm
from tenants.notifications.models import Topic
from tenants.notifications.links import subscriber_from_link
from tenants.notifications.subscribers import (
    follow_parse,
    subscriber_follow_confirm,
    subscriber_subscribe,
    subscriber_unsubscribe,
    subscriber_update,
    subscriber_verify,
)
from tenants.notifications.tokens import LinkRefused, subscriber_token_read
from tenancy.addresses import current_member_site_url

SUBSCRIBE_LIMIT = LimitedWrite("notifications:subscribe")


def _private(response):
    response["Referrer-Policy"] = "no-referrer"
    return response


def _refused(request, status: int = 400):
    return _private(render(request, "notifications/refused.html", status=status))


@never_cache
def subscribe(request):
    """The form: an address, topics, a language and a frequency; a link confirms the address."""
    follow = follow_parse(request.GET.get("follow", ""))
    initial = {
        "language": get_language() if get_language() in ("ar", "fr") else "ar",
        "delivery": "immediate",
        "topics": [] if follow else [Topic.PROGRAMME.value],
        "follow": f"{follow[0]}:{follow[1]}" if follow else "",
    }
    if request.method != "POST":
        return _form_page(request, SubscribeForm(initial=initial), follow)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, follow, status=400)
    data = form.cleaned_data
    follow = follow_parse(data["follow"])
    if SUBSCRIBE_LIMIT.reached(request, email=data["email"]):
        form.add_error(None, SUBSCRIBE_LIMIT.refusal)
        return _form_page(request, form, follow, status=429)
    try:
        subscriber_subscribe(
            email=data["email"],
            topics=data["topics"],
            language=data["language"],
            delivery=data["delivery"],
            site_url=current_member_site_url(request),
            follow=follow,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, form, follow, status=400)
    return redirect("notifications-sent")


def _form_page(request, form, follow, status: int = 200):
    return render(
        request, "notifications/subscribe.html", {"form": form, "follow": follow}, status=status
    )


def subscribe_sent(request):
    return render(request, "notifications/sent.html")


@never_cache
def verify(request, token: str):
    try:
        subscriber = subscriber_verify(signed=token)
    except LinkRefused:
        return _refused(request)
    return _private(render(request, "notifications/verified.html", {"subscriber": subscriber}))


@never_cache
def follow(request, token: str):
    try:
        subscriber_follow_confirm(signed=token)
    except LinkRefused:
        return _refused(request)
    return _private(render(request, "notifications/verified.html"))


@never_cache
def manage(request, token: str):
    """All of a subscriber's choices on one page, reached by the signed link of any e-mail."""
    try:
        subscriber = subscriber_from_link(token, purpose="manage")
    except LinkRefused:
        return _refused(request)
    followed = list(subscriber.subscriptions.all())
    initial = {
        "language": subscriber.language,
        "delivery": subscriber.delivery,
        "topics": [s.topic for s in followed if s.object_id == 0],
    }
    by_id = [s for s in followed if s.object_id]
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        allow_no_topic=bool(by_id),
    )
    status, saved = 200, False
    if request.method == "POST":
        if form.is_valid():
            try:
                subscriber_update(subscriber=subscriber, **form.cleaned_data)
                saved = True
                followed = list(subscriber.subscriptions.all())
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
        else:
            status = 400
    context = {
        "form": form,
        "subscriber": subscriber,
        "saved": saved,
        "followed": [s for s in followed if s.object_id],
    }
    return _private(render(request, "notifications/manage.html", context, status=status))


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session
@never_cache
def unsubscribe(request, token: str):
    """GET shows one button (link scanners that open every link unsubscribe nobody); POST
    stops everything at once, from the button or from the mail client's own command."""
    try:
        subscriber_token_read(token, purpose="unsubscribe")
    except LinkRefused:
        return _refused(request)
    try:
        subscriber = subscriber_from_link(token, purpose="unsubscribe")
    except LinkRefused:  # a true link of somebody who is gone already: done is done
        return _private(render(request, "notifications/unsubscribed.html"))
    if request.method == "POST":
        subscriber_unsubscribe(subscriber=subscriber)
        return _private(render(request, "notifications/unsubscribed.html"))
    return _private(render(request, "notifications/unsubscribe.html", {"subscriber": subscriber}))
