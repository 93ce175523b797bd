"""The outbox of a member and its delivery; subscribers and their subscriptions (member schema).

Every e-mail of a member is one `Notification` row, recorded inside the transaction of the
change it tells about (`notification_record`), and sent by the workers after commit
(`notifications_deliver`):

1. claim: one short transaction takes a batch of due rows (`FOR UPDATE SKIP LOCKED`), sets
   them `sending` with a lease (`claimed_until`) and counts the attempt, then commits;
2. send: one SMTP connection for the whole batch; after each message the SMTP server
   accepted, its row is marked `sent` at once, in its own single-statement commit;
3. a failed message goes back to `pending` with an exponential back-off, or `failed` with the
   reason after the last try.

A second delivery of the same task (a worker died, Redis redelivered it) cannot duplicate: a
`sent` row is never claimed again, and a row still under another worker's lease is left
alone. A row whose lease ran out (its worker died) is claimed again, so nothing is lost. The
one remaining window is between the server's "250 accepted" and the commit of `sent` (one
UPDATE, about a millisecond): a worker killed exactly there sends that one message again
after the lease; its Message-ID is derived from the idempotency key, so the second copy
carries the same Message-ID as the first and mail systems that deduplicate drop it. A worker
that runs out of its own lease stops and puts the rest of its batch back rather than race a
second worker.
"""
import hashlib
import json
import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from tenants.notifications.models import (GENERAL_TOPICS, Delivery, Notification, Subscriber,
                                          Subscription, Topic)
from tenants.notifications.signals import outbox_ready
from tenants.notifications.tokens import (LinkRefused, follow_token_read, subscriber_token_make,
                                          subscriber_token_read)
from tenants.site.selectors import site_profile_get

logger = logging.getLogger(__name__)

LANGUAGES = ("ar", "fr")


# ---------------------------------------------------------------------------------------------
# Recording


def member_site_url() -> str:
    """The current member's own address (no trailing slash), for links in e-mails written
    outside a request (by a receiver or a worker)."""
    schema, now = connection.schema_name, time.monotonic()
    cached = _site_urls.get(schema)
    if cached is None or cached[1] < now:  # a minute: a new primary domain shows soon
        domain = connection.tenant.get_primary_domain() if hasattr(connection, "tenant") else None
        scheme = "http" if settings.DEBUG else "https"
        url = f"{scheme}://{domain.domain}{settings.SITE_PORT_HINT}" if domain else ""
        cached = _site_urls[schema] = (url, now + 60)
    return cached[0]


_site_urls: dict[str, tuple[str, float]] = {}


def _sender(profile, language: str) -> str:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if profile is not None:
        name = profile.name_fr if language == "fr" and profile.name_fr else profile.name_ar
    # Django encodes the display name when it sends; stored readable for the back office.
    name = " ".join(name.replace('"', "").replace("\\", "").split())
    return f'"{name}" <{address}>' if name else address


def _render(template: str, context: dict, language: str, profile) -> tuple[str, str]:
    with translation.override(language):
        full_context = {**context, "profile": profile}
        subject = " ".join(render_to_string(f"{template}_subject.txt", full_context).split())
        body = render_to_string(f"{template}.txt", full_context)
    return subject[:300], body


_INSERT_COLUMNS = ("key", "recipient_email", "language", "kind", "from_email", "template",
                   "subject", "body", "unsubscribe_url", "digest", "state", "attempts",
                   "last_error", "next_attempt_at", "created_at")


def _insert(rows: list[dict]) -> list[int]:
    """INSERT ... ON CONFLICT (key) DO NOTHING: the ids of the rows whose key was new."""
    table = Notification._meta.db_table
    columns = ", ".join(f'"{column}"' for column in _INSERT_COLUMNS)
    one = "(" + ", ".join(["%s"] * len(_INSERT_COLUMNS)) + ")"
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start:start + 500]
            cursor.execute(f'INSERT INTO "{table}" ({columns}) VALUES '
                           f'{", ".join([one] * len(chunk))} '
                           'ON CONFLICT ("key") DO NOTHING RETURNING "id"',
                           [row[column] for row in chunk for column in _INSERT_COLUMNS])
            ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


