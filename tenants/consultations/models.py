"""Public consultations of a member: a text open for comments during a window, its sections,
the comments (each verified by e-mail), their moderation and a reasoned response to each
(member schema).

A consultation is open from `opens_at` (included) to `closes_at` (excluded); nobody ticks a
box. A comment is stored as pending until its author follows the one-time link e-mailed to
them; only published comments are public, and a published comment reported by several
visitors is hidden until a moderator decides.

E-mail addresses are personal data: they are seen by the member's staff only, never on a
public page or in the public API. A name is shown only when its author ticked the box.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.actors import actor_fields
from kernel.bilingual import Bilingual


REQUIRED_IN_ONE_LANGUAGE = {
    "title": ("title_required", _("Give the title in Arabic, in French or in both.")),
    "reasoning": ("reasons_required", _("Give the reasons in Arabic, in French or in both.")),
}


def in_one_language_at_least(instance: models.Model, field: str) -> dict:
    """Strip `<field>_ar` and `<field>_fr`; the error (on the Arabic one) when both are empty."""
    texts = [getattr(instance, f"{field}_{language}").strip() for language in ("ar", "fr")]
    setattr(instance, f"{field}_ar", texts[0])
    setattr(instance, f"{field}_fr", texts[1])
    if any(texts):
        return {}
    code, message = REQUIRED_IN_ONE_LANGUAGE[field]
    return {f"{field}_ar": ValidationError(message, code=code)}


class Consultation(Bilingual, models.Model):
    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Not open yet")
        OPEN = "open", _("Open for comments")
        CLOSED = "closed", _("Closed")

    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    description_ar = models.TextField(_("text (Arabic)"), blank=True)
    description_fr = models.TextField(_("text (French)"), blank=True)
    # What is consulted on: the draft programme, a document of the library, or only the text.
    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("programme"),
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("document"),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = in_one_language_at_least(self, "title")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = ValidationError(
                gettext("The consultation must close after it opens."), code="closes_before_opening"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def description(self) -> str:
        return self.localized("description")

    def state_at(self, moment) -> str:
        if moment < self.opens_at:
            return self.State.UPCOMING
        return self.State.OPEN if moment < self.closes_at else self.State.CLOSED

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED

    def get_state_display(self) -> str:
        return self.State(self.state).label


class Section(Bilingual, models.Model):
    """A part of the consulted text. A section about a commitment of the programme keeps a
    copy of its title, so the summary still reads right if the commitment changes or goes."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("consultation"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    text_ar = models.TextField(_("text (Arabic)"), blank=True)
    text_fr = models.TextField(_("text (French)"), blank=True)
    commitment = models.ForeignKey(
        "programme.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_sections",
        verbose_name=_("commitment"),
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultation_section_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        errors = in_one_language_at_least(self, "title")
        if errors:
            raise ValidationError(errors)

    @property
    def text(self) -> str:
        return self.localized("text")


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for e-mail verification")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("consultation"),
    )
    # None: a comment on the whole text. A section with comments cannot be deleted.
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("section"),
    )
    body = models.TextField(_("comment"))
    author_name = models.CharField(_("name"), max_length=100)
    show_name = models.BooleanField(_("show the name"), default=False)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=2, default="ar")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    # Once a moderator has hidden or restored it, reports no longer hide it on their own.
    moderator_decided = models.BooleanField(_("decided by a moderator"), default=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["consultation", "status"], name="consultation_comment_status")
        ]
        # A plain string, like the names Django gives its own permissions.
        permissions = [("moderate_comment", "Can hide and restore comments")]

    def __str__(self) -> str:
        return self.body[:60]

    def clean(self) -> None:
        if (
            self.section_id
            and self.consultation_id
            and self.section.consultation_id != self.consultation_id
        ):
            raise ValidationError(
                {
                    "section": ValidationError(
                        gettext("This section belongs to another consultation."),
                        code="other_section",
                    )
                }
            )

    @property
    def public_name(self) -> str:
        """What the public sees of the author: the name only when they chose to show it."""
        return self.author_name if self.show_name else gettext("Participant")

    @property
    def reasoned_response(self) -> "Response | None":
        try:
            return self.response
        except Response.DoesNotExist:
            return None


class CommentReport(models.Model):
    """One visitor's report of a comment; a visitor (by address) counts once per comment."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    # A keyed hash of the visitor's address, never the address itself.
    reporter = models.CharField(_("reporter"), max_length=64)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="consultation_report_once_per_reporter"
            )
        ]


class ModerationEvent(models.Model):
    """The moderation log: who hid or restored which comment, when and why."""

    class Action(models.TextChoices):
        HIDDEN_AFTER_REPORTS = "hidden_after_reports", _("Hidden after reports")
        HIDE = "hide", _("Hidden by a moderator")
        RESTORE = "restore", _("Restored by a moderator")

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="moderation_events",
        verbose_name=_("comment"),
    )
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    # Empty when nobody of staff acted (hidden after reports).
    by, by_account, by_network_account_id = actor_fields(_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d})"


class ModerationDecision(models.TextChoices):
    """What a moderator decides on a comment (recorded as a ModerationEvent)."""

    HIDE = "hide", _("Hide")
    RESTORE = "restore", _("Restore")


class Response(Bilingual, models.Model):
    """The member's reasoned response to one comment: retained or not, and why."""

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        NOT_RETAINED = "not_retained", _("Not retained")

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="response", verbose_name=_("comment")
    )
    kind = models.CharField(_("response"), max_length=16, choices=Kind.choices)
    reasoning_ar = models.TextField(_("reasons (Arabic)"), blank=True)
    reasoning_fr = models.TextField(_("reasons (French)"), blank=True)
    by, by_account, by_network_account_id = actor_fields(_("by"), blank=False)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("reasoned response")
        verbose_name_plural = _("reasoned responses")

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        errors = in_one_language_at_least(self, "reasoning")
        if errors:
            raise ValidationError(errors)

    @property
    def reasoning(self) -> str:
        return self.localized("reasoning")
