"""The back office of meetings. Model validation runs through the forms (full_clean); changes
and deletions go through the services, so replaced or deleted files leave storage too."""
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.meetings.models import Attendance, Meeting, MeetingPhoto
from tenants.meetings.selectors import When, when_q
from tenants.meetings.services import (EDITABLE_FIELDS, meeting_delete, meeting_photo_delete,
                                       meeting_update)


class WhenListFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return When.choices

    def queryset(self, request, queryset):
        return queryset.filter(when_q(self.value())) if self.value() in When.values else queryset


class AttendanceInline(admin.TabularInline):
    model = Attendance
    max_num = len(Attendance.Category.choices)

    def get_extra(self, request, obj=None, **kwargs):
        # An empty line per category not yet counted; untouched lines are not saved.
        return self.max_num - (obj.attendance.count() if obj else 0)


class MeetingPhotoInline(admin.TabularInline):
    model = MeetingPhoto
    extra = 1


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title_ar", "title_fr", "kind", "starts_at", "place"]
    list_filter = ["kind", WhenListFilter, "starts_at"]
    date_hierarchy = "starts_at"
    search_fields = ["title_ar", "title_fr", "place"]
    inlines = [AttendanceInline, MeetingPhotoInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["kind", "title_ar", "title_fr"]}),
        (_("When and where"), {"fields": ["starts_at", "ends_at", "place", "online_link"]}),
        (_("Agenda"), {"fields": ["agenda_ar", "agenda_fr"]}),
        (_("Minutes"), {"fields": ["minutes"]}),
    ]

    def save_model(self, request, obj, form, change):
        if change:
            meeting_update(meeting=obj, **{name: getattr(obj, name) for name in form.changed_data
                                           if name in EDITABLE_FIELDS})
        else:
            # The form has validated the new meeting as a whole (full_clean).
            super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not MeetingPhoto:
            return super().save_formset(request, form, formset, change)
        photos = formset.save(commit=False)
        for photo in formset.deleted_objects:
            meeting_photo_delete(photo=photo)
        for photo in photos:
            photo.save()

    def delete_model(self, request, obj):
        meeting_delete(meeting=obj)

    def delete_queryset(self, request, queryset):
        for meeting in queryset.prefetch_related("photos"):
            meeting_delete(meeting=meeting)