KEY_MAX_LENGTH = 200  # Notification.key


def fit_key(key: str) -> str:
    """A key that fits the column: a long one (a long e-mail address in it) keeps its start
    and ends with a digest of the whole, so that it stays unique and stable."""
    if len(key) <= KEY_MAX_LENGTH:
        return key
    return f"{key[:KEY_MAX_LENGTH - 41]}~{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def _row(*, key: str, recipient_email: str, language: str, kind: str, from_email: str,
         template: str, subject: str, body: str, unsubscribe_url: str = "",
         digest: str = "") -> dict:
    now = timezone.now()
    return {"key": fit_key(key), "recipient_email": recipient_email, "language": language,
            "kind": kind, "from_email": from_email, "template": template, "subject": subject,
            "body": body, "unsubscribe_url": unsubscribe_url, "digest": digest,
            "state": Notification.State.PENDING, "attempts": 0, "last_error": "",
            "next_attempt_at": now, "created_at": now}


def notification_record(*, key: str, recipient_email: str, language: str, template: str,
                        context: dict, kind: str, digest: str = "",
                        unsubscribe_url: str = "", profile=None) -> Notification | None:
    """Record one e-mail in the current member's outbox, once, and have the workers send it.

    Runs in the current member's schema, inside the caller's transaction: the row commits or
    rolls back with the caller's change, and delivery is arranged for after the commit (one
    delivery task per member and transaction, by the workers; nothing is sent on rollback).
    `key` is the idempotency key, unique in the member's outbox: a second call with a key
    already recorded (a retried task, a sweep that runs again) records nothing and returns
    None, so derive it from what the e-mail is about (e.g. `"reminder:milestone:12:due"`),
    never from the time of the call (a key longer than 200 characters is shortened with a
    digest of the whole, still unique). `template` names the pair `<template>_subject.txt` /
    `<template>.txt`, rendered now in `language` ("ar" or "fr"; anything else is Arabic)
    with `context` plus `profile` (the member's site profile); the context is only used for
    rendering, so it may hold model instances. `kind` is a short label stored with the row
    (e.g. "reminder.milestone") for the back office and statistics. Items of a digest pass
    `digest="daily"` / `"weekly"`; `unsubscribe_url` adds the List-Unsubscribe header.
    """
    if Notification.objects.filter(key=fit_key(key)).exists():
        return None
    language = language if language in LANGUAGES else "ar"
    if profile is None:
        profile = site_profile_get()
    subject, body = _render(template, context, language, profile)
    values = _row(key=key, recipient_email=recipient_email, language=language, kind=kind,
                  from_email=_sender(profile, language), template=template, subject=subject,
                  body=body, unsubscribe_url=unsubscribe_url, digest=digest)
    ids = _insert([values])
    if not ids:
        return None
    if not digest:
        _deliver_after_commit(ids)
    return Notification(pk=ids[0], **values)


# Stand-ins for a follower's own links: the e-mail is rendered once per language and each
# follower's signed links are put in its copy.
_MANAGE, _UNSUBSCRIBE = "@@manage-url@@", "@@unsubscribe-url@@"


