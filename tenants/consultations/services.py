"""Writes of consultations (the current member's schema: every function runs where it is called).

Citizens' texts are cleaned here (plain text, `clean_citizen_text`), so the pages, the API and
the back office all store the same thing. The limits on public writes are checked by the
views and the API before they call `comment_submit` / `comment_report` (citizens.limits): they
count requests of a person and of an address, which the demo seeds do not make.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from citizens import clean_citizen_text
from events import emit
from kernel.actors import Actor
from kernel.partial_update import fields_update
from tenants.consultations.models import (
    Comment,
    CommentReport,
    Consultation,
    ModerationEvent,
    Response,
    Section,
)
from tenants.consultations.tokens import (
    LinkRefused,
    comment_token_make,
    comment_token_read,
    verification_hours,
)
from tenants.programme.models import Commitment, Programme
from kernel.mail import member_mail_send

# What staff may set on a consultation, through the admin or code.
EDITABLE_FIELDS = (
    "title_ar",
    "title_fr",
    "description_ar",
    "description_fr",
    "programme",
    "document",
    "opens_at",
    "closes_at",
)
NAME_MAX_LENGTH = 100
BODY_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 1000
# Reports (from different visitors) that hide a comment until a moderator decides; a member
# deployment may set CONSULTATION_REPORTS_TO_HIDE in the settings.
CONSULTATION_REPORTS_TO_HIDE = 3


def reports_to_hide() -> int:
    return getattr(settings, "CONSULTATION_REPORTS_TO_HIDE", CONSULTATION_REPORTS_TO_HIDE)


def _same_email(first: str | None, second: str | None) -> bool:
    return bool(first and second) and first.strip().casefold() == second.strip().casefold()


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


# Consultations and their sections (staff) -----------------------------------------------


@transaction.atomic
def consultation_create(
    *,
    opens_at: datetime,
    closes_at: datetime,
    title_ar: str = "",
    title_fr: str = "",
    description_ar: str = "",
    description_fr: str = "",
    programme: Programme | None = None,
    document=None,
) -> Consultation:
    """Open a consultation (at `opens_at`) on the programme, a document or its own text."""
    consultation = _save(
        Consultation(
            title_ar=title_ar,
            title_fr=title_fr,
            description_ar=description_ar,
            description_fr=description_fr,
            programme=programme,
            document=document,
            opens_at=opens_at,
            closes_at=closes_at,
        )
    )
    emit("consultation.opened", consultation_id=consultation.pk)
    return consultation


@transaction.atomic
def consultation_update(*, consultation: Consultation, **changes) -> Consultation:
    """Change some of a consultation's EDITABLE_FIELDS; validated as a whole."""
    fields_update(consultation, changes, allowed=EDITABLE_FIELDS)
    return _save(consultation)


@transaction.atomic
def section_create(
    *,
    consultation: Consultation,
    title_ar: str = "",
    title_fr: str = "",
    text_ar: str = "",
    text_fr: str = "",
    commitment: Commitment | None = None,
    number: int | None = None,
) -> Section:
    """Add a section (numbered after the last one unless given). A section about a commitment
    takes the commitment's titles when given none."""
    if commitment is not None and not (title_ar.strip() or title_fr.strip()):
        title_ar, title_fr = commitment.title_ar, commitment.title_fr
    if number is None:
        last = (
            Section.objects.select_for_update()
            .filter(consultation=consultation)
            .aggregate(last=Max("number"))["last"]
        )
        number = (last or 0) + 1
    return _save(
        Section(
            consultation=consultation,
            number=number,
            title_ar=title_ar,
            title_fr=title_fr,
            text_ar=text_ar,
            text_fr=text_fr,
            commitment=commitment,
        )
    )


