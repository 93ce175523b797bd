"""The workspace's newsletter pages: written, previewed in both languages, sent after a
confirmation and once, with how many it reached; errors in Arabic with nothing written; for
focal points and editors only, and never a subscriber's address."""

from django.core import mail

from tenants.notifications.models import Delivery, Newsletter, Notification, Topic
from tenants.notifications.tests.conftest import follower

LIST = "/staff/newsletters/"
NEW = "/staff/newsletters/new/"
FORM = {
    "subject_ar": "لقاء تواصلي حول الميزانية",
    "body_ar": "ندعوكم إلى لقاء يوم السبت.",
    "subject_fr": "",
    "body_fr": "",
}


def test_an_editor_writes_previews_sends_and_sees_the_reach(
    tetouan, in_member, staff_client, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        follower("amal@example.ma", Topic.DOCUMENTS)
        follower("luc@example.ma", Topic.MEETINGS, language="fr")
        follower("weekly@example.ma", Topic.DOCUMENTS, delivery=Delivery.WEEKLY)
    client = staff_client(tetouan, "editor")
    page = client.get(LIST).content.decode()
    assert "النشرات الإخبارية" in page and "كتابة نشرة إخبارية" in page
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, {**FORM, "topics": []})
    with in_member(tetouan):
        newsletter = Newsletter.objects.get()
    detail = f"/staff/newsletters/{newsletter.pk}/"
    assert response.status_code == 302 and response["Location"] == detail
    preview = client.get(detail).content.decode()
    assert 'role="status"' in preview and "كما يتوصل بها المشتركون بالعربية" in preview
    assert "لا توجد نسخة فرنسية: يتوصلون بالنسخة العربية." in preview
    assert "ستصل اليوم إلى 3 مشتركين" in preview
    assert "amal@example.ma" not in preview  # counts, never addresses
    edit = f"/staff/newsletters/{newsletter.pk}/edit/"
    assert client.get(edit).status_code == 200
    assert (
        client.post(edit, {**FORM, "subject_fr": "Réunion", "body_fr": "Samedi."}).status_code
        == 302
    )
    send = f"/staff/newsletters/{newsletter.pk}/send/"
    confirm = client.get(send).content.decode()
    assert "نعم، أرسلوها الآن" in confirm and "2 بالعربية" in confirm and "1 بالفرنسية" in confirm
    with in_member(tetouan):
        assert not Notification.objects.exists()  # a GET sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(send)
    assert sent.status_code == 302 and sent["Location"] == detail
    with django_capture_on_commit_callbacks(execute=True):
        twice = client.post(send)  # the double click
    assert twice.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == ["amal@example.ma", "luc@example.ma"]
    result = client.get(detail).content.decode()
    assert "عدد من وصلتهم" in result and "سبق إرسال هذه النشرة" in result
    assert "في ملخص قادم" in result
    with in_member(tetouan):
        assert Notification.objects.filter(kind="newsletter").count() == 3
    assert client.get(edit).status_code == 302  # sent: no more changes


def test_while_the_workers_record_it_the_page_shows_progress_and_refreshes(
    tetouan, in_member, staff_client, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_DELIVERY = "worker"  # the request confirms; no worker runs here
    with in_member(tetouan):
        for n in range(3):
            follower(f"s{n}@example.ma", Topic.DOCUMENTS)
        newsletter = Newsletter.objects.create(
            created_by="أمينة", **{key: value for key, value in FORM.items() if value}
        )
    client = staff_client(tetouan, "editor")
    send = f"/staff/newsletters/{newsletter.pk}/send/"
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(send, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "النشرة في طريقها إلى 3 مشتركين" in page
    assert "0 من 3" in page and 'http-equiv="refresh"' in page
    assert "<progress" in page
    with in_member(tetouan):
        from tenants.notifications.newsletter_services import newsletter_record_batch

        with django_capture_on_commit_callbacks(execute=False):
            newsletter_record_batch(newsletter_id=newsletter.pk, batch_size=2)
    page = client.get(f"/staff/newsletters/{newsletter.pk}/").content.decode()
    assert "2 من 3" in page and "s0@example.ma" not in page
    assert client.get(send).status_code == 302  # no second confirmation page
    with in_member(tetouan):
        assert Newsletter.objects.get(pk=newsletter.pk).state == "sending"


def test_an_empty_newsletter_is_refused_in_arabic_and_nothing_is_written(
    tetouan, in_member, staff_client
):
    client = staff_client(tetouan, "focal_point")
    response = client.post(
        NEW, {"subject_ar": "", "body_ar": "", "subject_fr": "Objet", "body_fr": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "هناك مشكلة" in page and "اكتبوا نص الرسالة تحت موضوعها." in page
    assert client.post(NEW, {**FORM, "topics": ["petition"]}).status_code == 400
    with in_member(tetouan):
        assert not Newsletter.objects.exists()


def test_sending_to_nobody_is_refused_with_a_message(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    client.post(NEW, FORM)
    with in_member(tetouan):
        newsletter = Newsletter.objects.get()
    send = f"/staff/newsletters/{newsletter.pk}/send/"
    assert "لا يوجد من تُرسل إليه" in client.get(send).content.decode()
    response = client.post(send, follow=True)
    assert "لم يُرسل أي شيء" in response.content.decode()
    with in_member(tetouan):
        assert Newsletter.objects.get().state == "draft"


def test_a_moderator_is_refused_and_the_menu_shows_the_section_to_editors(tetouan, staff_client):
    moderator = staff_client(tetouan, "moderator")
    assert moderator.get(LIST).status_code == 403
    assert moderator.post(NEW, FORM).status_code == 403
    assert LIST not in moderator.get("/staff/").content.decode()
    assert LIST in staff_client(tetouan, "editor").get("/staff/").content.decode()