def notifications_record_for_followers(*, kind: str, key_prefix: str, subscribers,
                                       template: str, context: dict, site_url: str = "",
                                       profile=None) -> int:
    """One notification per subscriber (each in its language, at once or for its digest, with
    its own manage and one-click unsubscribe links) under `<key_prefix>:s<subscriber id>`,
    recorded in bulk in the caller's transaction; returns how many were new. The template is
    rendered once per language and frequency, not once per subscriber."""
    profile = profile if profile is not None else site_profile_get()
    rendered: dict[tuple[str, bool], tuple[str, str]] = {}
    rows = []
    for subscriber in subscribers:
        language = subscriber.language if subscriber.language in LANGUAGES else "ar"
        digest = "" if subscriber.delivery == Delivery.IMMEDIATE else subscriber.delivery
        variant = (language, bool(digest))
        if variant not in rendered:
            rendered[variant] = _render(template, {**context, "in_digest": bool(digest),
                                                   "manage_url": _MANAGE,
                                                   "unsubscribe_url": _UNSUBSCRIBE},
                                        language, profile)
        subject, body = rendered[variant]
        links = subscriber_links(subscriber, site_url=site_url)
        body = body.replace(_MANAGE, links["manage_url"]).replace(
            _UNSUBSCRIBE, links["unsubscribe_url"])
        rows.append(_row(key=f"{key_prefix}:s{subscriber.pk}",
                         recipient_email=subscriber.email, language=language, kind=kind,
                         from_email=_sender(profile, language), template=template,
                         subject=subject, body=body, unsubscribe_url=links["unsubscribe_url"],
                         digest=digest))
    # Inserted apart, so that the ids of the new immediate rows are known without a query;
    # ON CONFLICT skips the keys recorded already.
    immediate_ids = _insert([row for row in rows if not row["digest"]])
    digest_ids = _insert([row for row in rows if row["digest"]])
    if immediate_ids:
        _deliver_after_commit(immediate_ids)
    return len(immediate_ids) + len(digest_ids)


class _OutboxCommitted:
    """The after-commit hand-over of one member's outbox (registered once per transaction
    and member). It remembers the member (a request may have left the schema by then) and
    the rows recorded, which an inline delivery sends (and only those)."""

    def __init__(self, tenant):
        self.tenant = tenant
        self.pks: list[int] = []
        # Django names a robust hook that failed by its __qualname__: without one, logging a
        # broker outage raised AttributeError after the change had committed (a 500).
        self.__qualname__ = f"outbox_hand_over({tenant.schema_name})"

    def __call__(self) -> None:
        outbox_hand_over(self.tenant, only=self.pks)


def outbox_hand_over(tenant, *, only: list[int] | None = None) -> None:
    """Have a member's due mail sent: by the workers, or in this process (development without
    workers, and tests of the pages), then only the rows `only` when given."""
    if settings.NOTIFICATIONS_DELIVERY == "inline":
        with tenant_context(tenant):
            notifications_deliver(only=only)
    else:
        outbox_ready.send(sender=Notification, schema_name=tenant.schema_name)


def _deliver_after_commit(pks: list[int]) -> None:
    """Once per transaction (per atomic block, strictly): after commit, hand the member's
    outbox to the workers."""
    schema, savepoints = connection.schema_name, set(connection.savepoint_ids)
    for sids, func, _robust in connection.run_on_commit:
        if (isinstance(func, _OutboxCommitted) and func.tenant.schema_name == schema
                and sids == savepoints):
            func.pks.extend(pks)
            return
    hook = _OutboxCommitted(connection.tenant)
    hook.pks.extend(pks)
    # Robust: the change is committed whatever happens here (a broker down is logged, and the
    # sweep sends the rows a few minutes later).
    transaction.on_commit(hook, robust=True)


# ---------------------------------------------------------------------------------------------
# Delivery


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    # Seconds until the next row of this member falls due (a back-off, a foreign lease), or
    # None when nothing is waiting: the task uses it to come back.
    next_in: float | None = None


def _due(only: list[int] | None = None) -> Q:
    now = timezone.now()
    mine = Q(pk__in=only) if only is not None else Q()
    return mine & Q(digest="") & (Q(state=Notification.State.PENDING, next_attempt_at__lte=now)
                           | Q(state=Notification.State.SENDING, claimed_until__lt=now))


def _claim(batch_size: int, lease_until: datetime,
           only: list[int] | None = None) -> list[Notification]:
    with transaction.atomic():
        rows = list(Notification.objects.select_for_update(skip_locked=True)
                    .filter(_due(only)).order_by("next_attempt_at", "pk")
                    .only("pk", "key", "recipient_email", "from_email", "subject", "body",
                          "unsubscribe_url", "attempts")[:batch_size])
        if rows:
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
                state=Notification.State.SENDING, claimed_until=lease_until,
                attempts=F("attempts") + 1)
            for row in rows:
                row.attempts += 1
    return rows


