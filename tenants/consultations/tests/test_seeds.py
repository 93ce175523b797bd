"""The demo consultation: open, in Arabic, on the draft programme, with comments and responses."""
import pytest
from django.core import mail
from django.utils import timezone

from tenants.consultations.models import Comment, Consultation, Response
from tenants.consultations.seeds import DEMO_COMMENTS, consultations_seed_demo
from tenants.programme.seeds import programme_seed_demo

pytestmark = pytest.mark.usefixtures("in_tetouan")


def test_the_demo_consultation_is_open_with_comments_and_responses(
        django_capture_on_commit_callbacks):
    today = timezone.localdate()
    programme_seed_demo(hcp_code="01.511.01.0", today=today)  # Tanger's draft programme
    with django_capture_on_commit_callbacks(execute=True):
        assert consultations_seed_demo(today=today) == 1
    consultation = Consultation.objects.get()
    assert consultation.is_open and consultation.title_ar.startswith("استشارة")
    assert consultation.programme.title_ar == "برنامج انفتاح جماعة طنجة 2024-2027"
    assert consultation.sections.filter(commitment__isnull=False).count() == 3
    comments = Comment.objects.all()
    assert comments.count() == len(DEMO_COMMENTS)
    assert set(comments.values_list("status", flat=True)) == {"published"}
    assert comments.filter(show_name=False).exists() and comments.filter(show_name=True).exists()
    assert comments.filter(section__isnull=False).exists()
    assert 0 < Response.objects.count() < comments.count()
    assert mail.outbox == []  # the demo sends no link
    assert consultations_seed_demo(today=today) == 0
    assert Consultation.objects.count() == 1


def test_without_a_programme_the_consultation_is_on_its_own_text():
    consultations_seed_demo(today=timezone.localdate())
    consultation = Consultation.objects.get()
    assert consultation.programme is None and not consultation.sections.exists()
    assert Comment.objects.filter(section__isnull=True).count() == len(DEMO_COMMENTS)
