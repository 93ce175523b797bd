"""Newsletters from a member to its subscribers: written, previewed, sent once (member schema).

Sending is in two steps, so that the request does not wait for thousands of signed links:
the request only marks the newsletter `sending` (under a lock on its row: a second click, a
second tab or a retried request finds it confirmed and changes nothing); after commit the
workers (workers/notifications.py) record one outbox row per subscriber
(`notifications_record_for_followers`, keys `newsletter:<id>:s<subscriber id>`) in batches of
their own transaction, each remembering the last subscriber recorded, then mark it `sent`. A
retried or doubled task starts where the last batch stopped, and the outbox's unique keys would
refuse a duplicate anyway. The outbox then sends each row once (delivery.py), with the
subscriber's own manage and one-click unsubscribe links; a subscriber who chose a daily or
weekly digest gets the newsletter in that digest.

Each subscriber reads the version in their language; when the newsletter has none, the Arabic
one (the site's first language), else the French one: the whole e-mail, its footer included, is
then in the language of the version they read.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citizens import clean_citizen_text
from kernel.actors import Actor
from kernel.partial_update import fields_update
from tenants.notifications.models import Newsletter
from tenants.notifications.newsletter_selectors import newsletter_audience, newsletter_key_prefix
from tenancy.addresses import current_member_site_url
from tenants.notifications.recording import (
    _MANAGE,
    _UNSUBSCRIBE,
    _render,
    _sender,
    notifications_record_for_followers,
)
from tenants.notifications.signals import newsletter_confirmed
from tenants.site.selectors import site_profile_get

TEMPLATE = "notifications/email/newsletter"
KIND = "newsletter"
BODY_MAX_LENGTH = 20_000
# Subscribers recorded per transaction by the workers: about 0.7 s each (mostly signing every
# subscriber's two links), short enough for the lock and the progress shown.
BATCH_SIZE = 1000


def _cleaned(
    *, subject_ar: str, body_ar: str, subject_fr: str, body_fr: str, topics: list[str]
) -> dict:
    """Plain text: tags removed (nh3), spaces and blank lines tidied, paragraphs kept."""
    values = {"topics": list(dict.fromkeys(topics or []))}
    errors = {}
    for name, text, limit in (
        ("subject_ar", subject_ar, 200),
        ("subject_fr", subject_fr, 200),
        ("body_ar", body_ar, BODY_MAX_LENGTH),
        ("body_fr", body_fr, BODY_MAX_LENGTH),
    ):
        try:
            cleaned = clean_citizen_text(text or "", max_length=limit)
        except ValidationError as error:
            errors[name] = error
            continue
        values[name] = " ".join(cleaned.split()) if name.startswith("subject") else cleaned
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def newsletter_create(
    *,
    by: Actor,
    subject_ar: str = "",
    body_ar: str = "",
    subject_fr: str = "",
    body_fr: str = "",
    topics: list[str] | None = None,
) -> Newsletter:
    """A draft, written by `by` (its name is shown in the workspace)."""
    newsletter = Newsletter(
        **by.columns("created_by"),
        **_cleaned(
            subject_ar=subject_ar,
            body_ar=body_ar,
            subject_fr=subject_fr,
            body_fr=body_fr,
            topics=topics or [],
        ),
    )
    newsletter.full_clean()
    newsletter.save()
    return newsletter


@transaction.atomic
def newsletter_update(
    *,
    newsletter: Newsletter,
    subject_ar: str = "",
    body_ar: str = "",
    subject_fr: str = "",
    body_fr: str = "",
    topics: list[str] | None = None,
) -> Newsletter:
    """A draft changed; a newsletter already sent is what its readers got and stays so."""
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if newsletter.state != Newsletter.State.DRAFT:
        raise ValidationError(
            _("This newsletter was sent: it cannot be changed any more."), code="sent"
        )
    fields_update(
        newsletter,
        _cleaned(
            subject_ar=subject_ar,
            body_ar=body_ar,
            subject_fr=subject_fr,
            body_fr=body_fr,
            topics=topics or [],
        ),
    )
    newsletter.full_clean()
    newsletter.save()
    return newsletter


@dataclass
class SendOutcome:
    newsletter: Newsletter
    audience: int  # subscribers it is on its way to (0 when it had been sent already)
    already_sent: bool


@transaction.atomic
def newsletter_send(*, newsletter: Newsletter, by: Actor, site_url: str = "") -> SendOutcome:
    """Confirm a draft: it becomes `sending`, and after commit the workers record one e-mail
    per subscriber in batches (`newsletter_record`); the request does not wait for them.
    Called again for a newsletter already confirmed (a double click, a retry), it changes
    nothing and says so, but hands the newsletter over again: a hand-over lost with the broker
    is resumed where it stopped, and one too many records nothing."""
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    site_url = (site_url or current_member_site_url()).rstrip("/")
    if newsletter.state != Newsletter.State.DRAFT:
        if newsletter.state == Newsletter.State.SENDING:
            _hand_over_after_commit(newsletter.pk, site_url)
        return SendOutcome(newsletter=newsletter, audience=0, already_sent=True)
    newsletter.full_clean()
    audience = newsletter_audience(topics=newsletter.topics).count()
    if not audience:
        raise ValidationError(
            _("No subscriber follows what this newsletter is for yet: nothing was sent."),
            code="no_audience",
        )
    newsletter.state = Newsletter.State.SENDING
    by.set_on(newsletter, "sent_by")
    newsletter.sent_at = timezone.now()
    newsletter.audience_size, newsletter.recipients, newsletter.recorded_up_to = audience, 0, 0
    newsletter.save(
        update_fields=[
            "state",
            "sent_by",
            "sent_by_account",
            "sent_by_network_account_id",
            "sent_at",
            "audience_size",
            "recipients",
            "recorded_up_to",
            "updated_at",
        ]
    )
    _hand_over_after_commit(newsletter.pk, site_url)
    return SendOutcome(newsletter=newsletter, audience=audience, already_sent=False)


def _hand_over_after_commit(newsletter_id: int, site_url: str) -> None:
    schema = connection.schema_name

    def newsletter_hand_over() -> None:
        if settings.NOTIFICATIONS_DELIVERY == "inline":  # development without workers, tests
            newsletter_record(newsletter_id=newsletter_id, site_url=site_url)
        else:
            newsletter_confirmed.send(
                sender=Newsletter,
                schema_name=schema,
                newsletter_id=newsletter_id,
                site_url=site_url,
            )

    # Robust: the confirmation is committed whatever happens here (a broker down is logged;
    # sending again hands the newsletter over again).
    transaction.on_commit(newsletter_hand_over, robust=True)


@dataclass
class RecordReport:
    recorded: int = 0  # e-mails recorded by this call
    done: bool = False  # nothing left: the newsletter is sent (or was not `sending`)


def newsletter_record(
    *,
    newsletter_id: int,
    site_url: str = "",
    batch_size: int = BATCH_SIZE,
    seconds: float | None = None,
) -> RecordReport:
    """Record a `sending` newsletter's e-mails, batch after batch, then mark it sent. With
    `seconds`, stop after the batch that passes them (`done` False: the worker sends itself
    again, and a large audience never runs into the task's time limit). Safe to run again or
    twice at once: each batch holds the newsletter's lock and starts after the last
    subscriber recorded."""
    report = RecordReport()
    deadline = time.monotonic() + seconds if seconds is not None else None
    while True:  # one batch at least, so that every call gets on
        batch = newsletter_record_batch(
            newsletter_id=newsletter_id, site_url=site_url, batch_size=batch_size
        )
        if batch is None:
            report.done = True
            return report
        report.recorded += batch
        if deadline is not None and time.monotonic() >= deadline:
            return report


@transaction.atomic
def newsletter_record_batch(
    *, newsletter_id: int, site_url: str = "", batch_size: int = BATCH_SIZE
) -> int | None:
    """One transaction: the next `batch_size` subscribers of the audience (by id, after the
    last one recorded) get their e-mail, in the version of their language (else Arabic), at
    once or in their digest, and the newsletter remembers how far it got. Returns how many
    were recorded, or None when nothing is left (the newsletter is then marked sent). A retried
    batch records nothing twice: it starts where the last committed batch stopped, and the
    outbox's keys (`newsletter:<id>:s<subscriber id>`) refuse a duplicate anyway."""
    newsletter = Newsletter.objects.select_for_update().filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.state != Newsletter.State.SENDING:
        return None
    subscribers = list(
        newsletter_audience(topics=newsletter.topics).filter(pk__gt=newsletter.recorded_up_to)[
            :batch_size
        ]
    )
    if not subscribers:
        newsletter.state = Newsletter.State.SENT
        newsletter.save(update_fields=["state", "updated_at"])
        return None
    site_url = (site_url or current_member_site_url()).rstrip("/")
    by_version: dict[str, list] = {code: [] for code in newsletter.languages}
    for subscriber in subscribers:
        # The e-mail is rendered (footer included) in the language of the version read; the
        # subscriber's stored language is not changed.
        subscriber.language = newsletter.version(subscriber.language)
        by_version[subscriber.language].append(subscriber)
    profile = site_profile_get()
    recorded = 0
    for code, group in by_version.items():
        if group:
            recorded += notifications_record_for_followers(
                kind=KIND,
                key_prefix=newsletter_key_prefix(newsletter.pk),
                subscribers=group,
                template=TEMPLATE,
                site_url=site_url,
                profile=profile,
                context=_version_context(newsletter, code),
            )
    newsletter.recipients += recorded
    newsletter.recorded_up_to = subscribers[-1].pk
    newsletter.save(update_fields=["recipients", "recorded_up_to", "updated_at"])
    return recorded


def _version_context(newsletter: Newsletter, code: str) -> dict:
    return {
        "subject": getattr(newsletter, f"subject_{code}"),
        "body": getattr(newsletter, f"body_{code}"),
    }


@dataclass
class Preview:
    language: str  # the language of the subscribers who get this e-mail
    version: str  # the language it is written in (their own, or the fallback)
    sender: str
    subject: str
    body: str


def newsletter_preview(*, newsletter: Newsletter) -> list[Preview]:
    """The e-mail as an Arabic and as a French subscriber will get it (at once, not in a
    digest), with stand-ins where each subscriber's own links go. Nothing is recorded."""
    if not newsletter.languages:
        return []
    profile = site_profile_get()
    previews = []
    for language in ("ar", "fr"):
        version = newsletter.version(language)
        subject, body = _render(
            TEMPLATE,
            {
                **_version_context(newsletter, version),
                "in_digest": False,
                "manage_url": _MANAGE,
                "unsubscribe_url": _UNSUBSCRIBE,
            },
            version,
            profile,
        )
        with translation.override(version):
            own_link = _("[the subscriber's own link]")
        body = body.replace(_MANAGE, own_link).replace(_UNSUBSCRIBE, own_link)
        previews.append(
            Preview(
                language=language,
                version=version,
                sender=_sender(profile, version),
                subject=subject,
                body=body,
            )
        )
    return previews