def _message_id(key: str) -> str:
    digest = hashlib.sha256(f"{connection.schema_name}:{key}".encode()).hexdigest()[:32]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "infitah.ma"
    return f"<{digest}@{domain}>"


def _message(row: Notification, smtp) -> EmailMessage:
    headers = {"Message-ID": _message_id(row.key), "Auto-Submitted": "auto-generated"}
    if row.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{row.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(row.subject, row.body, row.from_email, [row.recipient_email],
                        headers=headers, connection=smtp)


def _permanent(error: Exception) -> bool:
    """A 5xx answer (address refused, message refused) will not get better by waiting."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _reason(error: Exception) -> str:
    """What the server said, as the back office shows it ("SMTP 451: 4.2.1 Mailbox busy")."""
    answers = []
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
    elif isinstance(error, smtplib.SMTPResponseException):
        answers = [(error.smtp_code, error.smtp_error)]
    if answers:
        return "; ".join(f"SMTP {code}: " + (text.decode(errors="replace")
                                            if isinstance(text, bytes) else str(text))
                         for code, text in answers)[:1000]
    return f"{type(error).__name__}: {error}"[:1000]


def _mark_sent(row: Notification, lease_until: datetime) -> None:
    # One statement, committed on its own (autocommit): the smallest window there is between
    # "the SMTP server accepted" and "the outbox knows". Plain SQL: it runs once per e-mail.
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{Notification._meta.db_table}" SET "state" = %s, '
                       '"sent_at" = %s, "claimed_until" = NULL, "last_error" = \'\' '
                       'WHERE "id" = %s AND "state" = %s AND "claimed_until" = %s',
                       [Notification.State.SENT, timezone.now(), row.pk,
                        Notification.State.SENDING, lease_until])


def _mark_failure(row: Notification, error: Exception, lease_until: datetime,
                  report: DeliveryReport, *, permanent: bool = False) -> None:
    reason = _reason(error)
    mine = Notification.objects.filter(pk=row.pk, state=Notification.State.SENDING,
                                       claimed_until=lease_until)
    if (permanent or _permanent(error)
            or row.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS):
        mine.update(state=Notification.State.FAILED, claimed_until=None, last_error=reason)
        report.failed += 1
        logger.warning("Notification %s failed after %d attempts: %s", row.pk, row.attempts,
                       reason)
        return
    delay = settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** (row.attempts - 1)
    mine.update(state=Notification.State.PENDING, claimed_until=None, last_error=reason,
                next_attempt_at=timezone.now() + timedelta(seconds=delay))
    report.retried += 1


def _release(rows: list[Notification], lease_until: datetime) -> None:
    """Give back rows claimed but not tried (the lease ran short): as if never claimed."""
    Notification.objects.filter(pk__in=[row.pk for row in rows], claimed_until=lease_until,
                                state=Notification.State.SENDING).update(
        state=Notification.State.PENDING, claimed_until=None,
        attempts=F("attempts") - 1)


SMTP_ERRORS = (smtplib.SMTPException, OSError)


def _send_batch(rows: list[Notification], lease_until: datetime, report: DeliveryReport) -> None:
    # Stop a tenth of the lease early: a row is never sent after its lease could have passed
    # to another worker.
    margin = timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS / 10)
    smtp = get_connection(fail_silently=False)
    try:
        try:
            smtp.open()  # one connection for the batch (send_messages would open one a call)
        except SMTP_ERRORS:
            pass  # the first message tries again and its failure is recorded
        for index, row in enumerate(rows):
            if timezone.now() >= lease_until - margin:
                _release(rows[index:], lease_until)
                break
            try:
                if not smtp.send_messages([_message(row, smtp)]):
                    raise smtplib.SMTPException("the backend sent nothing")
            except SMTP_ERRORS as error:
                _mark_failure(row, error, lease_until, report)
                # The connection may be broken: the next message gets a fresh one.
                _close_quietly(smtp)
                try:
                    smtp.open()
                except SMTP_ERRORS:
                    pass
            except (ValueError, UnicodeError) as error:
                # A message that cannot be built (a header with a line break...): no retry
                # would help, and it must not hold the rest of the batch.
                _mark_failure(row, error, lease_until, report, permanent=True)
            else:
                _mark_sent(row, lease_until)
                report.sent += 1
    finally:
        _close_quietly(smtp)


def _close_quietly(smtp) -> None:
    try:
        smtp.close()
    except SMTP_ERRORS:
        pass


def notifications_deliver(*, batch_size: int | None = None, max_batches: int | None = None,
                          only: list[int] | None = None) -> DeliveryReport:
    """Send the current member's due notifications (or those of `only` among them), batch
    after batch, one SMTP connection a batch. Safe to run concurrently and again (see the
    module's docstring)."""
    batch_size = batch_size or settings.NOTIFICATIONS_BATCH_SIZE
    lease = timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS)
    report = DeliveryReport()
    batches = 0
    while max_batches is None or batches < max_batches:
        lease_until = timezone.now() + lease
        rows = _claim(batch_size, lease_until, only)
        if not rows:
            break
        batches += 1
        _send_batch(rows, lease_until, report)
    report.next_in = notifications_next_due_in()
    return report


def notifications_next_due_in() -> float | None:
    """Seconds until a row of the member's outbox can be claimed again, or None."""
    figures = Notification.objects.filter(digest="").aggregate(
        pending=Min("next_attempt_at", filter=Q(state=Notification.State.PENDING)),
        leased=Min("claimed_until", filter=Q(state=Notification.State.SENDING)))
    moments = [moment for moment in figures.values() if moment is not None]
    if not moments:
        return None
    return max(0.0, (min(moments) - timezone.now()).total_seconds())


def notifications_due_exist() -> bool:
    """Whether anything can be sent now (the sweep's cheap question)."""
    return Notification.objects.filter(_due()).exists()


# ---------------------------------------------------------------------------------------------
# Digests


def notifications_digest_group(*, delivery: str) -> int:
    """Group every subscriber's waiting `delivery` ("daily" / "weekly") items into one e-mail
    each, in the subscriber's language; returns how many digests were recorded. Run again (a
    redelivered task), it finds the items already grouped and records nothing."""
    assert delivery in (Delivery.DAILY, Delivery.WEEKLY)
    profile = site_profile_get()
    site_url = member_site_url()
    recorded = 0
    with transaction.atomic():
        items = list(Notification.objects.select_for_update(skip_locked=True)
                     .filter(state=Notification.State.PENDING, digest=delivery)
                     .order_by("recipient_email", "pk"))
        by_recipient: dict[str, list[Notification]] = {}
        for item in items:
            by_recipient.setdefault(item.recipient_email, []).append(item)
        subscribers = {subscriber.email: subscriber for subscriber in
                       Subscriber.objects.filter(email__in=list(by_recipient))}
        for email, group in by_recipient.items():
            subscriber = subscribers.get(email)
            language = subscriber.language if subscriber else group[0].language
            links = subscriber_links(subscriber, site_url=site_url) if subscriber else {}
            digest = notification_record(
                key=f"digest:{delivery}:{email}:{group[0].pk}-{group[-1].pk}",
                recipient_email=email, language=language,
                template="notifications/email/digest", kind=f"digest.{delivery}",
                context={"items": group, "delivery": delivery, "count": len(group), **links},
                unsubscribe_url=links.get("unsubscribe_url", ""), profile=profile)
            if digest is None:
                continue
            Notification.objects.filter(pk__in=[item.pk for item in group]).update(
                state=Notification.State.GROUPED, grouped_into_id=digest.pk,
                sent_at=timezone.now())
            recorded += 1
    return recorded


def notifications_purge(*, days: int | None = None) -> int:
    """Delete what was settled (sent, grouped, failed) more than `days` ago (default
    NOTIFICATIONS_KEEP_DAYS, 180): the outbox keeps what the back office and idempotency need
    (every key that can still come again is younger), not every e-mail ever sent."""
    days = days if days is not None else settings.NOTIFICATIONS_KEEP_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    settled = (Notification.State.SENT, Notification.State.GROUPED, Notification.State.FAILED)
    deleted, _rows = Notification.objects.filter(state__in=settled,
                                                 created_at__lt=cutoff).delete()
    return deleted


# ---------------------------------------------------------------------------------------------
# Subscribers


def subscriber_links(subscriber: Subscriber, *, site_url: str | None = None) -> dict:
    """The signed manage and one-click unsubscribe links of a subscriber (this member only)."""
    base = (site_url or member_site_url()).rstrip("/")

    def link(purpose: str, name: str) -> str:
        signed = subscriber_token_make(subscriber_pk=subscriber.pk, token=subscriber.token,
                                       purpose=purpose)
        return base + reverse(name, kwargs={"token": signed})

    return {"manage_url": link("manage", "notifications-manage"),
            "unsubscribe_url": link("unsubscribe", "notifications-unsubscribe")}


def subscriber_from_link(signed: str, *, purpose: str) -> Subscriber:
    """The subscriber a signed link was made for; LinkRefused for a forged link, a link of
    another member, a link made before the subscriber's token was renewed, or one expired."""
    pk, token = subscriber_token_read(signed, purpose=purpose)
    subscriber = Subscriber.objects.filter(pk=pk, token=token).first()
    if subscriber is None:
        raise LinkRefused(purpose)
    return subscriber


def _clean_choices(*, topics, language: str, delivery: str, allow_none: bool = False) -> list[str]:
    errors = {}
    topics = list(dict.fromkeys(topics))
    if (not topics and not allow_none) or any(topic not in GENERAL_TOPICS for topic in topics):
        errors["topics"] = ValidationError(_("Choose at least one topic to follow."),
                                           code="topics")
    if language not in LANGUAGES:
        errors["language"] = ValidationError(_("Choose Arabic or French."), code="language")
    if delivery not in Delivery.values:
        errors["delivery"] = ValidationError(_("Choose how often you want to be written to."),
                                             code="delivery")
    if errors:
        raise ValidationError(errors)
    return topics


def _normalized(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": ValidationError(_("Enter a valid e-mail address."),
                                                        code="email")}) from error
    return email


