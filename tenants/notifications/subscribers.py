"""Subscribers and what they follow (member schema): subscribing (nothing is sent to an
address before its owner confirms it), confirming, changing, following one more request or
petition, and unsubscribing from everything."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenancy.addresses import current_member_site_url
from tenants.notifications.links import subscriber_from_link, subscriber_links
from tenants.notifications.models import (
    GENERAL_TOPICS,
    Delivery,
    Notification,
    Subscriber,
    Subscription,
    Topic,
)
from tenants.notifications.recording import LANGUAGES, notification_record
from tenants.notifications.tokens import LinkRefused, follow_token_read, subscriber_token_make


def _clean_choices(*, topics, language: str, delivery: str, allow_none: bool = False) -> list[str]:
    errors = {}
    topics = list(dict.fromkeys(topics))
    if (not topics and not allow_none) or any(topic not in GENERAL_TOPICS for topic in topics):
        errors["topics"] = ValidationError(_("Choose at least one topic to follow."), code="topics")
    if language not in LANGUAGES:
        errors["language"] = ValidationError(_("Choose Arabic or French."), code="language")
    if delivery not in Delivery.values:
        errors["delivery"] = ValidationError(
            _("Choose how often you want to be written to."), code="delivery"
        )
    if errors:
        raise ValidationError(errors)
    return topics


def _normalized(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError(
            {"email": ValidationError(_("Enter a valid e-mail address."), code="email")}
        ) from error
    return email


@transaction.atomic
def subscriber_subscribe(
    *,
    email: str,
    topics: list[str],
    language: str,
    delivery: str,
    site_url: str = "",
    follow: tuple[str, int] | None = None,
) -> Subscriber:
    """Record what a person asks to follow and e-mail them the link that confirms their
    address. Nothing is sent to the address before it is confirmed. A second form for an
    address already known adds its topics but changes no choice of language or frequency
    until the new link is followed (so nobody can change another person's settings)."""
    email = _normalized(email)
    topics = _clean_choices(
        topics=topics, language=language, delivery=delivery, allow_none=follow is not None
    )
    subscriber, created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language, "delivery": delivery}
    )
    if subscriber.verified_at is not None:
        # The address is confirmed already: its owner gets their manage link, and nothing
        # changes until they use it (the form cannot change somebody else's choices).
        context = subscriber_links(subscriber, site_url=site_url)
        if follow:
            signed = subscriber_token_make(
                subscriber_pk=subscriber.pk,
                token=subscriber.token,
                purpose="follow",
                follow=f"{follow[0]}:{follow[1]}",
            )
            context["follow_url"] = (site_url or current_member_site_url()).rstrip("/") + reverse(
                "notifications-follow", kwargs={"token": signed}
            )
            context["follow"] = follow
        notification_record(
            key=f"manage-link:{email}:{timezone.localdate().isoformat()}"
            + (f":{follow[0]}:{follow[1]}" if follow else ""),
            recipient_email=email,
            language=subscriber.language,
            template="notifications/email/manage",
            kind="subscriber.manage",
            context=context,
        )
        return subscriber
    if not created:
        subscriber.language, subscriber.delivery = language, delivery
        subscriber.save(update_fields=["language", "delivery"])
    wanted = [(topic, 0) for topic in topics] + ([follow] if follow else [])
    for topic, object_id in wanted:
        Subscription.objects.get_or_create(subscriber=subscriber, topic=topic, object_id=object_id)
    signed = subscriber_token_make(
        subscriber_pk=subscriber.pk, token=subscriber.token, purpose="verify"
    )
    base = (site_url or current_member_site_url()).rstrip("/")
    link = base + reverse("notifications-verify", kwargs={"token": signed})
    # One verification e-mail per address and day at most: the form cannot be used to flood
    # somebody's mailbox.
    notification_record(
        key=f"verify:{email}:{timezone.localdate().isoformat()}",
        recipient_email=email,
        language=language,
        template="notifications/email/verify",
        kind="subscriber.verify",
        context={"link": link, "topics": [Topic(t).label for t in topics]},
    )
    return subscriber


@transaction.atomic
def subscriber_verify(*, signed: str) -> Subscriber:
    subscriber = subscriber_from_link(signed, purpose="verify")
    if subscriber.verified_at is None:
        subscriber.verified_at = timezone.now()
        subscriber.save(update_fields=["verified_at"])
    return subscriber


@transaction.atomic
def subscriber_update(
    *, subscriber: Subscriber, topics: list[str], language: str, delivery: str
) -> Subscriber:
    """The manage page: the general topics, language and frequency (the requests and petitions
    followed by id stay)."""
    by_id = subscriber.subscriptions.exclude(object_id=0).exists()
    topics = _clean_choices(topics=topics, language=language, delivery=delivery, allow_none=by_id)
    subscriber.language, subscriber.delivery = language, delivery
    subscriber.save(update_fields=["language", "delivery"])
    subscriber.subscriptions.filter(topic__in=GENERAL_TOPICS).exclude(topic__in=topics).delete()
    for topic in topics:
        Subscription.objects.get_or_create(subscriber=subscriber, topic=topic, object_id=0)
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, subscriber: Subscriber) -> None:
    """Stop everything: the subscriptions, the address, and the items waiting for a digest."""
    Notification.objects.filter(
        recipient_email=subscriber.email, state=Notification.State.PENDING
    ).exclude(digest="").update(state=Notification.State.FAILED, last_error="unsubscribed")
    subscriber.delete()


@transaction.atomic
def subscriber_follow_confirm(*, signed: str) -> Subscription:
    """The link e-mailed to a confirmed address that asked to follow one more request or
    petition: the subscription starts when its owner follows it."""
    pk, token, value = follow_token_read(signed)
    subscriber = Subscriber.objects.filter(pk=pk, token=token).first()
    follow = follow_parse(value)
    if subscriber is None or follow is None:
        raise LinkRefused("follow")
    return Subscription.objects.get_or_create(
        subscriber=subscriber, topic=follow[0], object_id=follow[1]
    )[0]


def follow_parse(value: str) -> tuple[str, int] | None:
    """ "information_request:12" or "petition:7" (from a "follow" link of a request in the
    public register or of a published petition) when that object exists here, else None."""
    topic, _, pk = (value or "").partition(":")
    if not pk.isdigit() or len(pk) > 9:
        return None
    if topic == Topic.INFORMATION_REQUEST:
        from tenants.information_requests.models import InformationRequest

        found = InformationRequest.objects.filter(pk=int(pk)).exists()
    elif topic == Topic.PETITION:
        from tenants.petitions.models import Petition

        found = Petition.objects.filter(pk=int(pk), published_at__isnull=False).exists()
    else:
        return None
    return (topic, int(pk)) if found else None
