"""What the directorate publishes on the network portal (public schema): news, best practices
from members, trainings and the commitment templates members copy into their programme."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.members.models import Member
import commitment_templates
from commitment_templates import Principle, principle_labels  # noqa: F401  (both sides)
from kernel.bilingual import Bilingual


class InPageLanguage:
    """`summary = InPageLanguage("summary")`: the `summary_ar` / `summary_fr` pair, read in the
    page's language (see Bilingual.localized)."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, instance, owner=None):
        return self if instance is None else instance.localized(self.field)


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublicationQuerySet(models.QuerySet):
    def visible(self, *, now=None) -> "PublicationQuerySet":
        """Published, and its publication date reached (a later date schedules it)."""
        return self.filter(state=State.PUBLISHED, published_at__lte=now or timezone.now())


class Publication(Bilingual, models.Model):
    """What every kind of publication shares: a bilingual title, a state and its dates."""

    title_ar = models.CharField(_("title (Arabic)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("A later date schedules the publication."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Who changed it last (kernel.actors): the name shown then, and the network account.
    updated_by = models.CharField(_("updated by"), max_length=150, blank=True, editable=False)
    updated_by_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("account"),
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title_ar

    @property
    def is_visible(self) -> bool:
        return (
            self.state == State.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class NewsItem(Publication):
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    body_ar = models.TextField(_("text (Arabic)"))
    body_fr = models.TextField(_("text (French)"), blank=True)

    class Meta(Publication.Meta):
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    summary = InPageLanguage("summary")
    body = InPageLanguage("body")


class BestPractice(Publication):
    """A practice of one member that others can learn from."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="best_practices", verbose_name=_("member")
    )
    principles = ArrayField(
        models.CharField(max_length=30, choices=Principle.choices),
        verbose_name=_("principles"),
        default=list,
        blank=True,
    )
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    body_ar = models.TextField(_("text (Arabic)"))
    body_fr = models.TextField(_("text (French)"), blank=True)
    # A page of the member's site that shows the practice (e.g. its programme or library).
    member_page_path = models.CharField(
        _("page on the member's site"),
        max_length=200,
        blank=True,
        help_text=_("A path such as /programme/"),
    )

    class Meta(Publication.Meta):
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")

    summary = InPageLanguage("summary")
    body = InPageLanguage("body")

    @property
    def principle_labels(self) -> list[str]:
        return principle_labels(self.principles)


class Training(Publication):
    """E.g. a remote workshop on the openness methodology for the members' focal points."""

    class Mode(models.TextChoices):
        REMOTE = "remote", _("Remote")
        IN_PERSON = "in_person", _("In person")

    description_ar = models.TextField(_("description (Arabic)"))
    description_fr = models.TextField(_("description (French)"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.REMOTE)
    link = models.URLField(_("link to join (remote)"), blank=True)
    place_ar = models.CharField(_("place (Arabic)"), max_length=250, blank=True)
    place_fr = models.CharField(_("place (French)"), max_length=250, blank=True)
    audience_ar = models.CharField(_("audience (Arabic)"), max_length=250, blank=True)
    audience_fr = models.CharField(_("audience (French)"), max_length=250, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)

    class Meta(Publication.Meta):
        ordering = ["starts_at", "pk"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="training_ends_after_it_starts",
            )
        ]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.mode == self.Mode.REMOTE and not self.link:
            raise ValidationError({"link": _("A remote training needs the link to join it.")})
        if self.mode == self.Mode.IN_PERSON and not self.place_ar:
            raise ValidationError({"place_ar": _("A training in person needs its place.")})
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("A training cannot end before it starts.")})

    description = InPageLanguage("description")
    place = InPageLanguage("place")
    audience = InPageLanguage("audience")


class CommitmentTemplate(Publication):
    """A commitment after the OGP template, which members copy into their own programme.

    The version goes up with every change of its content, and a copy records the id and the
    version it was made from (by value: member tables never reference the public schema)."""

    CONTENT_FIELDS = commitment_templates.CONTENT_FIELDS  # what a member's copy takes

    problem_ar = models.TextField(_("problem addressed (Arabic)"))
    problem_fr = models.TextField(_("problem addressed (French)"), blank=True)
    action_ar = models.TextField(_("what the commitment does (Arabic)"))
    action_fr = models.TextField(_("what the commitment does (French)"), blank=True)
    solution_ar = models.TextField(_("how it solves the problem (Arabic)"))
    solution_fr = models.TextField(_("how it solves the problem (French)"), blank=True)
    principles = ArrayField(
        models.CharField(max_length=30, choices=Principle.choices),
        verbose_name=_("principles"),
        default=list,
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta(Publication.Meta):
        verbose_name = _("commitment template")
        verbose_name_plural = _("commitment templates")

    problem = InPageLanguage("problem")
    action = InPageLanguage("action")
    solution = InPageLanguage("solution")

    @property
    def principle_labels(self) -> list[str]:
        return principle_labels(self.principles)

    def as_copy(self) -> dict:
        """The template by value, as a member's programme receives it."""
        return {
            "id": self.pk,
            "version": self.version,
            **{field: getattr(self, field) for field in self.CONTENT_FIELDS},
        }


class TemplateCopy(models.Model):
    """A member copied a template into its programme: the network's record of it."""

    template = models.ForeignKey(
        CommitmentTemplate,
        on_delete=models.CASCADE,
        related_name="copies",
        verbose_name=_("commitment template"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="template_copies", verbose_name=_("member")
    )
    version = models.PositiveIntegerField(_("version"))
    # The member's commitment, by value (its id in the member's schema).
    commitment_id = models.PositiveBigIntegerField(_("commitment id in the member's schema"))
    # Who copied it: a network account (the directorate, from the console or the API), or a
    # member's staff account, whose id means something in the member's schema only.
    by = models.CharField(_("by"), max_length=150, blank=True)
    by_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("network account"),
    )
    by_member_account_id = models.PositiveBigIntegerField(
        _("account in the member's schema"), null=True, blank=True, editable=False
    )
    copied_at = models.DateTimeField(_("copied at"), auto_now_add=True)

    class Meta:
        ordering = ["-copied_at", "-pk"]
        verbose_name = _("template copy")
        verbose_name_plural = _("template copies")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "commitment_id"], name="template_copy_once_per_commitment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member.collectivity.name_ar} · v{self.version}"
