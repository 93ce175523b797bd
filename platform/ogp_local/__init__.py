"""OGP Local's rules as the platform applies them (docs/law.md, section 7): the Sustainable
Development Goals a commitment links to, the plans it serves, the assessments' due dates and
the minimum requirements of a member's process.

No model here: the network's scorecard (public schema) reads the same minimum requirements
from a snapshot's figures that a member's programme page reads from its own schema.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy as _, ngettext


class SustainableDevelopmentGoal(models.IntegerChoices):
    """The 17 goals of the 2030 Agenda (UN General Assembly resolution 70/1), by number."""

    NO_POVERTY = 1, _("1. No poverty")
    ZERO_HUNGER = 2, _("2. Zero hunger")
    GOOD_HEALTH = 3, _("3. Good health and well-being")
    QUALITY_EDUCATION = 4, _("4. Quality education")
    GENDER_EQUALITY = 5, _("5. Gender equality")
    CLEAN_WATER = 6, _("6. Clean water and sanitation")
    CLEAN_ENERGY = 7, _("7. Affordable and clean energy")
    DECENT_WORK = 8, _("8. Decent work and economic growth")
    INDUSTRY_INNOVATION = 9, _("9. Industry, innovation and infrastructure")
    REDUCED_INEQUALITIES = 10, _("10. Reduced inequalities")
    SUSTAINABLE_CITIES = 11, _("11. Sustainable cities and communities")
    RESPONSIBLE_CONSUMPTION = 12, _("12. Responsible consumption and production")
    CLIMATE_ACTION = 13, _("13. Climate action")
    LIFE_BELOW_WATER = 14, _("14. Life below water")
    LIFE_ON_LAND = 15, _("15. Life on land")
    PEACE_JUSTICE = 16, _("16. Peace, justice and strong institutions")
    PARTNERSHIPS = 17, _("17. Partnerships for the goals")


class PlanLink(models.TextChoices):
    """The member's other plans a commitment serves: the programmes the organic laws 111.14,
    112.14 and 113.14 ask of regions, provinces and communes (articles not verified here)."""

    PAC = "pac", _("Communal action programme (PAC)")
    PDP = "pdp", _("Provincial development programme (PDP)")
    PDR = "pdr", _("Regional development programme (PDR)")
    OTHER = "other", _("Another plan")


# OGP Local Handbook 3.5.1 (inception assessment form): "finalized within two (2) months of the
# submission of the action plan"; 3.5.2 (end-of-commitment form): "submitted one (1) month after
# the complete implementation of a commitment".
INCEPTION_DUE_MONTHS = getattr(settings, "OGP_INCEPTION_DUE_MONTHS", 2)
END_OF_COMMITMENT_DUE_MONTHS = getattr(settings, "OGP_END_OF_COMMITMENT_DUE_MONTHS", 1)
# The forum "meets regularly": OGP Local's text gives no rhythm; OGP's Participation and
# Co-Creation Standard 1 does ("at least every six months"), so six months is used, counted in
# days as the network's scorecard counts them (183).
FORUM_MEETS_WITHIN_DAYS = getattr(settings, "OGP_FORUM_MEETS_WITHIN_DAYS", 183)
# The website: "information is published regularly, at least every four months" (122 days).
SITE_UPDATED_WITHIN_DAYS = getattr(settings, "OGP_SITE_UPDATED_WITHIN_DAYS", 122)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day when it is shorter."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return day.replace(
        year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1])
    )


def inception_due_on(submitted_on: date | None) -> date | None:
    return add_months(submitted_on, INCEPTION_DUE_MONTHS) if submitted_on else None


def end_of_commitment_due_on(end_date: date | None) -> date | None:
    return add_months(end_date, END_OF_COMMITMENT_DUE_MONTHS) if end_date else None


@dataclass(frozen=True)
class Requirement:
    code: str
    label: str
    met: bool
    why: str


FORUM, SITE, REPOSITORY = "ogp_forum", "ogp_site_updated", "ogp_repository"


def _day(value: date | str | None) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _within(days: int) -> str:
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}


def forum_requirement(*, today: date, last_meeting: date | str | None) -> Requirement:
    last = _day(last_meeting)
    within = _within(FORUM_MEETS_WITHIN_DAYS)
    met = last is not None and (today - last).days <= FORUM_MEETS_WITHIN_DAYS
    if last is None:
        why = gettext("No meeting of the monitoring committee is recorded.")
    elif met:
        why = gettext("The monitoring committee last met on %(date)s, within %(within)s.") % {
            "date": date_format(last, "DATE_FORMAT"),
            "within": within,
        }
    else:
        why = gettext(
            "The monitoring committee last met on %(date)s, more than %(within)s ago."
        ) % {"date": date_format(last, "DATE_FORMAT"), "within": within}
    return Requirement(FORUM, gettext("A forum that meets regularly"), met, why)


def site_requirement(*, today: date, last_change: date | str | None) -> Requirement:
    last = _day(last_change)
    within = _within(SITE_UPDATED_WITHIN_DAYS)
    met = last is not None and (today - last).days <= SITE_UPDATED_WITHIN_DAYS
    if last is None:
        why = gettext("Nothing of the programme or the library has been published yet.")
    elif met:
        why = gettext("Last updated on %(date)s, within %(within)s.") % {
            "date": date_format(last, "DATE_FORMAT"),
            "within": within,
        }
    else:
        why = gettext("Last updated on %(date)s, more than %(within)s ago.") % {
            "date": date_format(last, "DATE_FORMAT"),
            "within": within,
        }
    return Requirement(SITE, gettext("A public site updated at least every four months"), met, why)


def repository_requirement(*, stocked_shelves: int, documents: int) -> Requirement:
    met = documents > 0
    why = (
        gettext("Documents published in the library: %(documents)s (shelves in use: %(shelves)s).")
        % {"documents": documents, "shelves": stocked_shelves}
        if met
        else gettext("The library holds no document yet.")
    )
    return Requirement(REPOSITORY, gettext("A public document repository"), met, why)


def minimum_requirements(
    *, today: date, last_forum_meeting, last_content_change, stocked_shelves: int, documents: int
) -> list[Requirement]:
    return [
        forum_requirement(today=today, last_meeting=last_forum_meeting),
        site_requirement(today=today, last_change=last_content_change),
        repository_requirement(stocked_shelves=stocked_shelves, documents=documents),
    ]


def minimum_requirements_from_figures(figures: dict) -> list[Requirement]:
    """The same requirements from a snapshot's figures (tenants/figures/selectors.py)."""
    shelves = [shelf for shelf in figures["documents"]["by_category"].values() if shelf["count"]]
    return minimum_requirements(
        today=date.fromisoformat(figures["as_of"]),
        last_forum_meeting=figures["meetings"]["last_held_on"].get("monitoring_committee"),
        last_content_change=figures["programme"].get("last_content_change"),
        stocked_shelves=len(shelves),
        documents=figures["documents"]["total"],
    )
