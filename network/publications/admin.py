"""The directorate's back office for the portal's publications (network admin site, Arabic
RTL like the members' back office). Only directorate accounts see or change them; every save
goes through the services."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from network.accounts.access import is_directorate
from network.members.models import Member
from network.admin_site import network_admin_site
from network.publications import services
from network.publications.models import (
    BestPractice,
    CommitmentTemplate,
    NewsItem,
    Principle,
    TemplateCopy,
    Training,
)
from kernel.admin import BilingualFieldsMixin, ReadOnlyAdminMixin
from network.accounts.actor import network_actor


def _member_label(member: Member) -> str:
    collectivity = member.collectivity
    return f"{collectivity.name_ar} — {collectivity.name_fr} ({collectivity.code})"


class DirectorateOnlyMixin:
    """Directorate administrators only: regional focal points and anyone else see nothing."""

    def has_module_permission(self, request):
        return is_directorate(request.user)

    def has_view_permission(self, request, obj=None):
        return is_directorate(request.user)

    def has_add_permission(self, request, *args):
        return is_directorate(request.user)

    def has_change_permission(self, request, obj=None):
        return is_directorate(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_directorate(request.user)


class PrinciplesForm(forms.ModelForm):
    # Tick boxes rather than a comma-separated text field.
    principles = forms.TypedMultipleChoiceField(
        choices=Principle.choices,
        label=_("principles"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PublicationAdmin(DirectorateOnlyMixin, BilingualFieldsMixin, admin.ModelAdmin):
    list_display = ["title_ar", "state", "published_at", "updated_at"]
    list_filter = ["state"]
    search_fields = ["title_ar", "title_fr"]
    readonly_fields = ["updated_by", "updated_at"]
    actions = ["publish", "withdraw"]

    def save_model(self, request, obj, form, change):
        if change:
            changes = {field: form.cleaned_data[field] for field in form.changed_data}
            services.publication_update(
                publication=type(obj).objects.get(pk=obj.pk), by=network_actor(request), **changes
            )
        else:
            services.publication_save_new(publication=obj, by=network_actor(request))

    def delete_model(self, request, obj):
        services.publication_delete(publication=obj)

    def delete_queryset(self, request, queryset):
        for publication in queryset:
            services.publication_delete(publication=publication)

    @admin.action(description=_("Publish the selected items now"))
    def publish(self, request, queryset):
        for publication in queryset:
            services.publication_publish(publication=publication, by=network_actor(request))
        self.message_user(request, _("Published."), messages.SUCCESS)

    @admin.action(description=_("Withdraw the selected items (back to draft)"))
    def withdraw(self, request, queryset):
        for publication in queryset:
            services.publication_withdraw(publication=publication, by=network_actor(request))
        self.message_user(request, _("Withdrawn."), messages.SUCCESS)


STATE_FIELDS = (_("Publication"), {"fields": ["state", "published_at", "updated_by", "updated_at"]})


@admin.register(NewsItem, site=network_admin_site)
class NewsItemAdmin(PublicationAdmin):
    fieldsets = [
        (
            None,
            {"fields": ["title_ar", "title_fr", "summary_ar", "summary_fr", "body_ar", "body_fr"]},
        ),
        STATE_FIELDS,
    ]


@admin.register(BestPractice, site=network_admin_site)
class BestPracticeAdmin(PublicationAdmin):
    form = PrinciplesForm
    list_display = ["title_ar", "member_name", "state", "published_at"]
    list_select_related = ["member__collectivity"]

    @admin.display(description=_("member"))
    def member_name(self, obj):
        return _member_label(obj.member)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "member":
            kwargs["queryset"] = Member.objects.select_related("collectivity").order_by(
                "collectivity__name_fr"
            )
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = _member_label
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "member",
                    "title_ar",
                    "title_fr",
                    "principles",
                    "summary_ar",
                    "summary_fr",
                    "body_ar",
                    "body_fr",
                    "member_page_path",
                ]
            },
        ),
        STATE_FIELDS,
    ]


@admin.register(Training, site=network_admin_site)
class TrainingAdmin(PublicationAdmin):
    list_display = ["title_ar", "starts_at", "mode", "state", "published_at"]
    list_filter = ["state", "mode"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title_ar",
                    "title_fr",
                    "description_ar",
                    "description_fr",
                    "audience_ar",
                    "audience_fr",
                ]
            },
        ),
        (
            _("When and where"),
            {
                "fields": [
                    "starts_at",
                    "ends_at",
                    "mode",
                    "link",
                    "place_ar",
                    "place_fr",
                    "registration_url",
                ]
            },
        ),
        STATE_FIELDS,
    ]


class TemplateCopyInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Which members copied the template, and which version (the best-practices story)."""

    model = TemplateCopy
    extra = 0
    fields = ["member_name", "version", "commitment_id", "by", "copied_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member__collectivity")

    @admin.display(description=_("member"))
    def member_name(self, obj):
        return _member_label(obj.member)


@admin.register(CommitmentTemplate, site=network_admin_site)
class CommitmentTemplateAdmin(PublicationAdmin):
    form = PrinciplesForm
    list_display = ["title_ar", "version", "state", "published_at"]
    readonly_fields = ["version", "updated_by", "updated_at"]
    inlines = [TemplateCopyInline]
    fieldsets = [
        (None, {"fields": ["title_ar", "title_fr", "principles", "version"]}),
        (
            _("The commitment (OGP template)"),
            {
                "fields": [
                    "problem_ar",
                    "problem_fr",
                    "action_ar",
                    "action_fr",
                    "solution_ar",
                    "solution_fr",
                ]
            },
        ),
        STATE_FIELDS,
    ]
