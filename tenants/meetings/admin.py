"""The back office of meetings. Model validation runs through the forms (full_clean); changes
and deletions go through the services, so replaced or deleted files leave storage too.

Registrations (personal data) are listed, exported as CSV and marked present here; the
published attendance is counted from them by an action on the meetings.
"""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tenants.meetings.exports import registrations_csv
from tenants.meetings.models import Attendance, Meeting, MeetingPhoto, Registration
from tenants.meetings.selectors import When, registration_list, when_q
from tenants.meetings.services import (
    EDITABLE_FIELDS,
    meeting_attendance_from_registrations,
    meeting_delete,
    meeting_photo_delete,
    meeting_record_attendance,
    meeting_update,
    registration_mark_present,
)


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
    list_display = ["title_ar", "title_fr", "kind", "starts_at", "place", "registrations"]
    list_filter = ["kind", WhenListFilter, "starts_at"]
    date_hierarchy = "starts_at"
    search_fields = ["title_ar", "title_fr", "place"]
    inlines = [AttendanceInline, MeetingPhotoInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["kind", "title_ar", "title_fr"]}),
        (_("When and where"), {"fields": ["starts_at", "ends_at", "place", "online_link"]}),
        (_("Registration"), {"fields": ["takes_registrations", "capacity"]}),
        (_("Agenda"), {"fields": ["agenda_ar", "agenda_fr"]}),
        (_("Minutes"), {"fields": ["minutes"]}),
    ]
    actions = ["count_attendance_from_registrations", "export_registrations"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered=Count(
                    "registrations", filter=Q(registrations__cancelled_at__isnull=True)
                )
            )
        )

    @admin.display(description=_("registrations"), ordering="registered")
    def registrations(self, meeting: Meeting) -> str:
        capacity = f" / {meeting.capacity}" if meeting.capacity is not None else ""
        link = reverse("admin:meetings_registration_changelist")
        return format_html(
            '<a href="{}?meeting__id__exact={}">{}{}</a>',
            link,
            meeting.pk,
            meeting.registered,
            capacity,
        )

    @admin.action(
        description=_("Count the attendance from the registrations marked present"),
        permissions=["change"],
    )
    def count_attendance_from_registrations(self, request, queryset):
        for meeting in queryset:
            counted = meeting_attendance_from_registrations(meeting=meeting)
            present = sum(row.total for row in counted.rows) + counted.gender_not_said
            self.message_user(
                request,
                ngettext(
                    "%(meeting)s: %(present)d person present; %(not_said)d of them not counted as "
                    "a woman or a man (gender not said).",
                    "%(meeting)s: %(present)d people present; %(not_said)d of them not counted as "
                    "women or men (gender not said).",
                    present,
                )
                % {"meeting": meeting, "present": present, "not_said": counted.gender_not_said},
                messages.SUCCESS,
            )

    @admin.action(description=_("Export the registrations (CSV)"), permissions=["view"])
    def export_registrations(self, request, queryset):
        return registrations_csv(
            registration_list().filter(meeting__in=queryset), filename="registrations.csv"
        )

    def save_model(self, request, obj, form, change):
        if change:
            meeting_update(
                meeting=obj,
                **{
                    name: getattr(obj, name)
                    for name in form.changed_data
                    if name in EDITABLE_FIELDS
                },
            )
        else:
            # The form has validated the new meeting as a whole (full_clean).
            super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Attendance:
            return self._save_attendance(form.instance, formset)
        photos = formset.save(commit=False)
        for photo in formset.deleted_objects:
            meeting_photo_delete(photo=photo)
        for photo in photos:
            photo.save()

    @staticmethod
    def _save_attendance(meeting: Meeting, formset) -> None:
        """The whole table through `meeting_record_attendance` (a category left empty, at
        zero or deleted has no row); the formset's lists filled for the change message."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        counts = {}
        for row in formset.forms:
            if not hasattr(row, "cleaned_data") or not row.cleaned_data.get("category"):
                continue
            if formset._should_delete_form(row):
                if row.instance.pk:
                    formset.deleted_objects.append(row.instance)
                continue
            counts[row.cleaned_data["category"]] = (
                row.cleaned_data.get("women") or 0,
                row.cleaned_data.get("men") or 0,
            )
            if row.instance.pk is None and row.has_changed():
                formset.new_objects.append(row.instance)
            elif row.has_changed():
                formset.changed_objects.append((row.instance, row.changed_data))
        if formset.new_objects or formset.changed_objects or formset.deleted_objects:
            meeting_record_attendance(meeting=meeting, counts=counts)

    def delete_model(self, request, obj):
        meeting_delete(meeting=obj)

    def delete_queryset(self, request, queryset):
        for meeting in queryset.prefetch_related("photos"):
            meeting_delete(meeting=meeting)


class RegistrationStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", _("Registered")), ("cancelled", _("Cancelled"))]

    def queryset(self, request, queryset):
        if self.value() in ("active", "cancelled"):
            return queryset.filter(cancelled_at__isnull=self.value() == "active")
        return queryset


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Registrations come from the public form; staff read them, export them and mark who came.
    Only `present` can be changed, through the service."""

    list_display = [
        "name",
        "email",
        "meeting",
        "category",
        "gender",
        "registered_at",
        "is_active",
        "present",
    ]
    list_filter = [
        ("meeting", admin.RelatedOnlyFieldListFilter),
        RegistrationStatusFilter,
        "present",
        "category",
        "gender",
    ]
    list_select_related = ["meeting"]
    search_fields = ["name", "email"]
    fields = [
        "meeting",
        "name",
        "email",
        "category",
        "gender",
        "language",
        "registered_at",
        "cancelled_at",
        "reminded_at",
        "present",
    ]
    readonly_fields = [name for name in fields if name != "present"]
    actions = ["mark_present", "mark_absent", "export_csv"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("registered"), boolean=True, ordering="cancelled_at")
    def is_active(self, registration: Registration) -> bool:
        return not registration.is_cancelled

    def save_model(self, request, obj, form, change):
        registration_mark_present(
            registrations=Registration.objects.filter(pk=obj.pk), present=obj.present
        )

    def _mark(self, request, queryset, present: bool) -> None:
        changed = registration_mark_present(registrations=queryset, present=present)
        self.message_user(
            request,
            ngettext(
                "%(count)d registration changed. Count the attendance from the registrations (an "
                "action on the meetings) to publish it.",
                "%(count)d registrations changed. Count the attendance from the registrations (an "
                "action on the meetings) to publish it.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as present"), permissions=["change"])
    def mark_present(self, request, queryset):
        self._mark(request, queryset, True)

    @admin.action(description=_("Mark as absent"), permissions=["change"])
    def mark_absent(self, request, queryset):
        self._mark(request, queryset, False)

    @admin.action(
        description=_("Export as CSV (opens in Excel, Arabic included)"), permissions=["view"]
    )
    def export_csv(self, request, queryset):
        return registrations_csv(queryset.select_related("meeting"), filename="registrations.csv")
