"""Writes of ideas (the current member's schema: every function runs where it is called).

Citizens' texts are cleaned here (plain text, `clean_citizen_text`), so the pages, the API and
the back office store the same thing. The limits on public writes (rows `ideas:*` of
citizens.limits) are checked by the views before they call a service: they count requests of a
person and of an address, which seeds and tests of the services do not make.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from citizens import clean_citizen_text
from tenants.ideas.models import Answer, Event, Idea, IdeaComment, Report, Status, Support
from tenants.ideas.selectors import collection_is_open
from tenants.ideas.tokens import (
    LinkRefused,
    contribution_token_make,
    contribution_token_read,
    verification_hours,
)
from tenants.programme.models import Commitment, Programme
from kernel.actors import Actor
from kernel.mail import member_mail_send

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 4000
NAME_MAX_LENGTH = 100
ASSOCIATION_MAX_LENGTH = 200
COMMENT_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 2000

# Reports (from different visitors) that hide an idea or a comment until staff decide; the
# consultations' setting, so one rule holds for every public contribution.
REPORTS_TO_HIDE = 3


def reports_to_hide() -> int:
    return getattr(settings, "CONSULTATION_REPORTS_TO_HIDE", REPORTS_TO_HIDE)


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def _citizen_text(field: str, text: str, max_length: int, *, required: bool = False) -> str:
    try:
        cleaned = clean_citizen_text(text, max_length=max_length)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from error
    if required and not cleaned:
        raise ValidationError(
            {field: ValidationError(_("This field is required."), code="required")}
        )
    return cleaned


def _same_email(first: str | None, second: str | None) -> bool:
    return bool(first and second) and first.strip().casefold() == second.strip().casefold()


def _language(language: str) -> str:
    return language if language in ("ar", "fr") else "ar"


def _refuse_when_closed(programme: Programme) -> None:
    if not collection_is_open(programme):
        raise ValidationError(
            _("The collection of ideas is closed: the programme is no longer being co-created."),
            code="closed",
        )


def confirmation_link(*, kind: str, pk: int, site_url: str) -> str:
    return site_url.rstrip("/") + reverse("ideas:confirm", args=[contribution_token_make(kind, pk)])


def _send_confirmation(
    *, kind: str, pk: int, email: str, language: str, idea: Idea, site_url: str
) -> None:
    member_mail_send(
        to=email,
        template="ideas/email/confirm",
        language=language,
        context={
            "link": confirmation_link(kind=kind, pk=pk, site_url=site_url),
            "kind": kind,
            "idea_title": idea.title,
            "hours": verification_hours(),
        },
    )


def _publish(idea: Idea, *, at) -> None:
    idea.status, idea.verified_at = Status.PUBLISHED, at
    idea.save(update_fields=["status", "verified_at"])
    Event.objects.create(idea=idea, kind=Event.Kind.PUBLISHED)


# Ideas, supports and comments (the public) ------------------------------------------------


@transaction.atomic
def idea_submit(
    *,
    programme: Programme,
    principle: str,
    title: str,
    body: str,
    author_name: str,
    email: str,
    site_url: str,
    show_name: bool = False,
    association: str = "",
    attachment=None,
    language: str = "ar",
    verified_email: str | None = None,
) -> Idea:
    """Receive an idea while the programme is being co-created.

    When `verified_email` (the address this person confirmed earlier in the same browser) is
    the one given, the idea is published at once; otherwise it waits, and a one-time link to
    publish it is e-mailed (in `language`) once the transaction commits."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    _refuse_when_closed(programme)
    email = BaseUserManager.normalize_email(email.strip())
    idea = Idea(
        programme=programme,
        principle=principle,
        email=email,
        title=_citizen_text("title", title, TITLE_MAX_LENGTH, required=True),
        body=_citizen_text("body", body, BODY_MAX_LENGTH, required=True),
        author_name=_citizen_text("author_name", author_name, NAME_MAX_LENGTH, required=True),
        association=_citizen_text("association", association, ASSOCIATION_MAX_LENGTH),
        show_name=show_name,
        language=_language(language),
    )
    if attachment:
        idea.attachment = attachment
    _save(idea)
    if _same_email(verified_email, email):
        _publish(idea, at=timezone.now())
    else:
        _send_confirmation(
            kind="idea",
            pk=idea.pk,
            email=email,
            language=idea.language,
            idea=idea,
            site_url=site_url,
        )
    return idea


