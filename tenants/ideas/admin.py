"""The back office of ideas, read only: ideas are answered and moderated in the staff
workspace (through the services, so the idea's path records each step), and a citizen's
e-mail address is not shown here (the workspace shows it to the focal point alone)."""

from django.contrib import admin
from django.utils.html import format_html
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenants.ideas.models import Event, Idea, IdeaComment
from kernel.admin import ReadOnlyAdminMixin


@admin.register(Idea)
class IdeaAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "principle", "status", "answer", "created_at"]
    list_filter = ["status", "answer", "principle"]
    search_fields = ["title", "body"]
    date_hierarchy = "created_at"
    fields = [
        "workspace_link",
        "programme",
        "principle",
        "title",
        "body",
        "attachment",
        "author_name",
        "show_name",
        "association",
        "status",
        "created_at",
        "verified_at",
        "report_count",
        "answer",
        "commitment",
        "merged_into",
        "answer_text_ar",
        "answer_text_fr",
        "answered_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("In the staff workspace"))
    def workspace_link(self, idea: Idea) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("staff:ideas:detail", args=[idea.pk]),
            _("Answer or moderate this idea"),
        )


@admin.register(IdeaComment)
class IdeaCommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "idea", "status", "created_at"]
    list_filter = ["status"]
    fields = [
        "idea",
        "body",
        "author_name",
        "show_name",
        "status",
        "created_at",
        "verified_at",
        "report_count",
    ]
    readonly_fields = fields


@admin.register(Event)
class EventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["idea", "kind", "answer", "by", "at"]
    list_filter = ["kind", "answer"]
    fields = ["idea", "comment", "kind", "answer", "note", "by", "at"]
    readonly_fields = fields
