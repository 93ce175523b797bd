"""Workspace pages of the newsletters (member schema): the list, writing a draft, its preview
as the e-mail will look in both languages with how many it would reach, sending it after a
confirmation, and how far it got (queued, in a digest, sent, failed, by language). Focal
points and editors (tenants/site/roles.py: NEWSLETTER_PERMS); counts only, never addresses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenants.notifications import newsletter_services as services
from tenants.notifications.models import Newsletter, Topic
from tenants.notifications.newsletter_selectors import (
    BUCKETS,
    newsletter_audience_count,
    newsletter_get,
    newsletter_list,
    newsletter_reach,
)
from tenants.notifications.staff_forms import NewsletterForm
from tenants.site.staff import actor
from tenants.site.staff import run_form_service, staff_required
from tenancy.addresses import current_member_site_url

PER_PAGE = 25
REFRESH_SECONDS = 3  # the result page while the workers record the e-mails


def _newsletter_or_404(pk: int) -> Newsletter:
    newsletter = newsletter_get(pk=pk)
    if newsletter is None:
        raise Http404
    return newsletter


def _topic_labels(newsletter) -> list[str]:
    return [Topic(topic).label for topic in newsletter.topics]


@staff_required("notifications.view_newsletter")
def newsletter_list_page(request):
    page = Paginator(newsletter_list(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/staff/list.html", {"page": page})


def _form_page(request, form, *, newsletter=None, status=200):
    return render(
        request,
        "notifications/staff/form.html",
        {"form": form, "newsletter": newsletter},
        status=status,
    )


@staff_required("notifications.add_newsletter")
def newsletter_new(request):
    form = NewsletterForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            created = run_form_service(
                request,
                form,
                services.newsletter_create,
                by=actor(request),
                success=_("The draft was saved. Check the preview before sending it."),
                **form.fields_for_service(),
            )
            if created is not None:
                return redirect("staff:newsletters:detail", pk=created.pk)
        return _form_page(request, form, status=400)
    return _form_page(request, form)


@staff_required("notifications.change_newsletter")
def newsletter_edit(request, pk: int):
    newsletter = _newsletter_or_404(pk)
    if newsletter.state != Newsletter.State.DRAFT:
        messages.error(request, _("This newsletter was sent: it cannot be changed any more."))
        return redirect("staff:newsletters:detail", pk=pk)
    form = NewsletterForm(request.POST or None, initial=NewsletterForm.initial_from(newsletter))
    if request.method == "POST":
        if form.is_valid():
            saved = run_form_service(
                request,
                form,
                services.newsletter_update,
                newsletter=newsletter,
                success=_("The draft was saved. Check the preview before sending it."),
                **form.fields_for_service(),
            )
            if saved is not None:
                return redirect("staff:newsletters:detail", pk=pk)
        return _form_page(request, form, newsletter=newsletter, status=400)
    return _form_page(request, form, newsletter=newsletter)


@staff_required("notifications.view_newsletter")
def newsletter_detail(request, pk: int):
    """A draft: its preview and audience. Once sent: how far it got, and what was sent; while
    the workers record it, how far they got too (the page refreshes by itself)."""
    newsletter = _newsletter_or_404(pk)
    sent = newsletter.state != Newsletter.State.DRAFT
    reach = newsletter_reach(newsletter=newsletter) if sent else None
    return render(
        request,
        "notifications/staff/detail.html",
        {
            "newsletter": newsletter,
            "previews": services.newsletter_preview(newsletter=newsletter),
            "audience": None if sent else newsletter_audience_count(newsletter=newsletter),
            "reach": reach,
            "reach_rows": _reach_rows(reach) if reach else [],
            "sending": newsletter.state == Newsletter.State.SENDING,
            "refresh_seconds": REFRESH_SECONDS,
            "topic_labels": _topic_labels(newsletter),
        },
    )


def _reach_rows(reach) -> list[dict]:
    labels = {"ar": _("Arabic"), "fr": _("French"), "total": _("Total")}
    return [
        {
            "label": labels[key],
            "total": key == "total",
            "counts": [reach.count(key, bucket) for bucket in BUCKETS],
            "all": reach.count(key, "all"),
        }
        for key in ("ar", "fr", "total")
    ]


@staff_required("notifications.send_newsletter")
def newsletter_send_page(request, pk: int):
    """GET: the confirmation (to whom, how many); POST: send, once."""
    newsletter = _newsletter_or_404(pk)
    if request.method == "POST":
        try:
            outcome = services.newsletter_send(
                newsletter=newsletter, by=actor(request), site_url=current_member_site_url(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("staff:newsletters:detail", pk=pk)
        if outcome.already_sent:
            messages.error(
                request,
                _("This newsletter was already sent on %(date)s: it was not sent again.")
                % {"date": _when(outcome.newsletter)},
            )
        else:
            messages.success(
                request,
                ngettext(
                    "The newsletter is on its way to %(count)s subscriber.",
                    "The newsletter is on its way to %(count)s subscribers.",
                    outcome.audience,
                )
                % {"count": outcome.audience},
            )
        return redirect("staff:newsletters:detail", pk=pk)
    if newsletter.state != Newsletter.State.DRAFT:
        return redirect("staff:newsletters:detail", pk=pk)
    return render(
        request,
        "notifications/staff/send.html",
        {
            "newsletter": newsletter,
            "audience": newsletter_audience_count(newsletter=newsletter),
            "topic_labels": _topic_labels(newsletter),
        },
    )


def _when(newsletter) -> str:
    return date_format(localtime(newsletter.sent_at), "DATETIME_FORMAT")
