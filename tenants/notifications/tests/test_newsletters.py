"""Newsletters: written as plain text, sent once, to the right subscribers in their language
(Arabic when the newsletter has none of theirs), in their digest when they chose one, each
e-mail with its own unsubscribe link."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tenants.notifications.models import Delivery, Newsletter, Notification, Subscriber, Topic
from tenants.notifications.newsletter_selectors import newsletter_audience_count, newsletter_reach
from tenants.notifications.newsletter_services import (
    newsletter_create,
    newsletter_preview,
    newsletter_record,
    newsletter_record_batch,
    newsletter_send,
    newsletter_update,
)
from tenants.notifications.signals import newsletter_confirmed
from tenants.notifications.digests import notifications_digest_group
from tenants.notifications.links import subscriber_from_link
from tenants.notifications.tests.conftest import follower
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")

ARABIC = {
    "subject_ar": "لقاء تواصلي حول الميزانية",
    "body_ar": "ندعوكم إلى لقاء يوم السبت.\n\nمرحبًا بالجميع.",
}
FRENCH = {"subject_fr": "Réunion sur le budget", "body_fr": "Nous vous invitons samedi."}


def sent_to() -> dict[str, mail.EmailMessage]:
    return {message.to[0]: message for message in mail.outbox}


def test_each_subscriber_gets_it_once_in_their_language_with_their_unsubscribe_link(
    django_capture_on_commit_callbacks,
):
    amal = follower("amal@example.ma", Topic.DOCUMENTS)
    follower("luc@example.ma", Topic.MEETINGS, language="fr")
    newsletter = newsletter_create(by=Actor(name="أمينة"), **ARABIC, **FRENCH)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = newsletter_send(newsletter=newsletter, by=Actor(name="أمينة"))
    assert outcome.audience == 2 and not outcome.already_sent
    messages = sent_to()
    assert sorted(messages) == ["amal@example.ma", "luc@example.ma"]
    arabic, french = messages["amal@example.ma"], messages["luc@example.ma"]
    assert arabic.subject == "لقاء تواصلي حول الميزانية" and "مرحبًا بالجميع." in arabic.body
    assert "إلغاء الاشتراك بنقرة واحدة" in arabic.body and "Réunion" not in arabic.body
    assert french.subject == "Réunion sur le budget" and "Se désabonner en un clic" in french.body
    row = Notification.objects.get(recipient_email="amal@example.ma")
    assert row.unsubscribe_url in arabic.body
    assert arabic.extra_headers["List-Unsubscribe"] == f"<{row.unsubscribe_url}>"
    # The link is amal's own and works.
    signed = row.unsubscribe_url.rstrip("/").rsplit("/", 1)[1]
    assert subscriber_from_link(signed, purpose="unsubscribe") == amal
    stored = Newsletter.objects.get(pk=newsletter.pk)
    assert (stored.state, stored.recipients, stored.sent_by) == ("sent", 2, "أمينة")


def test_a_second_send_a_double_click_or_a_retry_records_and_sends_nothing(
    django_capture_on_commit_callbacks,
):
    follower("amal@example.ma", Topic.DOCUMENTS)
    newsletter = newsletter_create(by=Actor(name="أمينة"), **ARABIC)
    stale = Newsletter.objects.get(pk=newsletter.pk)  # what a second request had loaded
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_send(newsletter=newsletter, by=Actor(name="أمينة"))
    with django_capture_on_commit_callbacks(execute=True):
        again = newsletter_send(newsletter=stale, by=Actor(name="أمينة"))
    assert again.already_sent and again.audience == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind="newsletter").count() == 1
    with pytest.raises(ValidationError):
        newsletter_update(newsletter=stale, **ARABIC)  # what was sent stays as it was


def test_a_subscriber_without_their_language_gets_the_arabic_version_in_arabic(
    django_capture_on_commit_callbacks,
):
    follower("luc@example.ma", Topic.DOCUMENTS, language="fr")
    newsletter = newsletter_create(by=Actor(name="أمينة"), **ARABIC)
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_send(newsletter=newsletter, by=Actor(name="أمينة"))
    row = Notification.objects.get(recipient_email="luc@example.ma")
    assert row.language == "ar" and row.subject == ARABIC["subject_ar"]
    assert "إلغاء الاشتراك بنقرة واحدة" in row.body  # the footer in the language of the text
    assert Subscriber.objects.get(email="luc@example.ma").language == "fr"  # unchanged
    french_only = newsletter_create(by=Actor(name="أمينة"), **FRENCH)
    follower("amal@example.ma", Topic.DOCUMENTS)
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_send(newsletter=french_only, by=Actor(name="أمينة"))
    amal = Notification.objects.get(recipient_email="amal@example.ma")
    assert amal.language == "fr" and amal.subject == FRENCH["subject_fr"]


def test_digest_subscribers_get_it_in_their_digest_not_on_its_own(
    django_capture_on_commit_callbacks,
):
    follower("daily@example.ma", Topic.DOCUMENTS, delivery=Delivery.DAILY)
    follower("now@example.ma", Topic.DOCUMENTS)
    newsletter = newsletter_create(by=Actor(name="أمينة"), **ARABIC)
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_send(newsletter=newsletter, by=Actor(name="أمينة"))
    assert list(sent_to()) == ["now@example.ma"]
    reach = newsletter_reach(newsletter=newsletter)
    assert reach.count("ar", "waiting_digest") == 1 and reach.count("ar", "sent") == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_digest_group(delivery="daily") == 1
    digest = sent_to()["daily@example.ma"]
    assert ARABIC["subject_ar"] in digest.body and "مرحبًا بالجميع." in digest.body
    assert digest.body.count("إلغاء الاشتراك بنقرة واحدة") == 1  # the digest's own footer
    reach = newsletter_reach(newsletter=newsletter)
    assert reach.count("ar", "sent") == 2 and reach.count("total", "waiting_digest") == 0


def test_the_audience_is_the_topics_chosen_or_every_follower_of_the_news(
    django_capture_on_commit_callbacks,
):
    follower("docs@example.ma", Topic.DOCUMENTS)
    follower("meetings@example.ma", Topic.MEETINGS, language="fr")
    follower("petition-only@example.ma", Topic.PETITION, object_id=7)
    unverified = follower("unverified@example.ma", Topic.DOCUMENTS)
    Subscriber.objects.filter(pk=unverified.pk).update(verified_at=None)
    for_meetings = newsletter_create(by=Actor(name="أمينة"), topics=[Topic.MEETINGS], **ARABIC)
    everyone = newsletter_create(by=Actor(name="أمينة"), **ARABIC, **FRENCH)
    assert newsletter_audience_count(newsletter=for_meetings).by_version == {"ar": 1}
    audience = newsletter_audience_count(newsletter=everyone)
    assert audience.total == 2 and audience.by_version == {"ar": 1, "fr": 1}
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_send(newsletter=for_meetings, by=Actor(name="أمينة"))
    assert list(Notification.objects.values_list("recipient_email", flat=True)) == [
        "meetings@example.ma"
    ]


def test_bad_input_is_refused_in_arabic_and_markup_is_removed():
    with pytest.raises(ValidationError) as refused:
        newsletter_create(by=Actor(name="أمينة"))
    assert "اكتبوا النشرة بالعربية أو بالفرنسية" in str(refused.value)
    with pytest.raises(ValidationError) as no_body:
        newsletter_create(by=Actor(name="أمينة"), subject_ar="موضوع")
    assert "body_ar" in no_body.value.message_dict
    with pytest.raises(ValidationError):
        newsletter_create(by=Actor(name="أمينة"), topics=["petition"], **ARABIC)
    assert not Newsletter.objects.exists()
    cleaned = newsletter_create(
        by=Actor(name="أمينة"),
        subject_ar="<b>موضوع</b>",
        body_ar="<script>alert(1)</script>نص <a href='x'>الرابط</a>",
    )
    assert cleaned.subject_ar == "موضوع" and "<" not in cleaned.body_ar
    assert "نص الرابط" in cleaned.body_ar


def test_nobody_to_send_to_is_refused_and_nothing_changes():
    newsletter = newsletter_create(by=Actor(name="أمينة"), **ARABIC)
    with pytest.raises(ValidationError):
        newsletter_send(newsletter=newsletter, by=Actor(name="أمينة"))
    assert Newsletter.objects.get(pk=newsletter.pk).state == "draft"


def test_the_preview_shows_both_languages_and_the_fallback_without_a_real_link():
    newsletter = newsletter_create(by=Actor(name="أمينة"), **ARABIC)
    arabic, french = newsletter_preview(newsletter=newsletter)
    assert (arabic.language, arabic.version, french.language, french.version) == (
        "ar",
        "ar",
        "fr",
        "ar",
    )
    assert arabic.subject == ARABIC["subject_ar"] and "مرحبًا بالجميع." in arabic.body
    assert "[الرابط الخاص بكل مشترك]" in arabic.body and "@@" not in arabic.body
    assert not Notification.objects.exists()


def test_the_request_only_confirms_and_hands_the_newsletter_to_the_workers_after_commit(
    in_tetouan, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_DELIVERY = "worker"
    follower("amal@example.ma", Topic.DOCUMENTS)
    follower("luc@example.ma", Topic.DOCUMENTS, language="fr")
    newsletter = newsletter_create(by=Actor(name="أمينة"), **ARABIC)
    handed = []

    def receiver(sender, **kwargs):
        handed.append(kwargs)

    newsletter_confirmed.connect(receiver, dispatch_uid="test-newsletter-confirmed")
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            outcome = newsletter_send(
                newsletter=newsletter,
                by=Actor(name="أمينة"),
                site_url="https://tetouan.example.ma/",
            )
        stored = Newsletter.objects.get(pk=newsletter.pk)
        assert (stored.state, stored.audience_size, stored.recipients) == ("sending", 2, 0)
        assert outcome.audience == 2 and not Notification.objects.exists()  # nothing yet
        assert not handed  # nothing before the commit
        for callback in callbacks:
            callback()
    finally:
        newsletter_confirmed.disconnect(dispatch_uid="test-newsletter-confirmed")
    assert [(h["schema_name"], h["newsletter_id"], h["site_url"]) for h in handed] == [
        (in_tetouan.schema_name, newsletter.pk, "https://tetouan.example.ma")
    ]


def test_the_workers_record_in_batches_showing_progress_and_a_retry_records_nothing_twice(
    settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_DELIVERY = "worker"  # the confirmation only: batches by hand here
    people = [follower(f"s{n}@example.ma", Topic.DOCUMENTS) for n in range(5)]
    newsletter = newsletter_create(by=Actor(name="أمينة"), **ARABIC)
    with django_capture_on_commit_callbacks(execute=False):
        newsletter_send(
            newsletter=newsletter, by=Actor(name="أمينة"), site_url="https://t.example.ma"
        )
    assert newsletter_record_batch(newsletter_id=newsletter.pk, batch_size=2) == 2
    midway = Newsletter.objects.get(pk=newsletter.pk)
    assert (midway.state, midway.recipients, midway.recorded_up_to) == ("sending", 2, people[1].pk)
    assert newsletter_reach(newsletter=midway).count("total", "all") == 2
    late = follower("late@example.ma", Topic.DOCUMENTS)  # subscribed while it was being sent
    report = newsletter_record(newsletter_id=newsletter.pk, batch_size=2)
    assert report.done and report.recorded == 4
    # A redelivered task, and one that lost its place: neither records anything again.
    assert newsletter_record(newsletter_id=newsletter.pk).recorded == 0
    Newsletter.objects.filter(pk=newsletter.pk).update(state="sending", recorded_up_to=0)
    assert newsletter_record(newsletter_id=newsletter.pk).recorded == 0
    emails = list(
        Notification.objects.filter(kind="newsletter").values_list("recipient_email", flat=True)
    )
    assert sorted(emails) == sorted([p.email for p in people] + [late.email])
    stored = Newsletter.objects.get(pk=newsletter.pk)
    assert (stored.state, stored.recipients) == ("sent", 6)


def test_a_slice_of_time_stops_between_batches_and_the_next_one_goes_on():
    people = [follower(f"s{n}@example.ma", Topic.DOCUMENTS) for n in range(3)]
    newsletter = newsletter_create(by=Actor(name="أمينة"), **ARABIC)
    Newsletter.objects.filter(pk=newsletter.pk).update(state="sending", audience_size=3)
    first = newsletter_record(newsletter_id=newsletter.pk, batch_size=1, seconds=0)
    assert (first.recorded, first.done) == (1, False)  # one batch, then its time was up
    rest = newsletter_record(newsletter_id=newsletter.pk, batch_size=1)
    assert (rest.recorded, rest.done) == (len(people) - 1, True)
