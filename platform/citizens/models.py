"""The official calendar's decisions (public schema, read by every member through the
search_path): the dates of the Islamic feasts as the Ministry of Habous and Islamic Affairs
announces them after the sighting of the moon, and the exceptional days off the Head of
Government grants (decree 2.05.916, docs/law.md section 1).

A decision replaces the `holidays` package's estimate of a feast (Umm al-Qura dates, often a
day early for Morocco); until one is recorded, the estimate counts and is shown as such.
"""

from datetime import date, timedelta

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A feast is two days off in the administrations (decree 2.77.169 as amended); three leaves
# room for an announced extension recorded in one decision.
MAX_DAYS = 3
# How far from the first announced day an estimate it replaces may lie (the sighting moves a
# feast by a day, two at most).
REPLACES_WITHIN_DAYS = 3


class HolidayDecision(models.Model):
    first_day = models.DateField(_("first day off"), unique=True)
    days = models.PositiveSmallIntegerField(
        _("number of days off"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DAYS)],
    )
    name_ar = models.CharField(_("name in Arabic"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120)
    replaces = ArrayField(
        models.DateField(),
        verbose_name=_("estimated dates it replaces"),
        default=list,
        blank=True,
        help_text=_(
            "The days the calendar had estimated for this feast. They become working "
            "days again unless another holiday falls on them."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_(
            "The announcement: the ministry's communiqué, or the press item that reports it."
        ),
    )
    # The network account by value (its id and name as shown then): the record stays readable.
    recorded_by_id = models.BigIntegerField(null=True, blank=True, editable=False)
    recorded_by_name = models.CharField(_("recorded by"), max_length=150, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("holiday decision")
        verbose_name_plural = _("holiday decisions")
        ordering = ["-first_day"]

    def __str__(self) -> str:
        return f"{self.name_fr} ({self.first_day:%Y-%m-%d})"

    @property
    def days_off(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range(self.days)]

    def clean(self) -> None:
        errors = {}
        if not self.name_ar.strip():
            errors["name_ar"] = ValidationError(
                gettext("Give the name in Arabic."), code="required"
            )
        if not self.name_fr.strip():
            errors["name_fr"] = ValidationError(
                gettext("Give the name in French."), code="required"
            )
        if self.first_day and self.replaces:
            far = [
                day
                for day in self.replaces
                if abs((day - self.first_day).days) > REPLACES_WITHIN_DAYS + MAX_DAYS
            ]
            if far:
                errors["replaces"] = ValidationError(
                    gettext(
                        "A replaced date must be within a few days of the first day off: %(days)s."
                    )
                    % {"days": ", ".join(f"{d:%Y-%m-%d}" for d in far)},
                    code="replaces_far",
                )
        if errors:
            raise ValidationError(errors)
