"""What waits for a member's staff (member schema): the inbox, by urgency.

Each section reads its app's "waiting" selector in one query (the first few, and how many
in all), whatever the volume, and only the sections the person's role acts on are read.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Window
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenants.consultations.selectors import comment_waiting, consultation_closing
from tenants.documents.selectors import category_stale
from tenants.ideas.selectors import idea_waiting
from tenants.information_requests.selectors import complaint_waiting, information_request_waiting
from tenants.meetings.selectors import meeting_without_record
from tenants.petitions.selectors import petition_waiting
from tenants.programme.selectors import assessment_due, milestone_overdue

SHOWN_PER_SECTION = 8


@dataclass
class InboxSection:
    key: str
    title: str
    count: int
    items: list
    all_url: str
    extra: dict = field(default_factory=dict)


def _section(key: str, title, queryset, all_url: str) -> InboxSection:
    """The first items and how many there are in all, in one query (a window count is taken
    before the LIMIT)."""
    items = list(queryset.annotate(waiting_total=Window(Count("pk")))[:SHOWN_PER_SECTION])
    count = items[0].waiting_total if items else 0
    return InboxSection(key=key, title=title, count=count, items=items, all_url=all_url)


def inbox(*, user, today: date, now: datetime) -> list[InboxSection]:
    """The sections the user's role acts on, most urgent kind first; each with its count and
    its first items by urgency."""
    sections = []
    if user.has_perm("information_requests.change_informationrequest"):
        sections.append(
            _section(
                "requests",
                _("Information requests to answer"),
                information_request_waiting(),
                reverse("staff:requests:list"),
            )
        )
        sections.append(
            _section(
                "complaints",
                _("Complaints to the head of the council"),
                complaint_waiting(),
                reverse("staff:requests:complaints"),
            )
        )
    if user.has_perm("consultations.moderate_comment"):
        sections.append(
            _section(
                "comments",
                _("Comments to moderate and answer"),
                comment_waiting(),
                reverse("staff:comments:list"),
            )
        )
    if user.has_perm("ideas.change_idea"):
        sections.append(
            _section(
                "ideas",
                _("Ideas awaiting an official answer"),
                idea_waiting(),
                reverse("staff:ideas:list") + "?state=waiting",
            )
        )
    if user.has_perm("petitions.change_petition"):
        sections.append(
            _section(
                "petitions",
                _("Petitions awaiting a decision"),
                petition_waiting(),
                reverse("staff:petitions:list"),
            )
        )
    if user.has_perm("programme.change_milestone"):
        sections.append(
            _section(
                "milestones",
                _("Milestones overdue"),
                milestone_overdue(today=today),
                reverse("staff:programme:commitments"),
            )
        )
    if user.has_perm("programme.add_assessment"):
        owed = assessment_due(today=today)
        sections.append(
            InboxSection(
                key="assessments",
                title=_("OGP Local assessments owed"),
                count=len(owed),
                items=owed[:SHOWN_PER_SECTION],
                all_url=reverse("staff:programme:commitments"),
                extra={"today": today},
            )
        )
    if user.has_perm("meetings.change_meeting"):
        sections.append(
            _section(
                "meetings",
                _("Meetings held without attendance or minutes"),
                meeting_without_record(now=now),
                reverse("staff:meetings:list"),
            )
        )
    if user.has_perm("consultations.change_consultation"):
        sections.append(
            _section(
                "consultations",
                _("Consultations closing this week"),
                consultation_closing(now=now),
                reverse("staff:comments:list"),
            )
        )
    if user.has_perm("documents.add_document"):
        stale = category_stale(today=today)
        sections.append(
            InboxSection(
                key="documents",
                title=_("Library shelves to refresh"),
                count=len(stale),
                items=stale,
                all_url=reverse("staff:documents:list"),
            )
        )
    return sections
