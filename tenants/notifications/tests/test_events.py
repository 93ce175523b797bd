"""Events of the content apps become notifications for the right people, in their language."""

import pytest
from django.core import mail
from django.utils import timezone

from tenants.consultations.tests.factories import comment_on, consultation_in
from tenants.documents.tests.factories import document_factory
from tenants.information_requests.services import (
    information_request_answer,
    information_request_start,
)
from tenants.information_requests.tests.factories import filed
from tenants.meetings.services import meeting_update
from tenants.meetings.tests.factories import meeting_in
from tenants.notifications.models import Delivery, Notification, Subscriber, Topic
from tenants.notifications.tests.conftest import follower
from tenants.petitions.services import petition_transition
from tenants.petitions.tests.factories import petition, sign
from tenants.programme.models import Completion
from tenants.programme.services import commitment_update_progress
from tenants.programme.tests.factories import commitment_factory, programme_factory
from tenants.site.models import StaffMembership
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")


def rows(kind: str) -> dict[str, Notification]:
    return {row.recipient_email: row for row in Notification.objects.filter(kind=kind)}


def test_a_document_published_reaches_its_followers_in_their_language(
    django_capture_on_commit_callbacks,
):
    follower("amal@example.ma", Topic.DOCUMENTS)
    follower("luc@example.ma", Topic.DOCUMENTS, language="fr")
    follower("meetings-only@example.ma", Topic.MEETINGS)
    unconfirmed = follower("not-verified@example.ma", Topic.DOCUMENTS)
    Subscriber.objects.filter(pk=unconfirmed.pk).update(verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        document_factory(title_ar="الحساب الإداري 2025", title_fr="Compte administratif 2025")
    recorded = rows("document.published")
    assert sorted(recorded) == ["amal@example.ma", "luc@example.ma"]
    arabic, french = recorded["amal@example.ma"], recorded["luc@example.ma"]
    assert arabic.language == "ar" and "نشر وثيقة جديدة" in arabic.subject
    assert "الحساب الإداري 2025" in arabic.body and "إلغاء الاشتراك بنقرة واحدة" in arabic.body
    assert french.language == "fr" and "Un nouveau document a été publié" in french.subject
    assert "Compte administratif 2025" in french.body and "Se désabonner en un clic" in french.body
    assert "/documents/" in french.body
    sent = {message.to[0]: message for message in mail.outbox}
    assert sorted(sent) == ["amal@example.ma", "luc@example.ma"]
    header = sent["luc@example.ma"].extra_headers["List-Unsubscribe"]
    assert header == f"<{french.unsubscribe_url}>" and "/notifications/unsubscribe/" in header
    assert french.unsubscribe_url in french.body
    assert {row.state for row in Notification.objects.all()} == {"sent"}


def test_the_same_event_twice_records_nothing_new():
    from events import emit

    follower("amal@example.ma", Topic.DOCUMENTS)
    document = document_factory()
    assert Notification.objects.count() == 1
    emit("document.published", document_id=document.pk)
    assert Notification.objects.count() == 1


def test_a_commitment_changed_a_meeting_changed_and_a_consultation_opened():
    follower("amal@example.ma", Topic.PROGRAMME, Topic.MEETINGS, Topic.CONSULTATIONS)
    commitment = commitment_factory(programme_factory())
    assert not rows("commitment.changed")  # a new commitment is not a change
    commitment_update_progress(
        commitment=commitment, by=Actor(name="test"), completion=Completion.LIMITED, note=""
    )
    changed = rows("commitment.changed")["amal@example.ma"]
    assert "تحيين التزام" in changed.subject and "نشر الميزانية 1" in changed.subject
    assert "مستوى الإنجاز: محدود" in changed.body
    assert f"/programme/commitments/{commitment.pk}/" in changed.body
    commitment_update_progress(
        commitment=commitment, by=Actor(name="test"), completion=Completion.SUBSTANTIAL, note=""
    )
    assert Notification.objects.filter(kind="commitment.changed").count() == 2
    meeting = meeting_in(10, place="قاعة الاجتماعات")
    assert "قاعة الاجتماعات" in rows("meeting.announced")["amal@example.ma"].body
    meeting_update(meeting=meeting, place="القاعة الكبرى")
    meeting_update(meeting=meeting, place="القاعة الكبرى")  # no change: nothing new
    changed = Notification.objects.filter(kind="meeting.changed")
    assert changed.count() == 1 and "القاعة الكبرى" in changed.get().body
    consultation_in(-1, 10)
    assert "فتح استشارة" in rows("consultation.opened")["amal@example.ma"].subject


def test_a_followed_request_answered_and_a_followed_petition_decided():
    request = filed()
    follower("amal@example.ma", Topic.INFORMATION_REQUEST, object_id=request.pk)
    follower("other@example.ma", Topic.INFORMATION_REQUEST, object_id=request.pk + 1000)
    information_request_start(information_request=request, by=Actor(name="clerk"))
    information_request_answer(
        information_request=request, by=Actor(name="clerk"), answer_text="الجواب"
    )
    assert list(rows("information_request.answered")) == ["amal@example.ma"]
    target = petition(threshold=2)
    follower("luc@example.ma", Topic.PETITION, language="fr", object_id=target.pk)
    sign(target, 2)
    today = timezone.localdate()
    petition_transition(petition=target, to="submitted", by=Actor(name="staff"), happened_on=today)
    assert not rows("petition.decided")
    petition_transition(
        petition=target,
        to="not_admissible",
        by=Actor(name="staff"),
        happened_on=today,
        reason="خارج اختصاصات المجلس",
    )
    decided = rows("petition.decided")["luc@example.ma"]
    assert decided.language == "fr" and "État : Irrecevable" in decided.body.replace(
        "État: ", "État : "
    )


def test_staff_are_told_of_their_work(django_user_model):
    def staff(email, role):
        user = django_user_model.objects.create_user(email, email=email, is_staff=True)
        StaffMembership.objects.create(user=user, role=role)

    staff("focal@example.ma", "focal_point")
    staff("moderator@example.ma", "moderator")
    staff("editor@example.ma", "editor")
    filed()
    assert list(rows("information_request.filed")) == ["focal@example.ma"]
    assert (
        "طلب جديد للحصول على المعلومات"
        in rows("information_request.filed")["focal@example.ma"].subject
    )
    comment_on(consultation_in(-1, 10))
    assert sorted(rows("comment.awaiting_moderation")) == [
        "focal@example.ma",
        "moderator@example.ma",
    ]
    target = petition(threshold=2)
    sign(target, 2)
    assert list(rows("petition.threshold_reached")) == ["focal@example.ma"]


def test_digest_subscribers_wait_for_their_digest():
    from tenants.notifications.digests import notifications_digest_group

    follower("daily@example.ma", Topic.DOCUMENTS, Topic.MEETINGS, delivery=Delivery.DAILY)
    follower("weekly@example.ma", Topic.DOCUMENTS, language="fr", delivery=Delivery.WEEKLY)
    follower("now@example.ma", Topic.DOCUMENTS)
    document_factory(title_ar="وثيقة أولى")
    document_factory(title_ar="وثيقة ثانية")
    meeting_in(3, title_ar="اجتماع إخباري")
    waiting = Notification.objects.filter(state="pending").exclude(digest="")
    assert waiting.filter(recipient_email="daily@example.ma").count() == 3
    assert waiting.filter(recipient_email="weekly@example.ma").count() == 2
    assert notifications_digest_group(delivery="daily") == 1
    assert notifications_digest_group(delivery="daily") == 0  # run again: nothing new
    digest = Notification.objects.get(kind="digest.daily")
    assert digest.recipient_email == "daily@example.ma" and digest.digest == ""
    assert "(3)" in digest.subject and "ملخصكم اليومي" in digest.subject
    for title in ("وثيقة أولى", "وثيقة ثانية", "اجتماع إخباري"):
        assert title in digest.body
    assert digest.body.count("إلغاء الاشتراك بنقرة واحدة") == 1  # one footer, not one per item
    assert digest.items.count() == 3 and not waiting.filter(recipient_email="daily@example.ma")
    assert waiting.filter(recipient_email="weekly@example.ma").count() == 2  # not theirs yet
    assert notifications_digest_group(delivery="weekly") == 1
    weekly = Notification.objects.get(kind="digest.weekly")
    assert weekly.language == "fr" and weekly.subject.startswith("Votre récapitulatif hebdo")
