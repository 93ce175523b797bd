"""The member's mail as its focal point sees it in the back office: read only.

The outbox answers "did my citizens get it, and if not why"; the subscribers list answers "who
follows us". Neither shows what would let staff act as a citizen: the body and the unsubscribe
link carry the citizen's signed links, the subscriber's management token is never shown.
Citizens leave through the link in every e-mail.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from tenants.notifications.models import Newsletter, Notification, Subscriber
from kernel.admin import ReadOnlyAdminMixin


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient_email", "subject", "state", "attempts", "sent_at"]
    list_filter = ["state", "language"]  # (kinds are codes: the subject says it in words)
    search_fields = ["recipient_email", "subject"]
    date_hierarchy = "created_at"
    fields = [
        "recipient_email",
        "language",
        "subject",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "digest",
    ]
    readonly_fields = fields


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "email",
        "language",
        "delivery",
        "verified_at",
        "created_at",
        "subscription_count",
    ]
    list_filter = ["language", "delivery", "subscriptions__topic"]
    search_fields = ["email"]
    fields = ["email", "language", "delivery", "verified_at", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(subscription_count=Count("subscriptions"))

    @admin.display(description=_("subscriptions"), ordering="subscription_count")
    def subscription_count(self, subscriber) -> int:
        return subscriber.subscription_count


@admin.register(Newsletter)
class NewsletterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: newsletters are written and sent in the workspace (Newsletters), through the
    services, so that a newsletter is sent once and only by the roles allowed."""

    list_display = ["__str__", "state", "created_by", "sent_at", "recipients"]
    list_filter = ["state"]
    search_fields = ["subject_ar", "subject_fr"]
    fields = [
        "subject_ar",
        "body_ar",
        "subject_fr",
        "body_fr",
        "topics",
        "state",
        "created_by",
        "created_at",
        "sent_by",
        "sent_at",
        "recipients",
    ]
    readonly_fields = fields