@transaction.atomic
def consultation_add_commitment_sections(*, consultation: Consultation) -> list[Section]:
    """A section per commitment of the consultation's programme not yet in a section, in the
    programme's order, each with the commitment's title and what it does."""
    if consultation.programme_id is None:
        return []
    covered = Section.objects.filter(consultation=consultation, commitment__isnull=False)
    commitments = (
        Commitment.objects.filter(programme_id=consultation.programme_id)
        .exclude(pk__in=covered.values("commitment"))
        .order_by("number")
    )
    return [
        section_create(
            consultation=consultation,
            commitment=commitment,
            text_ar=commitment.action_ar,
            text_fr=commitment.action_fr,
        )
        for commitment in commitments
    ]


# Comments (the public) ---------------------------------------------------------------------


def _citizen_text(field: str, text: str, max_length: int) -> str:
    try:
        return clean_citizen_text(text, max_length=max_length)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from error


def comment_verification_link(*, comment: Comment, site_url: str) -> str:
    return site_url.rstrip("/") + reverse(
        "consultations:verify", args=[comment_token_make(comment.pk)]
    )


@transaction.atomic
def comment_submit(
    *,
    consultation: Consultation,
    author_name: str,
    email: str,
    body: str,
    site_url: str,
    show_name: bool = False,
    section: Section | None = None,
    language: str = "ar",
    verified_email: str | None = None,
) -> Comment:
    """Receive a comment while the consultation is open.

    When `verified_email` (the address this person confirmed earlier in the same session) is
    the one given, the comment is published at once. Otherwise it waits, and a one-time link
    to publish it is e-mailed (in `language`) once the transaction commits.
    """
    if not consultation.is_open:
        raise ValidationError(_("This consultation is not open for comments."), code="not_open")
    email = BaseUserManager.normalize_email(email.strip())
    comment = Comment(
        consultation=consultation,
        section=section,
        email=email,
        author_name=_citizen_text("author_name", author_name, NAME_MAX_LENGTH),
        body=_citizen_text("body", body, BODY_MAX_LENGTH),
        show_name=show_name,
        language=language if language in ("ar", "fr") else "ar",
    )
    verified = _same_email(verified_email, email)
    if verified:
        comment.status, comment.verified_at = Comment.Status.PUBLISHED, timezone.now()
    _save(comment)
    if verified:
        emit("comment.awaiting_moderation", comment_id=comment.pk, reason="new")
    if not verified:
        member_mail_send(
            to=email,
            template="consultations/email/verify",
            language=comment.language,
            context={
                "link": comment_verification_link(comment=comment, site_url=site_url),
                "consultation": consultation,
                "comment": comment,
                "hours": verification_hours(),
            },
        )
    return comment


@transaction.atomic
def comment_verify(*, token: str) -> Comment:
    """Publish the comment a link was made for. The link works once: LinkRefused("used") when
    it has been followed already, "expired" or "invalid" otherwise.

    A comment sent while the consultation was open is published even if its author confirms
    after the closing: it was received in time.
    """
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .filter(pk=comment_token_read(token))
        .first()
    )
    if comment is None:
        raise LinkRefused("invalid")
    if comment.status != Comment.Status.PENDING:
        raise LinkRefused("used")
    comment.status, comment.verified_at = Comment.Status.PUBLISHED, timezone.now()
    comment.save(update_fields=["status", "verified_at"])
    emit("comment.awaiting_moderation", comment_id=comment.pk, reason="new")
    return comment


