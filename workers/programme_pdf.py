"""The programme's PDF (queue `aggregation`): rendered for a member when its site asks.

The site sends `programme_pdf_wanted` (tenants/programme/pdf.py) when a visitor wants a PDF
that is neither stored nor on its way; this sends one task to that member. The task renders and
stores the file unless a run before it did (idempotent: the file's name is the fingerprint of
what it shows). Rendering is CPU work of a second or more: the `aggregation` queue, not the mail
of `notifications`, waits behind it.
"""

from types import SimpleNamespace

from django.db import OperationalError
from django.dispatch import receiver

from tenants.programme.pdf import programme_pdf_generate, programme_pdf_wanted
from workers.app import app


@app.task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def programme_pdf_generate_for_member(language: str) -> str | None:
    """Runs in one member: the name of its stored PDF in `language`, None when there is none
    to make (no programme, French texts missing)."""
    return programme_pdf_generate(language=language)


@receiver(programme_pdf_wanted, dispatch_uid="workers.programme_pdf.programme_pdf_wanted")
def _generate(sender, *, schema_name: str, language: str, **kwargs) -> None:
    member = SimpleNamespace(schema_name=schema_name)  # all the hand-over needs of a member
    programme_pdf_generate_for_member.apply_async_for_member(member, args=[language])
