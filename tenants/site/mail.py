"""The one way a member's site e-mails a person (confirmations, receipts, invitations).

Messages are rendered in the recipient's language (Arabic unless they chose French) with the
member's name, recorded in the member's outbox inside the caller's transaction and sent by the
workers once it commits (tenants/notifications), so a rollback sends nothing and every e-mail
of a member goes the same way: once, retried on SMTP errors, its failure recorded.
"""

import uuid


def member_mail_send(
    *, to: str, template: str, context: dict, language: str = "ar", key: str | None = None
) -> None:
    """Send `<template>_subject.txt` / `<template>.txt` to `to` once the transaction commits.

    `key` makes the e-mail idempotent (a second call with it sends nothing); without one,
    each call is one e-mail."""
    from tenants.notifications.recording import notification_record

    notification_record(
        key=key or f"mail:{uuid.uuid4().hex}",
        recipient_email=to,
        language=language,
        template=template,
        context=context,
        kind=f"mail.{template.rsplit('/', 1)[-1]}",
    )
