"""The back office of information requests, for the member's staff (who alone see the
requester's personal data).

Requests come from the public; staff take them through their steps with the list's actions
(each asks for its inputs on a confirmation page and calls the services), and may write the
summary the public register shows. Nothing is deleted: the register and the history stay.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kernel.admin import ReadOnlyAdminMixin
from tenants.information_requests.forms import TransitionForm
from tenants.information_requests.models import InformationRequest, RequestEvent, Transition
from tenants.information_requests.selectors import overdue_q
from tenants.information_requests.services import (
    information_request_set_public_summary,
    information_request_transition,
)
from tenants.site.staff import actor
from tenants.site.personal_data import identity_read_record, identity_visible
from tenancy.addresses import current_member_site_url

# The requester's identity document and its number: for the focal point alone
# (tenants/site/personal_data.py); the name, e-mail and address are needed to answer.
IDENTITY_FIELDS = ["id_document", "id_number"]


class OverdueListFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Past the deadline (deemed refused)")),
            ("no", _("Not past the deadline")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(overdue_q())
        if self.value() == "no":
            return queryset.exclude(overdue_q())
        return queryset


class RequestEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The history: what happened, when, by whom. Read-only."""

    model = RequestEvent
    fields = ["at", "step", "state_before", "state_after", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False


def _step_action(transition: Transition):
    def take_step(model_admin, request, queryset):
        return model_admin.take_step(request, queryset, transition)

    take_step.__name__ = transition.value
    return admin.action(description=transition.label, permissions=["change"])(take_step)


@admin.register(InformationRequest)
class InformationRequestAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "received_on",
        "short_subject",
        "state",
        "due_on",
        "overdue",
        "is_urgent",
    ]
    list_filter = ["state", OverdueListFilter, "is_urgent", "received_on"]
    search_fields = ["reference", "requester_name", "email", "id_number"]
    date_hierarchy = "received_on"
    inlines = [RequestEventInline]
    actions = [_step_action(transition) for transition in Transition]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "state",
                    "channel",
                    "received_on",
                    "initial_due_on",
                    "due_on",
                    "is_urgent",
                    "urgency_reason",
                ]
            },
        ),
        (_("The request"), {"fields": ["information_wanted", "public_summary"]}),
        (
            _("The requester (personal data: never published)"),
            {
                "fields": [
                    "requester_name",
                    "id_document",
                    "id_number",
                    "postal_address",
                    "email",
                    "language",
                ]
            },
        ),
        (
            _("Extension and answer"),
            {
                "fields": [
                    "extension_reason",
                    "decided_on",
                    "answer_text",
                    "answer_file",
                    "refusal_ground",
                    "decision_reasons",
                    "overdue_notice_at",
                ]
            },
        ),
    ]
    readonly_fields = [
        name
        for _title, options in fieldsets
        for name in options["fields"]
        if name != "public_summary"
    ]

    def get_fieldsets(self, request, obj=None):
        if identity_visible(request.user):
            return self.fieldsets
        return [
            (
                title,
                {
                    **options,
                    "fields": [name for name in options["fields"] if name not in IDENTITY_FIELDS],
                },
            )
            for title, options in self.fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        return [
            name
            for name in self.readonly_fields
            if identity_visible(request.user) or name not in IDENTITY_FIELDS
        ]

    def get_search_fields(self, request):
        return [
            name
            for name in self.search_fields
            if identity_visible(request.user) or name not in IDENTITY_FIELDS
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and identity_visible(request.user):
            identity_read_record(user=request.user, subject=obj, fields=IDENTITY_FIELDS)
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    @admin.display(description=_("information wanted"))
    def short_subject(self, information_request: InformationRequest) -> str:
        # Staff read the request as written until the register's summary is written.
        subject = information_request.public_summary or information_request.information_wanted
        return subject if len(subject) <= 80 else subject[:79] + "…"

    @admin.display(description=_("past the deadline"), boolean=True)
    def overdue(self, information_request: InformationRequest) -> bool:
        return information_request.is_overdue()

    def has_add_permission(self, request):
        return False  # requests come from the public, through the site or the API

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if "public_summary" in form.changed_data:
            information_request_set_public_summary(
                information_request=obj, by=actor(request), public_summary=obj.public_summary
            )

    def take_step(self, request, queryset, transition: Transition):
        """The inputs of the step on a confirmation page, then the step on each request."""
        if "apply" in request.POST:
            form = TransitionForm(request.POST, request.FILES, action=transition)
            if form.is_valid():
                self._apply(request, queryset, transition, form.cleaned_data)
                return None  # back to the list
        else:
            form = TransitionForm(action=transition)
        return TemplateResponse(
            request,
            "admin/information_requests/transition.html",
            {
                **self.admin_site.each_context(request),
                "title": transition.label,
                "opts": self.model._meta,
                "form": form,
                "requests": queryset,
                "action": transition.value,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def _apply(self, request, queryset, transition: Transition, inputs: dict) -> None:
        done = 0
        for information_request in queryset:
            try:
                information_request_transition(
                    information_request=information_request,
                    action=transition,
                    by=actor(request),
                    site_url=current_member_site_url(request),
                    **inputs,
                )
            except ValidationError as error:
                self.message_user(
                    request,
                    f"{information_request.reference}: {' '.join(error.messages)}",
                    messages.ERROR,
                )
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(step)s: done for one request.",
                    "%(step)s: done for %(count)d requests.",
                    done,
                )
                % {"step": transition.label, "count": done},
                messages.SUCCESS,
            )
