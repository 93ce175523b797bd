"""Helpers of the reminders tests (in the current member's schema)."""

from datetime import date, datetime, time

from django.contrib.auth.models import User
from django.utils import timezone

from tenants.notifications.models import Notification
from tenants.reminders.services import reminders_send
from tenants.site.models import StaffMembership

SITE_URL = "http://tetouan.localhost:8000"


def at(day: date, hour: int = 8) -> datetime:
    """A moment of `day` in Morocco (the sweep's clock)."""
    return datetime.combine(day, time(hour), timezone.get_default_timezone())


def sweep(day: date | datetime, hour: int = 8) -> dict:
    """Run the current member's sweep as of `day` at `hour` (or as of a given moment)."""
    moment = day if isinstance(day, datetime) else at(day, hour)
    return reminders_send(now=moment, site_url=SITE_URL)


def staff(
    username: str, role: str, *, first_name: str = "", last_name: str = "", active: bool = True
) -> User:
    """A member of staff of the current member, with an e-mail `<username>@commune.ma`."""
    user = User.objects.create_user(
        username,
        email=f"{username}@commune.ma",
        is_staff=True,
        first_name=first_name,
        last_name=last_name,
        is_active=active,
    )
    StaffMembership.objects.create(user=user, role=role)
    return user


def reminders(kind: str = "") -> list[Notification]:
    """The reminders in the current member's outbox (of one kind, when given), in order."""
    return list(Notification.objects.filter(kind__startswith=kind or "reminder.").order_by("pk"))


def sent_to(kind: str = "") -> list[tuple[str, str]]:
    """(kind, recipient) of each reminder recorded, in order."""
    return [(row.kind, row.recipient_email) for row in reminders(kind)]
