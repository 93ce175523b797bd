"""One way to make each thing the consultations tests need (in the current member's schema)."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from tenants.consultations.models import Comment, Consultation, Section
from tenants.consultations.services import comment_submit, consultation_create, section_create
from tenants.site.models import StaffMembership

SITE_URL = "http://tetouan.localhost/"


def consultation_in(
    opens_in_days: float = -1, closes_in_days: float = 10, **fields
) -> Consultation:
    """A consultation opening `opens_in_days` from now (negative: already open) and closing
    `closes_in_days` from now (negative: closed)."""
    now = timezone.now()
    values = {
        "title_ar": "استشارة حول مسودة برنامج الانفتاح",
        "title_fr": "Consultation sur le projet de programme",
        "description_ar": "نص المسودة المعروضة للاستشارة.",
        "opens_at": now + timedelta(days=opens_in_days),
        "closes_at": now + timedelta(days=closes_in_days),
    }
    return consultation_create(**{**values, **fields})


def section_of(consultation: Consultation, title_ar: str = "المحور الأول", **fields) -> Section:
    return section_create(consultation=consultation, title_ar=title_ar, **fields)


def comment_on(
    consultation: Consultation,
    *,
    published: bool = True,
    email: str = "citizen@example.ma",
    **fields,
) -> Comment:
    """A comment, published (as if its e-mail were confirmed) or pending."""
    values = {
        "author_name": "أمينة",
        "body": "تعليق على المسودة",
        "show_name": True,
        "verified_email": email if published else None,
    }
    return comment_submit(
        consultation=consultation, email=email, site_url=SITE_URL, **{**values, **fields}
    )


def close(consultation: Consultation) -> Consultation:
    """Move the window to the past (the comments stay as they were received)."""
    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
    )
    consultation.refresh_from_db()
    return consultation


def staff_user(role: str, username: str = "staff") -> User:
    """A member of staff with `role` (the account lives in the current member's schema)."""
    user = User.objects.create_user(username, email=f"{username}@example.ma", is_staff=True)
    StaffMembership.objects.create(user=user, role=role)
    return user