@transaction.atomic
def support_submit(
    *,
    idea: Idea,
    email: str,
    site_url: str,
    language: str = "ar",
    verified_email: str | None = None,
) -> Support:
    """Support a published idea while the collection is open: counted at once when the
    address is the one confirmed in this browser, otherwise once its link is followed. An
    address supports an idea once; asking again for a support still waiting sends its link
    again."""
    idea = Idea.objects.select_related("programme").get(pk=idea.pk)
    if idea.status != Status.PUBLISHED:
        raise ValidationError(_("This idea is not published."), code="not_published")
    _refuse_when_closed(idea.programme)
    email = BaseUserManager.normalize_email(email.strip())
    try:
        Support(idea=idea, email=email).clean_fields(exclude=["idea"])
    except ValidationError as error:
        raise ValidationError({"email": error.message_dict.get("email", error.messages)}) from error
    support, _created = Support.objects.get_or_create(
        idea=idea, email__iexact=email, defaults={"email": email, "language": _language(language)}
    )
    if support.confirmed_at is not None:
        raise ValidationError(
            _("This address already supports this idea."), code="already_supported"
        )
    if _same_email(verified_email, email):
        support.confirmed_at = timezone.now()
        support.save(update_fields=["confirmed_at"])
    else:
        _send_confirmation(
            kind="support",
            pk=support.pk,
            email=email,
            language=support.language,
            idea=idea,
            site_url=site_url,
        )
    return support


@transaction.atomic
def comment_submit(
    *,
    idea: Idea,
    body: str,
    author_name: str,
    email: str,
    site_url: str,
    show_name: bool = False,
    language: str = "ar",
    verified_email: str | None = None,
) -> IdeaComment:
    """Comment on a published idea while the collection is open (published as ideas are)."""
    idea = Idea.objects.select_related("programme").get(pk=idea.pk)
    if idea.status != Status.PUBLISHED:
        raise ValidationError(_("This idea is not published."), code="not_published")
    _refuse_when_closed(idea.programme)
    email = BaseUserManager.normalize_email(email.strip())
    comment = IdeaComment(
        idea=idea,
        email=email,
        show_name=show_name,
        language=_language(language),
        body=_citizen_text("body", body, COMMENT_MAX_LENGTH, required=True),
        author_name=_citizen_text("author_name", author_name, NAME_MAX_LENGTH, required=True),
    )
    if _same_email(verified_email, email):
        comment.status, comment.verified_at = Status.PUBLISHED, timezone.now()
    _save(comment)
    if comment.status == Status.PENDING:
        _send_confirmation(
            kind="comment",
            pk=comment.pk,
            email=email,
            language=comment.language,
            idea=idea,
            site_url=site_url,
        )
    return comment


@transaction.atomic
def contribution_confirm(*, token: str) -> tuple[str, Idea | Support | IdeaComment]:
    """What a link confirms ("idea", "support" or "comment", and the row), now published or
    counted. The link works once: LinkRefused("used") when followed already, "expired" or
    "invalid" otherwise. Something sent while the collection was open counts even if its
    author confirms after it closed: it was received in time."""
    kind, pk = contribution_token_read(token)
    model = {"idea": Idea, "support": Support, "comment": IdeaComment}[kind]
    found = model.objects.select_for_update(of=("self",)).filter(pk=pk).first()
    if found is None:
        raise LinkRefused("invalid")
    now = timezone.now()
    if kind == "support":
        if found.confirmed_at is not None:
            raise LinkRefused("used")
        found.confirmed_at = now
        found.save(update_fields=["confirmed_at"])
    elif found.status != Status.PENDING:
        raise LinkRefused("used")
    elif kind == "idea":
        _publish(found, at=now)
    else:
        found.status, found.verified_at = Status.PUBLISHED, now
        found.save(update_fields=["status", "verified_at"])
    return kind, found


