"""The delivery of a member's outbox over SMTP (member schema).

Every e-mail of a member is one `Notification` row, recorded inside the transaction of the
change it tells about (recording.py), and sent by the workers after commit
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
import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from tenants.notifications.models import Notification

logger = logging.getLogger(__name__)


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
    return (
        mine
        & Q(digest="")
        & (
            Q(state=Notification.State.PENDING, next_attempt_at__lte=now)
            | Q(state=Notification.State.SENDING, claimed_until__lt=now)
        )
    )


def _claim(
    batch_size: int, lease_until: datetime, only: list[int] | None = None
) -> list[Notification]:
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(_due(only))
            .order_by("next_attempt_at", "pk")
            .only(
                "pk",
                "key",
                "recipient_email",
                "from_email",
                "subject",
                "body",
                "unsubscribe_url",
                "attempts",
            )[:batch_size]
        )
        if rows:
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
                state=Notification.State.SENDING,
                claimed_until=lease_until,
                attempts=F("attempts") + 1,
            )
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
    return EmailMessage(
        row.subject,
        row.body,
        row.from_email,
        [row.recipient_email],
        headers=headers,
        connection=smtp,
    )


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
        return "; ".join(
            f"SMTP {code}: "
            + (text.decode(errors="replace") if isinstance(text, bytes) else str(text))
            for code, text in answers
        )[:1000]
    return f"{type(error).__name__}: {error}"[:1000]


def _mark_sent(row: Notification, lease_until: datetime) -> None:
    # One statement, committed on its own (autocommit): the smallest window there is between
    # "the SMTP server accepted" and "the outbox knows". Plain SQL: it runs once per e-mail.
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{Notification._meta.db_table}" SET "state" = %s, '
            '"sent_at" = %s, "claimed_until" = NULL, "last_error" = \'\' '
            'WHERE "id" = %s AND "state" = %s AND "claimed_until" = %s',
            [
                Notification.State.SENT,
                timezone.now(),
                row.pk,
                Notification.State.SENDING,
                lease_until,
            ],
        )


def _mark_failure(
    row: Notification,
    error: Exception,
    lease_until: datetime,
    report: DeliveryReport,
    *,
    permanent: bool = False,
) -> None:
    reason = _reason(error)
    mine = Notification.objects.filter(
        pk=row.pk, state=Notification.State.SENDING, claimed_until=lease_until
    )
    if permanent or _permanent(error) or row.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        mine.update(state=Notification.State.FAILED, claimed_until=None, last_error=reason)
        report.failed += 1
        logger.warning("Notification %s failed after %d attempts: %s", row.pk, row.attempts, reason)
        return
    delay = settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** (row.attempts - 1)
    mine.update(
        state=Notification.State.PENDING,
        claimed_until=None,
        last_error=reason,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    report.retried += 1


def _release(rows: list[Notification], lease_until: datetime) -> None:
    """Give back rows claimed but not tried (the lease ran short): as if never claimed."""
    Notification.objects.filter(
        pk__in=[row.pk for row in rows], claimed_until=lease_until, state=Notification.State.SENDING
    ).update(state=Notification.State.PENDING, claimed_until=None, attempts=F("attempts") - 1)


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


def notifications_deliver(
    *, batch_size: int | None = None, max_batches: int | None = None, only: list[int] | None = None
) -> DeliveryReport:
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
        leased=Min("claimed_until", filter=Q(state=Notification.State.SENDING)),
    )
    moments = [moment for moment in figures.values() if moment is not None]
    if not moments:
        return None
    return max(0.0, (min(moments) - timezone.now()).total_seconds())
