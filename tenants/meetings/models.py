"""Meetings and workshops of a member, their registrations, attendance, minutes and photos
(member schema).

A meeting counts as held once it is over: at its end time, or at its start time when it has
no end time. Nobody has to tick a box for the minutes and photos to show, and the same rule
splits the site's list into upcoming and past (`selectors.meeting_list`).

People register until the meeting starts, within its capacity when it has one.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.bilingual import Localized, in_page_language
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
    minutes = models.FileField(
        _("minutes"), upload_to="meetings/minutes/", blank=True, validators=[validate_document]
    )
    takes_registrations = models.BooleanField(
        _("open for registration"),
        default=True,
        help_text=_(
            "People can register on the site until the meeting starts. Untick it for "
            "a closed meeting (a monitoring committee, for instance)."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many people can register. Empty: no limit."),
    )
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

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def registration_is_open(self) -> bool:
        """Whether people may still register (seats aside: see selectors.meeting_seats)."""
        return self.takes_registrations and not self.has_started


class MeetingPhoto(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="photos", verbose_name=_("meeting")
    )
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

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "category"], name="meetings_attendance_one_row_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.women} + {self.men}"

    @property
    def total(self) -> int:
        return self.women + self.men


class Registration(models.Model):
    """A person registered for a meeting. Personal data: shown to the member's staff only.

    One active registration per e-mail address and meeting; a cancelled one frees its seat
    and stays (the person may register again: that is a new registration).
    """

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NOT_SAID = "not_said", _("Prefer not to say")

    class Language(models.TextChoices):
        # Each language named in itself, as on the language switch.
        ARABIC = "ar", "العربية"
        FRENCH = "fr", "Français"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    category = models.CharField(_("category"), max_length=32, choices=Attendance.Category.choices)
    # Only for the attendance statistics by gender.
    gender = models.CharField(
        _("gender"), max_length=16, choices=Gender.choices, default=Gender.NOT_SAID
    )
    # The language the person registered in: their confirmation and reminders use it.
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ARABIC
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    present = models.BooleanField(_("present"), default=False)
    # Set by the reminder job the day before (the workers), so that it reminds once.
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=models.Q(cancelled_at__isnull=True),
                name="meetings_registration_one_active_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None
