"""Surveys built by a member's staff and answered by citizens (member schema).

A survey is a draft until staff open it for a period: it takes answers from `opens_at`
(included) to `closes_at` (excluded); nobody ticks a box. Its questions are fixed once it has
answers (changing them would change what the answers mean).

A response is one person's answers to the whole survey. A survey may take one response per
e-mail address: the response then waits, pending, until its author follows the link e-mailed
to them (the consultations' mechanism), and only confirmed responses count. The address itself
is not kept: a digest keyed for the member tells whether it answered already (law 09-08: no
more personal data than the purpose needs).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.bilingual import Bilingual, Localized, in_page_language

SCALE_MIN, SCALE_MAX = 1, 5


def _one_language_at_least(instance, field: str, message) -> dict:
    """Strip `<field>_ar` / `<field>_fr`; an error on the Arabic one when both are empty."""
    texts = [getattr(instance, f"{field}_{language}").strip() for language in ("ar", "fr")]
    setattr(instance, f"{field}_ar", texts[0])
    setattr(instance, f"{field}_fr", texts[1])
    return {} if any(texts) else {f"{field}_ar": ValidationError(message, code="required")}


class Survey(Bilingual, models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UPCOMING = "upcoming", _("Not open yet")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    description_ar = models.TextField(_("introduction (Arabic)"), max_length=4000, blank=True)
    description_fr = models.TextField(_("introduction (French)"), max_length=4000, blank=True)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    one_response_per_email = models.BooleanField(
        _("one response per confirmed e-mail address"),
        default=False,
        help_text=_(
            "Each person gives an e-mail address and confirms it by a link; an address "
            "answers once. Otherwise the survey is anonymous."
        ),
    )
    results_public = models.BooleanField(
        _("results published on the site"),
        default=False,
        help_text=_("Anyone can read the counts, the charts and the free answers."),
    )
    # A workshop's evaluation: the meeting's public page links to the survey.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("meeting evaluated"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at"))
                | models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True),
                name="surveys_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = _one_language_at_least(
            self, "title", _("Give the title in Arabic, in French or in both.")
        )
        if (self.opens_at is None) != (self.closes_at is None):
            errors["closes_at"] = ValidationError(
                _("Give both the opening and the closing date."), code="period_incomplete"
            )
        elif self.opens_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = ValidationError(
                _("The survey must close after it opens."), code="period_reversed"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def description(self) -> Localized:
        return self.localized("description")

    @property
    def state(self) -> str:
        if self.opens_at is None:
            return self.State.DRAFT
        now = timezone.now()
        if now < self.opens_at:
            return self.State.UPCOMING
        return self.State.OPEN if now < self.closes_at else self.State.CLOSED

    def get_state_display(self) -> str:
        return self.State(self.state).label

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_published(self) -> bool:
        """On the public site: once it has a period (upcoming, open or closed)."""
        return self.opens_at is not None


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        SCALE = "scale", _("Scale from 1 to 5")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")

    CHOICE_KINDS = (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE)
    TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    kind = models.CharField(_("kind of answer"), max_length=20, choices=Kind.choices)
    text_ar = models.CharField(_("question (Arabic)"), max_length=500, blank=True)
    text_fr = models.CharField(_("question (French)"), max_length=500, blank=True)
    required = models.BooleanField(_("an answer is required"), default=True)
    # The words at both ends of a scale ("not satisfied" ... "very satisfied").
    scale_min_label_ar = models.CharField(_("label of 1 (Arabic)"), max_length=100, blank=True)
    scale_min_label_fr = models.CharField(_("label of 1 (French)"), max_length=100, blank=True)
    scale_max_label_ar = models.CharField(_("label of 5 (Arabic)"), max_length=100, blank=True)
    scale_max_label_fr = models.CharField(_("label of 5 (French)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        errors = _one_language_at_least(
            self, "text", _("Give the question in Arabic, in French or in both.")
        )
        if errors:
            raise ValidationError(errors)

    @property
    def text(self) -> Localized:
        return in_page_language(self.text_ar, self.text_fr)

    @property
    def scale_min_label(self) -> Localized:
        return in_page_language(self.scale_min_label_ar, self.scale_min_label_fr)

    @property
    def scale_max_label(self) -> Localized:
        return in_page_language(self.scale_max_label_ar, self.scale_max_label_fr)

    @property
    def has_choices(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    @property
    def is_scale(self) -> bool:
        return self.kind == self.Kind.SCALE

    @property
    def is_text(self) -> bool:
        return self.kind in self.TEXT_KINDS

    @property
    def field_name(self) -> str:
        """The name of its field in the answer form, the API and the service's errors."""
        return f"q{self.pk}"


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text_ar = models.CharField(_("choice (Arabic)"), max_length=300, blank=True)
    text_fr = models.CharField(_("choice (French)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        errors = _one_language_at_least(
            self, "text", _("Give the choice in Arabic, in French or in both.")
        )
        if errors:
            raise ValidationError(errors)

    @property
    def text(self) -> Localized:
        return in_page_language(self.text_ar, self.text_fr)


class Response(models.Model):
    """One person's answers to a survey."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the e-mail confirmation")
        CONFIRMED = "confirmed", _("Counted")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    # A keyed digest of the address (services.email_digest), never the address itself.
    email_digest = models.CharField(_("e-mail digest"), max_length=64, blank=True, editable=False)
    language = models.CharField(
        _("language"), max_length=2, default="ar", choices=[("ar", "العربية"), ("fr", "Français")]
    )
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("counted since"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "email_digest"],
                condition=models.Q(status="confirmed") & ~models.Q(email_digest=""),
                name="surveys_one_confirmed_response_per_email",
            )
        ]
        indexes = [models.Index(fields=["survey", "status"], name="surveys_response_counted")]

    def __str__(self) -> str:
        return f"#{self.pk}"


class Answer(models.Model):
    """The answer to one question: a choice (one row per choice ticked), a point of the scale,
    or a text."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    choice = models.ForeignKey(
        Choice,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("choice"),
    )
    value = models.PositiveSmallIntegerField(
        _("point of the scale"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["question", "choice"], name="surveys_answer_choice"),
            models.Index(fields=["question", "value"], name="surveys_answer_value"),
        ]

    def __str__(self) -> str:
        if self.choice_id:
            return str(self.choice)
        return str(self.value) if self.value is not None else self.text[:80]
