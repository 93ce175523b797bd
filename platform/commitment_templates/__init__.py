"""The network's catalogue of commitment templates, as a member's back office reads it.

A member's code never imports the network (import-linter), yet its staff choose templates
from the network's catalogue. The network registers two read functions here at start-up
(network/publications/catalogue_provider.py); the member side calls `published()` and
`get()` and receives plain dicts, the template by value:

    {"id": 3, "version": 2, "title_ar": ..., "title_fr": ..., "problem_ar": ..., ...,
     "principles": ["transparency_integrity"]}   # id, version and CONTENT_FIELDS

The copy itself is a member-side service (tenants/programme/services.py:
commitment_create_from_template) that announces it with `events.emit`; the network records
which member copied which template from that event. Without a registered catalogue (member
code alone) the catalogue is empty.
"""

from collections.abc import Callable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Principle(models.TextChoices):
    """The openness principles a commitment serves: one list for the network's templates and
    the members' commitments, so that a copied template keeps its principles."""

    TRANSPARENCY_INTEGRITY = "transparency_integrity", _("Transparency and integrity")
    ACCOUNTABILITY = "accountability", _("Accountability")
    ACCESS_TO_INFORMATION = "access_to_information", _("Access to information")
    CITIZEN_PARTICIPATION = "citizen_participation", _("Citizen participation")
    DIGITALIZATION = "digitalization", _("Digitalization")
    MONITORING = "monitoring", _("Monitoring of the member's programmes")


def principle_labels(codes) -> list[str]:
    """The labels of principle codes in the current language (a code no longer listed is
    left out rather than failing a page)."""
    return [Principle(code).label for code in codes if code in Principle.values]


# The kind of member event that announces a copy (emitted by the member, recorded by the network).
TEMPLATE_COPIED = "commitment.copied_from_template"

# The fields a member's commitment takes from a template (the same names on both sides).
CONTENT_FIELDS = (
    "title_ar",
    "title_fr",
    "problem_ar",
    "problem_fr",
    "action_ar",
    "action_fr",
    "solution_ar",
    "solution_fr",
    "principles",
)


_published: Callable[[], list[dict]] | None = None
_get: Callable[[int], dict | None] | None = None


def provide(*, published: Callable[[], list[dict]], get: Callable[[int], dict | None]) -> None:
    global _published, _get
    _published, _get = published, get


def published() -> list[dict]:
    """The published templates, newest first, each as a dict (see above)."""
    return _published() if _published else []


def get(template_id: int) -> dict | None:
    """One published template by its id, or None when there is none (or it is a draft)."""
    return _get(template_id) if _get else None
