"""The one way a member's site e-mails a person (confirmations, receipts, invitations).

Messages are rendered in the recipient's language (Arabic unless they chose French) with the
member's name, and sent after the transaction commits, so a rollback sends nothing.
"""
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from tenants.site.selectors import site_profile_get


def member_mail_send(*, to: str, template: str, context: dict, language: str = "ar") -> None:
    """Send `<template>_subject.txt` / `<template>.txt` to `to` once the transaction commits."""
    profile = site_profile_get()

    def send() -> None:
        with translation.override(language if language in ("ar", "fr") else "ar"):
            full_context = {**context, "profile": profile}
            subject = " ".join(render_to_string(f"{template}_subject.txt", full_context).split())
            body = render_to_string(f"{template}.txt", full_context)
        send_mail(subject, body, None, [to])

    transaction.on_commit(send)
