"""Documents a member publishes proactively (law 31.13, art. 10), by category (member schema)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.actors import actor_fields
from kernel.bilingual import Bilingual
from uploads import validate_document


class Category(models.TextChoices):
    """The library's shelves, in the order the public page shows them: what law 31.13,
    article 10, asks a collectivity to publish (docs/law.md, section 5). New shelves go last,
    so that the open data's columns keep their order."""

    BUDGET_ACCOUNTS = "budget_accounts", _("Budget and accounts")
    COUNCIL = "council", _("Council agendas and minutes")
    DECISIONS = "decisions", _("Decisions")
    PROCUREMENT = "procurement", _("Procurement")
    SERVICES = "services", _("Services and procedures")
    REPORTS = "reports", _("Reports and statistics")
    PROGRAMME = "programme", _("The openness programme")
    ORGANISATION = "organisation", _("Organisation, missions and contacts")
    INFORMATION_OFFICER = "information_officer", _("Person in charge of information")
    RECRUITMENT = "recruitment", _("Recruitment competitions and their results")
    LICENCES = "licences", _("Licences and authorisations")
    PARTNERSHIPS = "partnerships", _("Partnerships and agreements")
    RIGHTS = "rights", _("Users' rights and remedies")


class Document(Bilingual, models.Model):
    """A published document: a file kept by the member, or a link to where it is published."""

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to="documents/%Y/",
        max_length=255,
        blank=True,
        validators=[validate_document],
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Who did it (kernel.actors): the name stays readable when the account goes.
    created_by, created_by_account, created_by_network_account_id = actor_fields(_("created by"))
    updated_by, updated_by_account, updated_by_network_account_id = actor_fields(_("updated by"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(fields=["category", "-published_on"], name="documents_category_published")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if not (self.title_ar.strip() or self.title_fr.strip()):
            errors["title_ar"] = ValidationError(
                gettext("Give the document a title in Arabic or in French."), code="title_required"
            )
        if not self.file and not self.link:
            errors["file"] = ValidationError(
                gettext("Attach a file or give a link."), code="file_or_link_required"
            )
        elif self.file and self.link:
            # One place to read it: a citizen should not wonder which of the two is right.
            errors["link"] = ValidationError(
                gettext("Give a file or a link, not both."), code="file_and_link"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def description(self) -> str:
        return self.localized("description")

    @property
    def url(self) -> str:
        """Where a reader gets the document: the member's copy, or the link."""
        return self.file.url if self.file else self.link

    @property
    def file_kind(self) -> str:
        """The file's type for the reader (PDF, XLSX...); its content was checked on upload."""
        name = self.file.name if self.file else ""
        return name.rsplit(".", 1)[-1].upper() if "." in name else ""