@transaction.atomic
def subscriber_subscribe(*, email: str, topics: list[str], language: str, delivery: str,
                         site_url: str = "", follow: tuple[str, int] | None = None) -> Subscriber:
    """Record what a person asks to follow and e-mail them the link that confirms their
    address. Nothing is sent to the address before it is confirmed. A second form for an
    address already known adds its topics but changes no choice of language or frequency
    until the new link is followed (so nobody can change another person's settings)."""
    email = _normalized(email)
    topics = _clean_choices(topics=topics, language=language, delivery=delivery,
                            allow_none=follow is not None)
    subscriber, created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language, "delivery": delivery})
    if subscriber.verified_at is not None:
        # The address is confirmed already: its owner gets their manage link, and nothing
        # changes until they use it (the form cannot change somebody else's choices).
        context = subscriber_links(subscriber, site_url=site_url)
        if follow:
            signed = subscriber_token_make(subscriber_pk=subscriber.pk, token=subscriber.token,
                                           purpose="follow", follow=f"{follow[0]}:{follow[1]}")
            context["follow_url"] = (site_url or member_site_url()).rstrip("/") + reverse(
                "notifications-follow", kwargs={"token": signed})
            context["follow"] = follow
        notification_record(
            key=f"manage-link:{email}:{timezone.localdate().isoformat()}"
                + (f":{follow[0]}:{follow[1]}" if follow else ""),
            recipient_email=email, language=subscriber.language,
            template="notifications/email/manage", kind="subscriber.manage", context=context)
        return subscriber
    if not created:
        subscriber.language, subscriber.delivery = language, delivery
        subscriber.save(update_fields=["language", "delivery"])
    wanted = [(topic, 0) for topic in topics] + ([follow] if follow else [])
    for topic, object_id in wanted:
        Subscription.objects.get_or_create(subscriber=subscriber, topic=topic,
                                           object_id=object_id)
    signed = subscriber_token_make(subscriber_pk=subscriber.pk, token=subscriber.token,
                                   purpose="verify")
    base = (site_url or member_site_url()).rstrip("/")
    link = base + reverse("notifications-verify", kwargs={"token": signed})
    # One verification e-mail per address and day at most: the form cannot be used to flood
    # somebody's mailbox.
    notification_record(key=f"verify:{email}:{timezone.localdate().isoformat()}",
                        recipient_email=email, language=language,
                        template="notifications/email/verify", kind="subscriber.verify",
                        context={"link": link, "topics": [Topic(t).label for t in topics]})
    return subscriber


