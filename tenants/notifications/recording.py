"""The outbox of a member: every e-mail recorded once, and handed over after commit (member
schema).

Every e-mail of a member is one `Notification` row, recorded inside the transaction of the
change it tells about (`notification_record`; `notifications_record_for_followers` for many
subscribers at once), under an idempotency key that the outbox keeps unique, so that a retried
task or a sweep run again records nothing twice. After commit the member's outbox is handed
over, once per transaction, to the workers (`outbox_ready`) or, without workers, to an inline
delivery (delivery.py sends the rows). Nothing is handed over on rollback.
"""

import hashlib
import json
from email.utils import parseaddr

from django.conf import settings
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tenants.utils import tenant_context

from tenants.notifications.delivery import notifications_deliver
from tenants.notifications.links import subscriber_links
from tenants.notifications.models import Delivery, Notification
from tenants.notifications.signals import outbox_ready
from tenants.site.selectors import site_profile_get

LANGUAGES = ("ar", "fr")


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


_INSERT_COLUMNS = (
    "key",
    "recipient_email",
    "language",
    "kind",
    "from_email",
    "template",
    "subject",
    "body",
    "unsubscribe_url",
    "digest",
    "state",
    "attempts",
    "last_error",
    "next_attempt_at",
    "created_at",
)


def outbox_insert_statement(table: str, rows: list[dict]) -> tuple[str, list]:
    """INSERT ... ON CONFLICT (key) DO NOTHING RETURNING id of `rows` (made by
    `outbox_row_render`) into `table` (the outbox's table, schema-qualified when a caller
    writes into several members' outboxes at once: tenants/reminders/calendar_hooks.py)."""
    columns = ", ".join(f'"{column}"' for column in _INSERT_COLUMNS)
    one = "(" + ", ".join(["%s"] * len(_INSERT_COLUMNS)) + ")"
    return (
        f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(rows))} "
        'ON CONFLICT ("key") DO NOTHING RETURNING "id"',
        [row[column] for row in rows for column in _INSERT_COLUMNS],
    )


def _insert(rows: list[dict]) -> list[int]:
    """The rows into the current member's outbox: the ids of those whose key was new."""
    table = f'"{Notification._meta.db_table}"'
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            cursor.execute(*outbox_insert_statement(table, rows[start : start + 500]))
            ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


KEY_MAX_LENGTH = 200  # Notification.key


def fit_key(key: str) -> str:
    """A key that fits the column: a long one (a long e-mail address in it) keeps its start
    and ends with a digest of the whole, so that it stays unique and stable."""
    if len(key) <= KEY_MAX_LENGTH:
        return key
    return f"{key[: KEY_MAX_LENGTH - 41]}~{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def _row(
    *,
    key: str,
    recipient_email: str,
    language: str,
    kind: str,
    from_email: str,
    template: str,
    subject: str,
    body: str,
    unsubscribe_url: str = "",
    digest: str = "",
) -> dict:
    now = timezone.now()
    return {
        "key": fit_key(key),
        "recipient_email": recipient_email,
        "language": language,
        "kind": kind,
        "from_email": from_email,
        "template": template,
        "subject": subject,
        "body": body,
        "unsubscribe_url": unsubscribe_url,
        "digest": digest,
        "state": Notification.State.PENDING,
        "attempts": 0,
        "last_error": "",
        "next_attempt_at": now,
        "created_at": now,
    }


def outbox_row_render(
    *,
    key: str,
    recipient_email: str,
    language: str,
    template: str,
    context: dict,
    kind: str,
    profile,
    digest: str = "",
    unsubscribe_url: str = "",
) -> dict:
    """One outbox row, rendered in its language ("ar" or "fr"; anything else is Arabic) with
    the member's name as sender, not yet inserted (see `notification_record`)."""
    language = language if language in LANGUAGES else "ar"
    subject, body = _render(template, context, language, profile)
    return _row(
        key=key,
        recipient_email=recipient_email,
        language=language,
        kind=kind,
        from_email=_sender(profile, language),
        template=template,
        subject=subject,
        body=body,
        unsubscribe_url=unsubscribe_url,
        digest=digest,
    )


def mail_record(sender, signal=None, **mail) -> None:
    """`kernel.mail.mail_requested`'s receiver: the kernel's mail entry point reaches the outbox."""
    notification_record(**mail)


def notification_record(
    *,
    key: str,
    recipient_email: str,
    language: str,
    template: str,
    context: dict,
    kind: str,
    digest: str = "",
    unsubscribe_url: str = "",
    profile=None,
) -> Notification | None:
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
    values = outbox_row_render(
        key=key,
        recipient_email=recipient_email,
        language=language,
        template=template,
        context=context,
        kind=kind,
        profile=site_profile_get() if profile is None else profile,
        digest=digest,
        unsubscribe_url=unsubscribe_url,
    )
    ids = _insert([values])
    if not ids:
        return None
    if not digest:
        _deliver_after_commit(ids)
    return Notification(pk=ids[0], **values)


# Stand-ins for a follower's own links: the e-mail is rendered once per language and each
# follower's signed links are put in its copy.
_MANAGE, _UNSUBSCRIBE = "@@manage-url@@", "@@unsubscribe-url@@"


def notifications_record_for_followers(
    *,
    kind: str,
    key_prefix: str,
    subscribers,
    template: str,
    context: dict,
    site_url: str = "",
    profile=None,
) -> int:
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
            rendered[variant] = _render(
                template,
                {
                    **context,
                    "in_digest": bool(digest),
                    "manage_url": _MANAGE,
                    "unsubscribe_url": _UNSUBSCRIBE,
                },
                language,
                profile,
            )
        subject, body = rendered[variant]
        links = subscriber_links(subscriber, site_url=site_url)
        body = body.replace(_MANAGE, links["manage_url"]).replace(
            _UNSUBSCRIBE, links["unsubscribe_url"]
        )
        rows.append(
            _row(
                key=f"{key_prefix}:s{subscriber.pk}",
                recipient_email=subscriber.email,
                language=language,
                kind=kind,
                from_email=_sender(profile, language),
                template=template,
                subject=subject,
                body=body,
                unsubscribe_url=links["unsubscribe_url"],
                digest=digest,
            )
        )
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
    hook = _hand_over_pending_here(connection.schema_name)
    if hook is None:
        hook = _OutboxCommitted(connection.tenant)
        # Robust: the change is committed whatever happens here (a broker down is logged, and
        # the sweep sends the rows a few minutes later).
        transaction.on_commit(hook, robust=True)
    hook.pks.extend(pks)


def _hand_over_pending_here(schema: str) -> "_OutboxCommitted | None":
    """The hand-over this member's outbox already has in the current atomic block, if any.

    Django's private state, read here only: Django has no public way to ask which on_commit
    hooks are pending, and the only other way to keep to one hand-over per member and
    transaction (bookkeeping of our own) would have to follow savepoint rollbacks, which
    drop hooks without telling anyone. Matching the exact savepoint ids keeps a hook and the
    rows it sends in the same block: rolled back together, or committed together."""
    savepoints = set(connection.savepoint_ids)
    for sids, func, _robust in connection.run_on_commit:
        if (
            isinstance(func, _OutboxCommitted)
            and func.tenant.schema_name == schema
            and sids == savepoints
        ):
            return func
    return None


def event_fingerprint(kind: str, data: dict) -> str:
    """A stable id of one event, for idempotency keys (same event, same key)."""
    text = json.dumps({"kind": kind, **data}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]
