"""One way to make each thing the meetings tests need (in the current member's schema)."""

import uuid
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tenants.meetings.models import Meeting, Registration
from tenants.meetings.services import meeting_create, registration_create
from tenants.site.models import StaffMembership

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.7\n%minutes\n"


def png(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES)


def pdf(name: str = "minutes.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES)


def meeting_in(days: float, **fields) -> Meeting:
    """A meeting starting `days` from now (negative: in the past)."""
    values = {
        "kind": Meeting.Kind.COCREATION_WORKSHOP,
        "title_ar": "ورشة الإعداد المشترك",
        "title_fr": "Atelier de co-construction",
        "starts_at": timezone.now() + timedelta(days=days),
    }
    return meeting_create(**{**values, **fields})


def staff_user(role: str, username: str = "staff") -> User:
    """A member of staff with `role` (the account lives in the current member's schema)."""
    user = User.objects.create_user(username, email=f"{username}@example.ma", is_staff=True)
    StaffMembership.objects.create(user=user, role=role)
    return user


def unique_email(name: str = "citizen") -> str:
    """An address of its own: rate limits count per e-mail for the whole test run."""
    return f"{name}.{uuid.uuid4().hex[:10]}@example.ma"


def registration_for(meeting: Meeting, **fields) -> Registration:
    """A registration made without a confirmation e-mail (see the services' tests for it)."""
    values = {
        "name": "فاطمة الزهراء العلمي",
        "email": unique_email(),
        "category": "civil_society",
        "gender": Registration.Gender.WOMAN,
        "send_confirmation": False,
    }
    return registration_create(meeting=meeting, **{**values, **fields})
