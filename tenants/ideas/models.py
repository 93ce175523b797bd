"""Citizens' ideas for the openness programme, their supports and comments, and the member's
official answer to each (member schema).

The network's method collects ideas online during the co-creation of the programme (while the
current programme is a draft, before its public consultation): anyone proposes an idea under
one of the programme's principles, others support it (once per confirmed e-mail address) and
comment on it. Every contribution waits until its author follows the one-time link e-mailed to
them, the consultations' mechanism (platform/kernel/signed_links.py); only published ones are
public. Staff hide what breaks the rules (with a reason) and give every idea an official
answer: retained (with the commitment it became), merged (into another idea), not retained
(with reasons) or under study. The idea's page shows its path, a dated history.

E-mail addresses are personal data: seen by the focal point only, never on a public page or
in the public API.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commitment_templates import Principle
from kernel.actors import actor_fields
from kernel.bilingual import Localized, in_page_language
from uploads import validate_document


class Status(models.TextChoices):
    """Where a citizen's contribution stands (ideas and comments alike)."""

    PENDING = "pending", _("Waiting for e-mail verification")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class Answer(models.TextChoices):
    """The member's official answer to an idea."""

    UNDER_STUDY = "under_study", _("Under study")
    RETAINED = "retained", _("Retained")
    MERGED = "merged", _("Merged into another idea")
    NOT_RETAINED = "not_retained", _("Not retained, with reasons")


# Answers that settle an idea (the share of ideas answered counts these; "under study" says
# the member is still working on it).
FINAL_ANSWERS = (Answer.RETAINED, Answer.MERGED, Answer.NOT_RETAINED)


class Contribution(models.Model):
    """What an idea and a comment share: the author, the address to confirm, moderation."""

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
    # Once staff have hidden or restored it, reports no longer hide it on their own.
    moderator_decided = models.BooleanField(_("decided by a moderator"), default=False)

    class Meta:
        abstract = True


class Idea(Contribution):
    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.CASCADE,
        related_name="ideas",
        verbose_name=_("programme"),
    )
    principle = models.CharField(_("principle"), max_length=30, choices=Principle.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("the idea"))
    attachment = models.FileField(
        _("attachment"),
        upload_to="ideas/%Y/",
        max_length=255,
        blank=True,
        validators=[validate_document],
    )
    # An association signs as such: its name is shown instead of the person's.
    association = models.CharField(_("association"), max_length=200, blank=True)

    answer = models.CharField(
        _("official answer"), max_length=16, choices=Answer.choices, blank=True
    )
    commitment = models.ForeignKey(
        "programme.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("commitment it became"),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
        verbose_name=_("merged into"),
    )
    answer_text_ar = models.TextField(_("reasons (Arabic)"), blank=True)
    answer_text_fr = models.TextField(_("reasons (French)"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "answer"], name="idea_status_answer"),
            # The public list: a programme's published ideas, the newest first.
            models.Index(
                fields=["programme", "status", "-created_at", "-id"], name="idea_programme_newest"
            ),
        ]
        permissions = [("moderate_idea", "Can hide and restore ideas and their comments")]

    def __str__(self) -> str:
        return self.title

    @property
    def public_name(self) -> str:
        """Who the public sees: the association, the name when shown, else "Participant"."""
        if self.association:
            return self.association
        return self.author_name if self.show_name else gettext("Participant")

    @property
    def answer_text(self) -> Localized:
        return in_page_language(self.answer_text_ar, self.answer_text_fr)

    @property
    def principle_label(self) -> str:
        return Principle(self.principle).label if self.principle in Principle.values else ""


class Support(models.Model):
    """One person's support of an idea: counted once it is confirmed, once per address."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="supports", verbose_name=_("idea")
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=2, default="ar")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "email"], name="idea_support_once_per_email")
        ]
        indexes = [models.Index(fields=["idea", "confirmed_at"], name="idea_support_confirmed")]

    def __str__(self) -> str:
        return f"{self.idea_id}"


class IdeaComment(Contribution):
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="comments", verbose_name=_("idea")
    )
    body = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("comment on an idea")
        verbose_name_plural = _("comments on ideas")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "status"], name="idea_comment_status")]

    def __str__(self) -> str:
        return self.body[:60]


class Report(models.Model):
    """One visitor's report of an idea or a comment; a visitor (by address) counts once."""

    idea = models.ForeignKey(
        Idea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("idea"),
    )
    comment = models.ForeignKey(
        IdeaComment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("comment"),
    )
    # A keyed hash of the visitor's address, never the address itself.
    reporter = models.CharField(_("reporter"), max_length=64)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(idea__isnull=True) ^ models.Q(comment__isnull=True),
                name="idea_report_one_target",
            ),
            models.UniqueConstraint(fields=["idea", "reporter"], name="idea_report_once"),
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="idea_comment_report_once"
            ),
        ]


class Event(models.Model):
    """The idea's path: each step with its date (published, answered, hidden, restored...).
    The public sees the publication and the answers; moderation stays in the workspace."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Published")
        ANSWERED = "answered", _("Official answer")
        HIDDEN_AFTER_REPORTS = "hidden_after_reports", _("Hidden after reports")
        HIDDEN = "hidden", _("Hidden by a moderator")
        RESTORED = "restored", _("Restored by a moderator")

    PUBLIC_KINDS = (Kind.PUBLISHED, Kind.ANSWERED)

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="events", verbose_name=_("idea")
    )
    # Set when the event is about one of the idea's comments (moderation).
    comment = models.ForeignKey(
        IdeaComment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("comment"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    answer = models.CharField(
        _("official answer"), max_length=16, choices=Answer.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    by, by_account, by_network_account_id = actor_fields(_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("step of an idea")
        verbose_name_plural = _("paths of ideas")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"

    def clean(self) -> None:
        if self.kind == self.Kind.ANSWERED and not self.answer:
            raise ValidationError(
                {"answer": ValidationError(gettext("Choose the answer."), code="required")}
            )