@transaction.atomic
def contribution_pending_purge(*, now=None) -> int:
    """Delete ideas, comments and supports whose link expired unused (their e-mail is
    personal data kept for nothing). Returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(hours=verification_hours())
    deleted = 0
    for rows in (
        Idea.objects.filter(status=Status.PENDING, created_at__lt=cutoff),
        IdeaComment.objects.filter(status=Status.PENDING, created_at__lt=cutoff),
        Support.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff),
    ):
        deleted += rows.delete()[1].get(rows.model._meta.label, 0)
    return deleted


# Reports and moderation ----------------------------------------------------------------------


def _reporter_key(address: str) -> str:
    # Keyed with the member's schema: the same visitor is not recognisable across members.
    return salted_hmac(
        f"infitah.ideas-report.{connection.schema_name}", address or "unknown"
    ).hexdigest()[:64]


def _target(idea: Idea | None, comment: IdeaComment | None):
    if (idea is None) == (comment is None):
        raise ValueError("report an idea or a comment")
    model, pk = (Idea, idea.pk) if idea is not None else (IdeaComment, comment.pk)
    return model.objects.select_for_update().get(pk=pk)


@transaction.atomic
def contribution_report(
    *, address: str, idea: Idea | None = None, comment: IdeaComment | None = None
) -> Idea | IdeaComment:
    """A visitor reports a published idea or comment (once per visitor). At
    CONSULTATION_REPORTS_TO_HIDE reports it is hidden until staff decide; after a decision,
    reports are counted but hide nothing on their own (the consultations' rule)."""
    target = _target(idea, comment)
    if target.status == Status.PENDING:
        raise ValidationError(_("This contribution is not published."), code="not_published")
    is_idea = isinstance(target, Idea)
    _report, created = Report.objects.get_or_create(
        reporter=_reporter_key(address), **({"idea": target} if is_idea else {"comment": target})
    )
    if not created:
        return target
    target.report_count += 1
    fields = ["report_count"]
    if (
        target.status == Status.PUBLISHED
        and not target.moderator_decided
        and target.report_count >= reports_to_hide()
    ):
        target.status = Status.HIDDEN
        fields.append("status")
        Event.objects.create(
            idea=target if is_idea else target.idea,
            comment=None if is_idea else target,
            kind=Event.Kind.HIDDEN_AFTER_REPORTS,
        )
    target.save(update_fields=fields)
    return target


def _moderate(
    *, idea: Idea | None, comment: IdeaComment | None, by: Actor, reason: str, hide: bool
) -> Event:
    target = _target(idea, comment)
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
    allowed = {Status.PUBLISHED, Status.HIDDEN} if hide else {Status.HIDDEN}
    if target.status not in allowed:
        raise ValidationError(
            _("This cannot be moderated that way (it is %(status)s).")
            % {"status": target.get_status_display()},
            code="wrong_status",
        )
    target.status = Status.HIDDEN if hide else Status.PUBLISHED
    target.moderator_decided = True
    target.save(update_fields=["status", "moderator_decided"])
    is_idea = isinstance(target, Idea)
    return _save(
        Event(
            idea=target if is_idea else target.idea,
            comment=None if is_idea else target,
            note=reason,
            **by.columns(),
            kind=Event.Kind.HIDDEN if hide else Event.Kind.RESTORED,
        )
    )


@transaction.atomic
def idea_hide(*, idea: Idea, by: Actor, reason: str) -> Event:
    """Staff hide a published idea (or confirm the hiding that reports caused), with a reason."""
    return _moderate(idea=idea, comment=None, by=by, reason=reason, hide=True)


@transaction.atomic
def idea_restore(*, idea: Idea, by: Actor, reason: str) -> Event:
    return _moderate(idea=idea, comment=None, by=by, reason=reason, hide=False)


@transaction.atomic
def comment_hide(*, comment: IdeaComment, by: Actor, reason: str) -> Event:
    return _moderate(idea=None, comment=comment, by=by, reason=reason, hide=True)


@transaction.atomic
def comment_restore(*, comment: IdeaComment, by: Actor, reason: str) -> Event:
    return _moderate(idea=None, comment=comment, by=by, reason=reason, hide=False)


# The official answer (staff) -------------------------------------------------------------------


@transaction.atomic
def idea_answer(
    *,
    idea: Idea,
    answer: str,
    by: Actor,
    reasons_ar: str = "",
    reasons_fr: str = "",
    commitment: Commitment | None = None,
    merged_into: Idea | None = None,
) -> Event:
    """Give (or change) the member's official answer to an idea, recorded in its dated path.

    Retained: with the commitment of the programme it became. Merged: into another published
    idea of the programme that is not itself merged. Not retained: reasons are required (in
    Arabic, French or both). Under study: reasons optional."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if idea.status == Status.PENDING:
        raise ValidationError(_("This idea is not published."), code="not_published")
    if merged_into is not None:  # as it stands now, not as the caller last read it
        merged_into = Idea.objects.select_for_update().filter(pk=merged_into.pk).first()
    reasons_ar, reasons_fr = (reasons_ar or "").strip(), (reasons_fr or "").strip()
    errors = {}
    if answer not in Answer.values:
        errors["answer"] = ValidationError(_("Choose the answer."), code="required")
    if len(reasons_ar) > REASON_MAX_LENGTH or len(reasons_fr) > REASON_MAX_LENGTH:
        errors["reasons_ar"] = ValidationError(
            _("Please keep it under %(limit)s characters.") % {"limit": REASON_MAX_LENGTH},
            code="too_long",
        )
    if answer == Answer.RETAINED and (
        commitment is None or commitment.programme_id != idea.programme_id
    ):
        errors["commitment"] = ValidationError(
            _("Choose the commitment of the programme this idea became."),
            code="commitment_required",
        )
    if answer == Answer.MERGED:
        if merged_into is None:
            errors["merged_into"] = ValidationError(
                _("Choose the idea it is merged into."), code="merged_into_required"
            )
        elif (
            merged_into.pk == idea.pk
            or merged_into.programme_id != idea.programme_id
            or merged_into.status != Status.PUBLISHED
            or merged_into.answer == Answer.MERGED
        ):
            errors["merged_into"] = ValidationError(
                _(
                    "An idea can be merged only into another published idea of the programme "
                    "that is not merged itself."
                ),
                code="merged_into_invalid",
            )
        elif idea.merged_ideas.exists():
            errors["merged_into"] = ValidationError(
                _("Other ideas are merged into this one: it cannot be merged itself."),
                code="has_merged_ideas",
            )
    if answer == Answer.NOT_RETAINED and not (reasons_ar or reasons_fr):
        errors["reasons_ar"] = ValidationError(
            _("Give the reasons why the idea is not retained, in Arabic, in French or in both."),
            code="reasons_required",
        )
    if errors:
        raise ValidationError(errors)
    idea.answer = answer
    idea.commitment = commitment if answer == Answer.RETAINED else None
    idea.merged_into = merged_into if answer == Answer.MERGED else None
    idea.answer_text_ar, idea.answer_text_fr = reasons_ar, reasons_fr
    idea.answered_at = timezone.now()
    _save(idea)
    note = "\n\n".join(text for text in (reasons_ar, reasons_fr) if text)
    return _save(
        Event(idea=idea, kind=Event.Kind.ANSWERED, answer=answer, note=note, **by.columns())
    )