@transaction.atomic
def comment_pending_purge(*, now: datetime | None = None) -> int:
    """Delete comments whose link has expired unused (their e-mail is personal data kept for
    nothing). Returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(hours=verification_hours())
    deleted, _rows = Comment.objects.filter(
        status=Comment.Status.PENDING, created_at__lt=cutoff
    ).delete()
    return deleted


# Moderation ------------------------------------------------------------------------------


def _reporter_key(address: str) -> str:
    # Keyed with the member's schema: the same visitor is not recognisable across members.
    return salted_hmac(
        f"infitah.consultation-report.{connection.schema_name}", address or "unknown"
    ).hexdigest()[:64]


@transaction.atomic
def comment_report(*, comment: Comment, address: str) -> Comment:
    """Record a visitor's report of a published comment (once per visitor). At
    CONSULTATION_REPORTS_TO_HIDE reports the comment is hidden until a moderator decides;
    after a moderator's decision, reports are counted but hide nothing on their own."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status == Comment.Status.PENDING:
        raise ValidationError(_("This comment is not published."), code="not_published")
    _report, created = CommentReport.objects.get_or_create(
        comment=comment, reporter=_reporter_key(address)
    )
    if not created:
        return comment
    comment.report_count += 1
    fields = ["report_count"]
    if (
        comment.status == Comment.Status.PUBLISHED
        and not comment.moderator_decided
        and comment.report_count >= reports_to_hide()
    ):
        comment.status = Comment.Status.HIDDEN
        fields.append("status")
        ModerationEvent.objects.create(
            comment=comment, action=ModerationEvent.Action.HIDDEN_AFTER_REPORTS
        )
        emit("comment.awaiting_moderation", comment_id=comment.pk, reason="reported")
    comment.save(update_fields=fields)
    return comment


def _moderate(
    *, comment: Comment, action: str, status: str, by: Actor, reason: str, allowed_from: set[str]
) -> ModerationEvent:
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Give the reason for this decision."), code="reason_required"
                )
            }
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Please keep it under %(limit)s characters.") % {"limit": REASON_MAX_LENGTH},
                    code="too_long",
                )
            }
        )
    if comment.status not in allowed_from:
        raise ValidationError(
            _("This comment cannot be moderated that way (it is %(status)s).")
            % {"status": comment.get_status_display()},
            code="wrong_status",
        )
    comment.status, comment.moderator_decided = status, True
    comment.save(update_fields=["status", "moderator_decided"])
    return _save(ModerationEvent(comment=comment, action=action, reason=reason, **by.columns()))


@transaction.atomic
def comment_hide(*, comment: Comment, by: Actor, reason: str) -> ModerationEvent:
    """A moderator hides a published comment, or confirms the hiding that reports caused."""
    return _moderate(
        comment=comment,
        action=ModerationEvent.Action.HIDE,
        status=Comment.Status.HIDDEN,
        by=by,
        reason=reason,
        allowed_from={Comment.Status.PUBLISHED, Comment.Status.HIDDEN},
    )


@transaction.atomic
def comment_restore(*, comment: Comment, by: Actor, reason: str) -> ModerationEvent:
    """A moderator publishes a hidden comment again; reports no longer hide it on their own."""
    return _moderate(
        comment=comment,
        action=ModerationEvent.Action.RESTORE,
        status=Comment.Status.PUBLISHED,
        by=by,
        reason=reason,
        allowed_from={Comment.Status.HIDDEN},
    )


# Reasoned responses (staff) ----------------------------------------------------------------


@transaction.atomic
def response_save(
    *, comment: Comment, kind: str, by: Actor, reasoning_ar: str = "", reasoning_fr: str = ""
) -> Response:
    """Publish (or revise) the member's reasoned response to a comment."""
    if comment.status == Comment.Status.PENDING:
        raise ValidationError(_("This comment is not published."), code="not_published")
    response = Response.objects.select_for_update().filter(comment=comment).first() or Response(
        comment=comment
    )
    response.kind, response.reasoning_ar, response.reasoning_fr = kind, reasoning_ar, reasoning_fr
    by.set_on(response)
    response.at = timezone.now()
    return _save(response)


@transaction.atomic
def section_delete(*, section: Section) -> None:
    """Remove a section nobody has commented on (comments keep their section)."""
    if section.comments.exists():
        raise ValidationError(
            _("A section that has comments cannot be deleted."), code="section_has_comments"
        )
    section.delete()
