"""The one way a member's site e-mails a person (confirmations, receipts, invitations).

Messages are rendered in the recipient's language (Arabic unless they chose French) with the
member's name, recorded in the member's outbox inside the caller's transaction and sent by the
workers once it commits (tenants/notifications), so a rollback sends nothing and every e-mail
of a member goes the same way: once, retried on SMTP errors, its failure recorded.

The kernel knows no app: the outbox is reached through `mail_requested`, which the
notifications app connects when it starts. Without it connected, sending raises rather than
losing the e-mail.
"""

import uuid

from django.dispatch import Signal

# kwargs: key, recipient_email, language, template, context, kind
mail_requested = Signal()


class MailNotConnected(RuntimeError):
    """No outbox listens: the notifications app is not installed in this process."""


def member_mail_send(
    *, to: str, template: str, context: dict, language: str = "ar", key: str | None = None
) -> None:
    """Send `<template>_subject.txt` / `<template>.txt` to `to` once the transaction commits.

    `key` makes the e-mail idempotent (a second call with it sends nothing); without one,
    each call is one e-mail."""
    if not mail_requested.has_listeners():
        raise MailNotConnected("no outbox is connected to kernel.mail.mail_requested")
    mail_requested.send(
        sender=None,
        key=key or f"mail:{uuid.uuid4().hex}",
        recipient_email=to,
        language=language,
        template=template,
        context=context,
        kind=f"mail.{template.rsplit('/', 1)[-1]}",
    )
