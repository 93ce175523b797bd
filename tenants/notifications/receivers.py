"""From a member's events to rows of its outbox (member schema, inside the event's transaction).

`emit(kind, **data)` (platform/events) is called by the services of the content apps; this
receiver records, in the same transaction, one notification per verified subscriber of the
matching topic (in the subscriber's language, for at once or for their digest) and, for the
staff's own work, one per member of staff with the role concerned. Each row's key is the event's
fingerprint and the recipient, so an event seen twice records nothing new.
"""

import logging

from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from tenants.notifications.models import Topic
from tenants.notifications.selectors import topic_followers
from tenancy.addresses import current_member_site_url
from tenants.notifications.recording import (
    event_fingerprint,
    notification_record,
    notifications_record_for_followers,
)
from tenants.site.roles import Role
from tenants.site.selectors import site_profile_get

logger = logging.getLogger(__name__)


def _commitment(data):
    from tenants.programme.models import Commitment

    item = Commitment.objects.filter(pk=data["commitment_id"]).first()
    return item, (reverse("programme:commitment", args=[item.pk]) if item else "")


def _document(data):
    from tenants.documents.models import Document

    return Document.objects.filter(pk=data["document_id"]).first(), reverse("documents:library")


def _meeting(data):
    from tenants.meetings.models import Meeting

    item = Meeting.objects.filter(pk=data["meeting_id"]).first()
    return item, (reverse("meetings:detail", args=[item.pk]) if item else "")


def _consultation(data):
    from tenants.consultations.models import Consultation

    item = Consultation.objects.filter(pk=data["consultation_id"]).first()
    return item, (reverse("consultations:detail", args=[item.pk]) if item else "")


def _information_request(data):
    from tenants.information_requests.models import InformationRequest

    item = InformationRequest.objects.filter(pk=data["request_id"]).first()
    return item, (reverse("information_requests:detail", args=[item.pk]) if item else "")


def _petition(data):
    from tenants.petitions.models import Petition

    item = Petition.objects.filter(pk=data["petition_id"]).first()
    return item, (reverse("petitions:detail", args=[item.pk]) if item else "")


def _comment(data):
    from tenants.consultations.models import Comment

    item = Comment.objects.select_related("consultation").filter(pk=data["comment_id"]).first()
    return item, (reverse("consultations:detail", args=[item.consultation_id]) if item else "")


# kind: (topic, the data key of the followed object or None, what it is about)
PUBLIC_EVENTS = {
    "commitment.changed": (Topic.PROGRAMME, None, _commitment),
    "document.published": (Topic.DOCUMENTS, None, _document),
    "meeting.announced": (Topic.MEETINGS, None, _meeting),
    "meeting.changed": (Topic.MEETINGS, None, _meeting),
    "consultation.opened": (Topic.CONSULTATIONS, None, _consultation),
    "information_request.answered": (Topic.INFORMATION_REQUEST, "request_id", _information_request),
    "petition.decided": (Topic.PETITION, "petition_id", _petition),
}
# kind: (the roles told, what it is about)
STAFF_EVENTS = {
    "comment.awaiting_moderation": ((Role.MODERATOR, Role.FOCAL_POINT), _comment),
    "information_request.filed": ((Role.FOCAL_POINT,), _information_request),
    "petition.threshold_reached": ((Role.FOCAL_POINT,), _petition),
}
KIND_LABELS = {
    "commitment.changed": _("A commitment was updated"),
    "document.published": _("A new document was published"),
    "meeting.announced": _("A meeting was announced"),
    "meeting.changed": _("A meeting was changed"),
    "consultation.opened": _("A consultation was opened"),
    "information_request.answered": _("An information request you follow was answered"),
    "petition.decided": _("A petition you follow was decided"),
    "comment.awaiting_moderation": _("A comment to moderate"),
    "information_request.filed": _("A new information request"),
    "petition.threshold_reached": _("A petition reached its signature threshold"),
}


def notifications_from_event(sender, *, schema_name: str, kind: str, data: dict, **kwargs) -> int:
    """The receiver of `member_event`: how many notifications were recorded."""
    if schema_name != connection.schema_name:  # never record into another member's outbox
        logger.error(
            "Event %s of %s seen in %s: ignored", kind, schema_name, connection.schema_name
        )
        return 0
    if kind in PUBLIC_EVENTS:
        return _for_subscribers(kind, data)
    if kind in STAFF_EVENTS:
        return _for_staff(kind, data)
    return 0


def _for_subscribers(kind: str, data: dict) -> int:
    topic, id_key, about = PUBLIC_EVENTS[kind]
    object_id = data[id_key] if id_key else 0
    subscribers = topic_followers(topic=topic, object_id=object_id)
    if not subscribers.exists():
        return 0
    item, path = about(data)
    if item is None:
        return 0
    site_url = current_member_site_url().rstrip("/")
    return notifications_record_for_followers(
        kind=kind,
        key_prefix=f"{kind}:{event_fingerprint(kind, data)}",
        subscribers=subscribers.iterator(chunk_size=2000),
        template="notifications/email/news",
        site_url=site_url,
        context={
            "kind": kind,
            "label": KIND_LABELS[kind],
            "item": item,
            "link": site_url + path,
            "data": data,
        },
    )


def _for_staff(kind: str, data: dict) -> int:
    from tenants.site.models import StaffMembership

    roles, about = STAFF_EVENTS[kind]
    emails = sorted(
        {
            membership.user.email.strip().lower()
            for membership in StaffMembership.objects.filter(
                role__in=roles, user__is_active=True
            ).select_related("user")
            if membership.user.email
        }
    )
    if not emails:
        return 0
    item, path = about(data)
    if item is None:
        return 0
    try:  # staff act in the back office
        path = reverse(
            f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk]
        )
    except NoReverseMatch:
        pass
    profile, site_url = site_profile_get(), current_member_site_url().rstrip("/")
    fingerprint = event_fingerprint(kind, data)
    recorded = 0
    for email in emails:
        # The back office is Arabic first; staff read their work in Arabic.
        row = notification_record(
            key=f"{kind}:{fingerprint}:{email}",
            recipient_email=email,
            language="ar",
            template="notifications/email/staff",
            context={
                "kind": kind,
                "label": KIND_LABELS[kind],
                "item": item,
                "link": site_url + path,
                "data": data,
            },
            kind=kind,
            profile=profile,
        )
        recorded += row is not None
    return recorded