@transaction.atomic
def subscriber_verify(*, signed: str) -> Subscriber:
    subscriber = subscriber_from_link(signed, purpose="verify")
    if subscriber.verified_at is None:
        subscriber.verified_at = timezone.now()
        subscriber.save(update_fields=["verified_at"])
    return subscriber


@transaction.atomic
def subscriber_update(*, subscriber: Subscriber, topics: list[str], language: str,
                      delivery: str) -> Subscriber:
    """The manage page: the general topics, language and frequency (the requests and petitions
    followed by id stay)."""
    by_id = subscriber.subscriptions.exclude(object_id=0).exists()
    topics = _clean_choices(topics=topics, language=language, delivery=delivery,
                            allow_none=by_id)
    subscriber.language, subscriber.delivery = language, delivery
    subscriber.save(update_fields=["language", "delivery"])
    subscriber.subscriptions.filter(topic__in=GENERAL_TOPICS).exclude(topic__in=topics).delete()
    for topic in topics:
        Subscription.objects.get_or_create(subscriber=subscriber, topic=topic, object_id=0)
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, subscriber: Subscriber) -> None:
    """Stop everything: the subscriptions, the address, and the items waiting for a digest."""
    Notification.objects.filter(recipient_email=subscriber.email,
                                state=Notification.State.PENDING).exclude(digest="").update(
        state=Notification.State.FAILED, last_error="unsubscribed")
    subscriber.delete()


