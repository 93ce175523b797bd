"""Subscriptions of the public to a member's news, and the outbox every e-mail of the member
goes through (member schema).

- A `Subscriber` is one e-mail address, verified by a signed link before anything is sent to
  it, with its language and how often it wants to hear (at once, or a daily / weekly digest).
  Its `token` is part of every link made for it (manage, unsubscribe): drawing a new token
  makes all the old links worthless.
- A `Subscription` is one topic the subscriber follows (the programme, documents, meetings,
  consultations), or one information request / petition by its id.
- A `Notification` is one e-mail to send, rendered when it is recorded (in its recipient's
  language, with the member's name), recorded once (`key` is unique) and sent once by the
  workers: pending → sending (claimed under a lease) → sent, or failed after the last try.
  Digest items wait as `pending` with their `digest` frequency until a digest groups them into
  one notification of their own (state `grouped`).
"""

import secrets

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.actors import actor_fields


class Language(models.TextChoices):
    ARABIC = "ar", _("العربية")
    FRENCH = "fr", _("Français")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one e-mail per news item")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")


class Topic(models.TextChoices):
    PROGRAMME = "programme", _("The openness programme and its commitments")
    DOCUMENTS = "documents", _("New documents")
    MEETINGS = "meetings", _("Meetings and workshops")
    CONSULTATIONS = "consultations", _("Consultations")
    INFORMATION_REQUEST = "information_request", _("An information request")
    PETITION = "petition", _("A petition")


# Topics everyone can pick on the form; the other two follow one request or petition by id.
GENERAL_TOPICS = (Topic.PROGRAMME, Topic.DOCUMENTS, Topic.MEETINGS, Topic.CONSULTATIONS)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ARABIC
    )
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    token = models.CharField(
        _("management token"), max_length=64, default=new_token, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("subscriber"),
    )
    topic = models.CharField(_("topic"), max_length=24, choices=Topic.choices)
    # The request or petition followed; 0 for the general topics (0 rather than NULL so that
    # the unique constraint below holds).
    object_id = models.PositiveIntegerField(_("object id"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "topic", "object_id"], name="notifications_subscription_once"
            )
        ]
        indexes = [models.Index(fields=["topic", "object_id"])]

    def __str__(self) -> str:
        return f"{self.subscriber_id}:{self.topic}:{self.object_id}"


class Notification(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        GROUPED = "grouped", _("Sent within a digest")

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    recipient_email = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=60)
    # The member's name in the recipient's language, with the network's sending address.
    from_email = models.CharField(_("from"), max_length=300)
    template = models.CharField(_("template"), max_length=120)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    # The signed one-click unsubscribe link (also sent as the List-Unsubscribe header).
    unsubscribe_url = models.CharField(_("unsubscribe link"), max_length=500, blank=True)
    # "" for an e-mail of its own; "daily" / "weekly" for an item waiting for its digest.
    digest = models.CharField(_("digest"), max_length=10, blank=True, default="")
    grouped_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("digest"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    # While `sending`, the worker that claimed the row owns it until then; after, anyone may.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The delivery claim (due rows, oldest first) and the digests (waiting items by
            # recipient). Plain indexes: member schemas are replayed from their catalog, where
            # a partial index's condition does not read back identically.
            models.Index(fields=["state", "next_attempt_at"], name="notifications_due"),
            models.Index(
                fields=["digest", "state", "recipient_email"], name="notifications_digest"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class Newsletter(models.Model):
    """A message the member's staff write to its subscribers (tenants/notifications/
    newsletter_services.py): an Arabic and/or a French version, to everyone who follows the
    site's news or to the followers of some topics; a draft until it is sent, once.

    Plain text with paragraphs, like every e-mail of the outbox (text/plain): nothing to
    sanitise on the way out, and it reads the same in any mail program."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        # Confirmed: the workers are recording one e-mail per subscriber, in batches.
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    subject_ar = models.CharField(_("subject (Arabic)"), max_length=200, blank=True)
    body_ar = models.TextField(_("message (Arabic)"), blank=True)
    subject_fr = models.CharField(_("subject (French)"), max_length=200, blank=True)
    body_fr = models.TextField(_("message (French)"), blank=True)
    # Empty: every subscriber who follows one of the general topics.
    topics = ArrayField(
        models.CharField(max_length=24, choices=Topic.choices),
        default=list,
        blank=True,
        verbose_name=_("topics"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by, created_by_account, created_by_network_account_id = actor_fields(_("written by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_by, sent_by_account, sent_by_network_account_id = actor_fields(_("sent by"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # How many subscribers it was recorded for (the outbox forgets after 180 days); while
    # `sending`, how many so far, out of `audience_size` (counted when it was confirmed).
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    audience_size = models.PositiveIntegerField(_("audience"), default=0)
    # The last subscriber (by id, the audience's order) recorded: where a batch starts again.
    recorded_up_to = models.PositiveBigIntegerField(_("recorded up to subscriber"), default=0)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at", "-pk"]
        permissions = [("send_newsletter", _("Can send a newsletter to the subscribers"))]

    def __str__(self) -> str:
        return self.subject_ar or self.subject_fr or f"#{self.pk}"

    @property
    def languages(self) -> list[str]:
        """The languages it is written in, Arabic first."""
        return [code for code in ("ar", "fr") if getattr(self, f"body_{code}")]

    def version(self, language: str) -> str:
        """The version a subscriber of `language` reads: theirs, else Arabic, else French."""
        written = self.languages
        return language if language in written else ("ar" if "ar" in written else written[0])

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        for code in ("ar", "fr"):
            subject, body = getattr(self, f"subject_{code}"), getattr(self, f"body_{code}")
            if subject and not body:
                errors[f"body_{code}"] = ValidationError(
                    _("Write the message under its subject."), code="body"
                )
            elif body and not subject:
                errors[f"subject_{code}"] = ValidationError(
                    _("Give the message a subject."), code="subject"
                )
        if not errors and not self.languages:
            errors["subject_ar"] = ValidationError(
                _("Write the newsletter in Arabic, in French or in both."), code="empty"
            )
        if any(topic not in GENERAL_TOPICS for topic in self.topics):
            errors["topics"] = ValidationError(_("Choose topics from the list."), code="topics")
        if errors:
            raise ValidationError(errors)
