"""The public pages: subscribe, verify, manage, unsubscribe; links signed for one member."""

import re
from urllib.parse import urlsplit

from django.core import mail

from citizens.limits import PUBLIC_WRITE_LIMITS

from tenants.notifications.models import Notification, Subscriber, Topic
from tenants.notifications.links import subscriber_links
from tenants.notifications.tests.conftest import follower

FORM = {
    "email": "Amal@Example.ma",
    "topics": ["documents", "meetings"],
    "language": "ar",
    "delivery": "immediate",
    "website": "",
}


def subscribe(client, captured, **changes):
    with captured(execute=True):
        return client.post("/notifications/", {**FORM, **changes})


def link_in_last_mail(kind: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/notifications/{kind}/\S+/)", mail.outbox[-1].body)
    return found.group(1)


def test_the_form_is_arabic_first(tetouan, client_for):
    page = client_for(tetouan).get("/notifications/")
    html = page.content.decode()
    assert page.status_code == 200 and 'dir="rtl"' in html
    assert "تتبعوا مستجدات هذا الموقع" in html and "ملخص يومي" in html
    french = client_for(tetouan)
    french.get("/lang/fr/")
    assert "Suivre l'actualité de ce site" in french.get("/notifications/").content.decode()


def test_subscribe_then_verify_then_news_come(
    tetouan, client_for, in_member, django_capture_on_commit_callbacks
):
    client = client_for(tetouan)
    response = subscribe(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/notifications/sent/"
    assert mail.outbox[-1].to == ["amal@example.ma"]
    assert mail.outbox[-1].subject.startswith("أكدوا اشتراككم")
    with in_member(tetouan):
        subscriber = Subscriber.objects.get(email="amal@example.ma")
        assert subscriber.verified_at is None
        assert sorted(subscriber.subscriptions.values_list("topic", flat=True)) == [
            "documents",
            "meetings",
        ]
    verified = client.get(link_in_last_mail("verify"))
    assert verified.status_code == 200 and "تم تأكيد اشتراككم" in verified.content.decode()
    assert verified["Referrer-Policy"] == "no-referrer"
    with in_member(tetouan):
        assert Subscriber.objects.get(email="amal@example.ma").verified_at is not None


def test_bad_input_is_told_in_arabic_and_writes_nothing(
    tetouan, client_for, in_member, django_capture_on_commit_callbacks
):
    client = client_for(tetouan)
    response = subscribe(
        client, django_capture_on_commit_callbacks, email="not-an-address", topics=[]
    )
    html = response.content.decode()
    assert response.status_code == 400 and "اختاروا موضوعًا واحدًا على الأقل" in html
    bot = subscribe(client, django_capture_on_commit_callbacks, website="http://spam")
    assert bot.status_code == 400
    odd = subscribe(client, django_capture_on_commit_callbacks, delivery="hourly")
    assert odd.status_code == 400
    with in_member(tetouan):
        assert not Subscriber.objects.exists() and not Notification.objects.exists()
    assert mail.outbox == []


def test_the_form_is_rate_limited(tetouan, client_for, django_capture_on_commit_callbacks):
    client = client_for(tetouan)
    for _ in range(PUBLIC_WRITE_LIMITS["notifications:subscribe"].per_email):
        assert subscribe(client, django_capture_on_commit_callbacks).status_code == 302
    refused = subscribe(client, django_capture_on_commit_callbacks)
    assert refused.status_code == 429 and "خلال الساعة الأخيرة" in refused.content.decode()
    assert len(mail.outbox) == 1  # one verification e-mail a day per address


def test_manage_and_unsubscribe_in_one_click(tetouan, client_for, in_member):
    with in_member(tetouan):
        subscriber = follower("amal@example.ma", Topic.DOCUMENTS)
        follower_links = subscriber_links(subscriber)
    client = client_for(tetouan)
    manage = urlsplit(follower_links["manage_url"]).path
    page = client.get(manage)
    assert page.status_code == 200 and "amal@example.ma" in page.content.decode()
    saved = client.post(
        manage, {"topics": ["consultations"], "language": "fr", "delivery": "weekly"}
    )
    assert saved.status_code == 200
    with in_member(tetouan):
        subscriber.refresh_from_db()
        assert (subscriber.language, subscriber.delivery) == ("fr", "weekly")
        assert list(subscriber.subscriptions.values_list("topic", flat=True)) == ["consultations"]
    unsubscribe = urlsplit(follower_links["unsubscribe_url"]).path
    asked = client.get(unsubscribe)  # a link scanner opening the link unsubscribes nobody
    assert asked.status_code == 200 and "إلغاء جميع الاشتراكات" in asked.content.decode()
    with in_member(tetouan):
        assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    # RFC 8058: the mail client posts without a session or a CSRF token.
    from django.test import Client

    one_click = Client(HTTP_HOST="tetouan.localhost", enforce_csrf_checks=True).post(
        unsubscribe, {"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200 and "تم إلغاء اشتراككم" in one_click.content.decode()
    with in_member(tetouan):
        assert not Subscriber.objects.exists()
        from tenants.documents.tests.factories import document_factory

        document_factory()  # news after unsubscribing: nothing for that address
        assert not Notification.objects.filter(recipient_email="amal@example.ma").exists()
    assert client.post(unsubscribe).status_code == 200  # again: still unsubscribed
    assert client.get(manage).status_code == 400  # that person is gone


def test_a_forged_link_is_refused(tetouan, client_for):
    client = client_for(tetouan)
    for kind in ("verify", "manage", "unsubscribe"):
        response = client.get(f"/notifications/{kind}/forged-token/")
        assert response.status_code == 400
        assert "لا يمكن استعمال هذا الرابط" in response.content.decode()


def test_links_of_one_member_are_refused_on_another(tetouan, tanger, client_for, in_member):
    with in_member(tetouan):
        subscriber = follower("amal@example.ma", Topic.DOCUMENTS)
        links = subscriber_links(subscriber)
    with in_member(tanger):
        # A subscriber with the same id at Tanger: Tétouan's links must still mean nothing.
        Subscriber.objects.create(
            pk=subscriber.pk, email="other@example.ma", token=subscriber.token
        )
    for url in links.values():
        path = urlsplit(url).path
        assert client_for(tanger).get(path).status_code == 400
        assert client_for(tanger).post(path).status_code in (400, 403)
    with in_member(tanger):
        assert Subscriber.objects.filter(email="other@example.ma").exists()
    with in_member(tetouan):
        assert Subscriber.objects.filter(email="amal@example.ma").exists()


def test_a_confirmed_address_gets_its_manage_link_and_nothing_changes(
    tetouan, client_for, in_member, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        follower("amal@example.ma", Topic.DOCUMENTS, language="fr")
    response = subscribe(
        client_for(tetouan),
        django_capture_on_commit_callbacks,
        topics=["meetings"],
        delivery="daily",
    )
    assert response.status_code == 302
    assert mail.outbox[-1].subject.startswith("Vos abonnements")  # in the person's language
    manage = link_in_last_mail("manage")
    assert client_for(tetouan).get(manage).status_code == 200
    with in_member(tetouan):
        subscriber = Subscriber.objects.get(email="amal@example.ma")
        assert subscriber.delivery == "immediate"
        assert list(subscriber.subscriptions.values_list("topic", flat=True)) == ["documents"]


def test_follow_one_petition_from_its_page(
    tetouan, client_for, in_member, django_capture_on_commit_callbacks
):
    from tenants.petitions.tests.factories import petition

    with in_member(tetouan):
        target = petition()
    client = client_for(tetouan)
    page = client.get(f"/notifications/?follow=petition:{target.pk}")
    assert f"بمآل العريضة رقم {target.pk}" in page.content.decode()
    assert (
        client.get("/notifications/?follow=petition:999999").content.decode().count("بمآل العريضة")
        == 0
    )
    response = subscribe(
        client, django_capture_on_commit_callbacks, topics=[], follow=f"petition:{target.pk}"
    )
    assert response.status_code == 302
    with in_member(tetouan):
        subscriber = Subscriber.objects.get(email="amal@example.ma")
        assert list(subscriber.subscriptions.values_list("topic", "object_id")) == [
            ("petition", target.pk)
        ]
    refused = subscribe(
        client,
        django_capture_on_commit_callbacks,
        email="x@example.ma",
        topics=[],
        follow="petition:999999",
    )
    assert refused.status_code == 400
    assert "اختاروا موضوعًا واحدًا على الأقل" in refused.content.decode()


def test_a_confirmed_address_follows_one_more_petition_by_its_link(
    tetouan, tanger, client_for, in_member, django_capture_on_commit_callbacks
):
    from tenants.petitions.tests.factories import petition

    with in_member(tetouan):
        follower("amal@example.ma", Topic.DOCUMENTS)
        target = petition()
    subscribe(
        client_for(tetouan),
        django_capture_on_commit_callbacks,
        topics=[],
        follow=f"petition:{target.pk}",
    )
    assert f"بمآل العريضة رقم {target.pk}" in mail.outbox[-1].body
    link = link_in_last_mail("follow")
    with in_member(tetouan):  # nothing yet: the owner of the address decides
        assert (
            not Subscriber.objects.get(email="amal@example.ma")
            .subscriptions.filter(topic="petition")
            .exists()
        )
    assert client_for(tanger).get(link).status_code == 400  # Tétouan's link, on Tanger
    assert client_for(tetouan).get(link).status_code == 200
    with in_member(tetouan):
        assert (
            Subscriber.objects.get(email="amal@example.ma")
            .subscriptions.filter(topic="petition", object_id=target.pk)
            .exists()
        )


def test_a_petition_and_an_open_request_offer_to_be_followed_on_their_member_only(
    tetouan, tanger, client_for, in_member
):
    from tenants.information_requests.models import InformationRequest
    from tenants.information_requests.tests.factories import filed
    from tenants.petitions.tests.factories import petition

    with in_member(tetouan):
        target = petition()
        request = filed()
    client = client_for(tetouan)
    page = client.get(f"/petitions/{target.pk}/").content.decode()
    assert f'href="/notifications/?follow=petition:{target.pk}"' in page
    assert "توصلوا برسالة إلكترونية عند البت في هذه العريضة" in page
    page = client.get(f"/information-requests/{request.pk}/").content.decode()
    assert f'href="/notifications/?follow=information_request:{request.pk}"' in page
    # A decided request has nothing left to follow.
    with in_member(tetouan):
        InformationRequest.objects.filter(pk=request.pk).update(state="answered")
    page = client.get(f"/information-requests/{request.pk}/").content.decode()
    assert "follow=information_request" not in page
    # Another member's host knows neither.
    assert client_for(tanger).get(f"/petitions/{target.pk}/").status_code == 404