@transaction.atomic
def subscriber_follow_confirm(*, signed: str) -> Subscription:
    """The link e-mailed to a confirmed address that asked to follow one more request or
    petition: the subscription starts when its owner follows it."""
    pk, token, value = follow_token_read(signed)
    subscriber = Subscriber.objects.filter(pk=pk, token=token).first()
    follow = follow_parse(value)
    if subscriber is None or follow is None:
        raise LinkRefused("follow")
    return Subscription.objects.get_or_create(subscriber=subscriber, topic=follow[0],
                                              object_id=follow[1])[0]


def follow_parse(value: str) -> tuple[str, int] | None:
    """"information_request:12" or "petition:7" (from a "follow" link of a request in the
    public register or of a published petition) when that object exists here, else None."""
    topic, _, pk = (value or "").partition(":")
    if not pk.isdigit() or len(pk) > 9:
        return None
    if topic == Topic.INFORMATION_REQUEST:
        from tenants.information_requests.models import InformationRequest

        found = InformationRequest.objects.filter(pk=int(pk)).exists()
    elif topic == Topic.PETITION:
        from tenants.petitions.models import Petition

        found = Petition.objects.filter(pk=int(pk), published_at__isnull=False).exists()
    else:
        return None
    return (topic, int(pk)) if found else None


def event_fingerprint(kind: str, data: dict) -> str:
    """A stable id of one event, for idempotency keys (same event, same key)."""
    text = json.dumps({"kind": kind, **data}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]
