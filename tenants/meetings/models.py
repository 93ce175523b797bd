"""Meetings and workshops of a member, their attendance, minutes and photos (member schema).

A meeting counts as held once it is over: at its end time, or at its start time when it has
no end time. Nobody has to tick a box for the minutes and photos to show, and the same rule
splits the site's list into upcoming and past (`selectors.meeting_list`).
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.site.bilingual import Localized, in_page_language
from uploads import validate_document, validate_image


class Meeting(models.Model):
    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information meeting")
        COCREATION_WORKSHOP = "cocreation_workshop", _("Co-creation workshop")
        CONSULTATION = "consultation", _("Consultation")
        MONITORING_COMMITTEE = "monitoring_committee", _("Monitoring committee")
        TRAINING = "training", _("Training")

    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    agenda_ar = models.TextField(_("agenda (Arabic)"), blank=True)
    agenda_fr = models.TextField(_("agenda (French)"), blank=True)
    minutes = models.FileField(_("minutes"), upload_to="meetings/minutes/", blank=True,
                               validators=[validate_document])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["starts_at"], name="meetings_starts_at_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        self.title_ar, self.title_fr = self.title_ar.strip(), self.title_fr.strip()
        if not (self.title_ar or self.title_fr):
            errors["title_ar"] = _("Give the title in Arabic, in French or in both.")
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def title(self) -> Localized:
        return in_page_language(self.title_ar, self.title_fr)

    @property
    def agenda(self) -> Localized:
        return in_page_language(self.agenda_ar, self.agenda_fr)

    @property
    def finishes_at(self):
        return self.ends_at or self.starts_at

    @property
    def is_held(self) -> bool:
        return self.finishes_at < timezone.now()


class MeetingPhoto(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="photos",
                                verbose_name=_("meeting"))
    image = models.FileField(_("image"), upload_to="meetings/photos/", validators=[validate_image])
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class Attendance(models.Model):
    """How many women and men of one category attended one meeting."""

    class Category(models.TextChoices):
        COUNCIL = "council", _("Council members")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        EQUALITY_BODY = "equality_body", _("Equality, equal opportunity and gender body")
        SCHOOLS = "schools", _("Schools")
        STUDENTS = "students", _("Students")
        STAFF = "staff", _("Staff")
        MEDIA = "media", _("Media")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("meeting"))
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "category"],
                                               name="meetings_attendance_one_row_per_category")]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.women} + {self.men}"

    @property
    def total(self) -> int:
        return self.women + self.men
