"""A newsletter of one member never reaches another member's subscribers, nor shows in its
workspace, and one member's staff cannot send another's."""

from django.core import mail

from tenants.notifications.models import Newsletter, Notification, Topic
from tenants.notifications.newsletter_services import newsletter_create, newsletter_send
from tenants.notifications.tests.conftest import follower
from kernel.actors import Actor


def test_a_newsletter_of_tetouan_reaches_only_tetouans_subscribers(
    tetouan, tanger, in_member, django_capture_on_commit_callbacks
):
    with in_member(tanger):
        follower("tanger-reader@example.ma", Topic.DOCUMENTS)
    with in_member(tetouan):
        follower("tetouan-reader@example.ma", Topic.DOCUMENTS)
        newsletter = newsletter_create(
            by=Actor(name="أمينة"), subject_ar="أخبار تطوان", body_ar="نص."
        )
        with django_capture_on_commit_callbacks(execute=True):
            newsletter_send(newsletter=newsletter, by=Actor(name="أمينة"))
    assert [message.to[0] for message in mail.outbox] == ["tetouan-reader@example.ma"]
    assert "/notifications/unsubscribe/" in mail.outbox[0].body
    with in_member(tetouan):
        host = tetouan.domains.get(is_primary=True).domain
        assert host in Notification.objects.get().unsubscribe_url  # Tétouan's own link
    with in_member(tanger):
        assert not Notification.objects.exists() and not Newsletter.objects.exists()


def test_tangers_staff_cannot_open_or_send_tetouans_newsletter(
    tetouan, tanger, in_member, staff_client
):
    with in_member(tetouan):
        follower("tetouan-reader@example.ma", Topic.DOCUMENTS)
        ours = newsletter_create(by=Actor(name="أمينة"), subject_ar="أخبار تطوان", body_ar="نص.")
    with in_member(tanger):
        newsletter_create(by=Actor(name="كريم"), subject_ar="أخبار طنجة", body_ar="نص.")
        Newsletter.objects.filter(pk=ours.pk).delete()  # that id means nothing in Tanger
    client = staff_client(tanger, "focal_point")
    listing = client.get("/staff/newsletters/").content.decode()
    assert "أخبار طنجة" in listing and "أخبار تطوان" not in listing
    assert client.get(f"/staff/newsletters/{ours.pk}/").status_code == 404
    assert client.post(f"/staff/newsletters/{ours.pk}/send/").status_code == 404
    with in_member(tetouan):
        assert Newsletter.objects.get(pk=ours.pk).state == "draft"
        assert not Notification.objects.exists()
