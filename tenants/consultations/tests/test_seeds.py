"""The demo consultations: each member's own, in Arabic, with comments and reasoned responses;
an open one on a draft programme only where the programme is in consultation."""

import pytest
from django.core import mail
from django.utils import timezone

from tenants.consultations.models import Comment, Consultation, Response
from tenants.consultations.seeds import CONSULTATIONS, consultations_seed_demo
from tenants.programme.models import ProgrammeStatus
from tenants.site.demo import OUJDA, TANGER, TETOUAN
from tenants.programme.seeds import programme_seed_demo

pytestmark = pytest.mark.usefixtures("in_tetouan")


def test_tetouan_consults_on_its_evaluation_report_once(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    programme_seed_demo(today=today)  # Tétouan's, in implementation
    with django_capture_on_commit_callbacks(execute=True):
        assert consultations_seed_demo(today=today) == 1
    consultation = Consultation.objects.get()
    assert consultation.is_open and consultation.programme is None
    assert "تقييم" in consultation.title_ar
    comments = Comment.objects.all()
    assert comments.count() == len(CONSULTATIONS[TETOUAN]["comments"])
    assert set(comments.values_list("status", flat=True)) == {"published"}
    assert comments.filter(show_name=False).exists() and comments.filter(show_name=True).exists()
    assert 0 < Response.objects.count() < comments.count()
    assert mail.outbox == []  # the demo sends no link
    assert consultations_seed_demo(today=today) == 0
    assert Consultation.objects.count() == 1


def test_a_draft_in_consultation_is_open_for_comments_per_commitment():
    today = timezone.localdate()
    programme_seed_demo(hcp_code=OUJDA, today=today)
    assert consultations_seed_demo(hcp_code=OUJDA, today=today) == 1
    consultation = Consultation.objects.get()
    assert consultation.is_open
    assert consultation.programme.status == ProgrammeStatus.CONSULTATION
    assert consultation.sections.filter(commitment__isnull=False).count() == 3
    assert Comment.objects.filter(section__isnull=False).exists()


def test_an_adopted_programme_kept_its_past_consultation_closed_and_answered():
    today = timezone.localdate()
    programme_seed_demo(hcp_code=TANGER, today=today)
    consultations_seed_demo(hcp_code=TANGER, today=today)
    consultation = Consultation.objects.get()
    assert not consultation.is_open and consultation.closes_at.year == 2023
    assert Response.objects.count() == Comment.objects.count() > 0
    assert not Comment.objects.filter(created_at__year__gt=2023).exists()
