"""The outbox and the subscribers in the back office: the focal point reads its own member's."""

import pytest

from tenants.notifications.models import Notification, Topic
from tenants.notifications.recording import notification_record
from tenants.notifications.tests.conftest import follower

OUTBOX = "/admin/notifications/notification/"
SUBSCRIBERS = "/admin/notifications/subscriber/"


@pytest.fixture
def mail_in_both(tetouan, tanger, in_member):
    """An e-mail and a follower in each member (recorded, not sent: nothing commits here)."""
    for member in (tetouan, tanger):
        with in_member(member):
            notification_record(
                key="admin",
                recipient_email=f"citizen@{member.schema_name}.ma",
                language="ar",
                template="notifications/email/verify",
                kind="subscriber.verify",
                context={"link": f"http://x/secret-{member.schema_name}/", "topics": []},
            )
            follower(f"follower@{member.schema_name}.ma", Topic.DOCUMENTS, Topic.MEETINGS)


def test_the_focal_point_reads_its_own_outbox_and_followers_in_arabic(
    mail_in_both, tetouan, tanger, staff_client, in_member
):
    focal_point = staff_client(tetouan, "focal_point")
    outbox = focal_point.get(OUTBOX)
    page = outbox.content.decode()
    assert outbox.status_code == 200 and '<html lang="ar" dir="rtl"' in page
    assert f"citizen@{tetouan.schema_name}.ma" in page
    assert f"citizen@{tanger.schema_name}.ma" not in page  # another member's outbox
    with in_member(tetouan):
        row = Notification.objects.get(key="admin")
    detail = focal_point.get(f"{OUTBOX}{row.pk}/change/").content.decode()
    assert row.subject in detail
    # The citizen's signed links stay in the e-mail: staff cannot act in their name.
    assert "secret-" not in detail and "unsubscribe" not in detail

    followers = focal_point.get(SUBSCRIBERS).content.decode()
    assert f"follower@{tetouan.schema_name}.ma" in followers
    assert f"follower@{tanger.schema_name}.ma" not in followers
    assert 'class="field-subscription_count">2<' in followers


def test_the_outbox_is_read_only_and_for_the_focal_point_alone(
    mail_in_both, tetouan, staff_client, in_member
):
    with in_member(tetouan):
        row = Notification.objects.get(key="admin")
    focal_point = staff_client(tetouan, "focal_point")
    assert focal_point.get(f"{OUTBOX}add/").status_code == 403
    assert focal_point.post(f"{OUTBOX}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert focal_point.post(f"{OUTBOX}{row.pk}/change/", {"state": "sent"}).status_code == 403
    with in_member(tetouan):
        assert Notification.objects.get(pk=row.pk).state == "pending"
    for role in ("editor", "moderator"):
        browser = staff_client(tetouan, role)
        assert browser.get(OUTBOX).status_code == 403, role
        assert browser.get(SUBSCRIBERS).status_code == 403, role
