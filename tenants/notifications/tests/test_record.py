"""notification_record: one row per key, rendered in the recipient's language, sent after commit."""

import pytest
from django.core import mail

from tenants.notifications.models import Notification
from tenants.notifications.recording import notification_record

pytestmark = pytest.mark.usefixtures("in_tetouan")


def record(key="reminder:1", language="ar"):
    return notification_record(
        key=key,
        recipient_email="focal@example.ma",
        language=language,
        template="notifications/email/verify",
        kind="reminder.test",
        context={"link": "http://x/verify/", "topics": []},
    )


def test_a_key_is_recorded_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = record()
        assert record() is None  # the same key again: nothing
        record(key="reminder:2")
    assert first.pk and Notification.objects.filter(key="reminder:1").count() == 1
    assert len(callbacks) == 1  # one hand-over per transaction, however many rows
    assert len(mail.outbox) == 2
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}


def test_rendered_in_arabic_or_french_with_the_member_name():
    arabic, french = record(key="a"), record(key="f", language="fr")
    assert "تطوان" in arabic.subject and "http://x/verify/" in arabic.body
    assert "تأكيد" in arabic.subject or "أكد" in arabic.subject
    assert french.subject.startswith("Confirmez") and "Tétouan" in french.subject
    assert "Tétouan" in french.from_email and "no-reply@infitah.ma" in french.from_email


def test_nothing_is_sent_on_rollback(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            record()
            raise RuntimeError
    assert not Notification.objects.exists() and mail.outbox == []


def test_a_long_key_is_shortened_and_still_recorded_once():
    long_key = "digest:daily:" + "x" * 300 + "@example.ma"
    first = record(key=long_key)
    assert len(first.key) == 200 and record(key=long_key) is None
    assert record(key=long_key + "2") is not None  # another key stays another key


def test_a_message_that_cannot_be_built_fails_at_once_and_the_others_go(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        record(key="good-1")
        Notification.objects.filter(key="good-1").update(subject="line\nbreak")
        record(key="good-2")
    broken, good = Notification.objects.get(key="good-1"), Notification.objects.get(key="good-2")
    assert (broken.state, broken.attempts) == ("failed", 1)
    assert "BadHeaderError" in broken.last_error
    assert good.state == "sent" and len(mail.outbox) == 1


def test_settled_rows_are_purged_after_a_while():
    from datetime import timedelta

    from django.utils import timezone

    from tenants.notifications.digests import notifications_purge

    for key in ("old-sent", "old-pending", "new-sent"):
        record(key=key)
    long_ago = timezone.now() - timedelta(days=200)
    Notification.objects.filter(key="old-sent").update(state="sent", created_at=long_ago)
    Notification.objects.filter(key="old-pending").update(created_at=long_ago)
    Notification.objects.filter(key="new-sent").update(state="sent")
    assert notifications_purge() == 1
    assert sorted(Notification.objects.values_list("key", flat=True)) == ["new-sent", "old-pending"]
