"""The back office of petitions. Every write goes through the services: a petition's state
changes only by its next step (`petition_transition`, on the "Next step" page), signatures are
added one per national ID number, and the settings are the focal point's to change."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _
from django.utils.translation import ngettext

from tenants.petitions.exports import signatures_csv
from tenants.petitions.forms import PetitionSettingsForm, TransitionForm, add_service_errors
from tenants.petitions.models import (
    TRANSITIONS,
    Petition,
    PetitionSettings,
    PetitionStep,
    Signature,
    Source,
    State,
    cin_normalize,
)
from tenants.petitions.selectors import next_ordinary_session
from tenants.petitions.services import (
    EDITABLE_FIELDS,
    LOCKED_ONCE_PUBLISHED,
    petition_publish,
    petition_save_new,
    petition_settings_get,
    petition_settings_update,
    petition_transition,
    petition_update,
    signature_add,
    signature_delete,
    petition_delete,
)
from tenants.petitions.web import site_url
from tenants.site.staff import actor
from tenants.site.personal_data import identity_read_record, identity_visible
from tenants.site.roles import Role, user_role


def _may_export(request) -> bool:
    return request.user.has_perm("petitions.view_signature")


@admin.register(PetitionSettings)
class PetitionSettingsAdmin(admin.ModelAdmin):
    """One page: the member's threshold, its legal reference and the session months."""

    form = PetitionSettingsForm

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or user_role(request.user) == Role.FOCAL_POINT

    def changelist_view(self, request, extra_context=None):
        settings = petition_settings_get()
        return redirect(reverse("admin:petitions_petitionsettings_change", args=[settings.pk]))

    def save_model(self, request, obj, form, change):
        petition_settings_update(**{name: form.cleaned_data[name] for name in form.changed_data})


class PublishedFilter(admin.SimpleListFilter):
    title = _("published")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("yes", _("Published")), ("no", _("Awaiting publication"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(published_at__isnull=self.value() == "no")
        return queryset


class PetitionStepInline(admin.TabularInline):
    """The dated steps: a record of what happened, not edited."""

    model = PetitionStep
    extra = 0
    fields = ["state", "happened_on", "note", "by", "recorded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "state",
        "signature_count",
        "signatures_required",
        "is_published",
        "source",
        "created_at",
    ]
    list_filter = ["state", PublishedFilter, "source"]
    search_fields = ["subject", "agent_name", "agent_cin"]
    inlines = [PetitionStepInline]
    change_form_template = "petitions/admin/petition_change_form.html"
    actions = ["publish_selected", "export_signatures"]
    readonly_fields = [
        "state",
        "signature_count",
        "signatures_required",
        "published_at",
        "session_date",
        "not_admissible_reason",
        "answer",
        "source",
        "created_at",
    ]
    fieldsets = [
        (None, {"fields": ["subject", "text"]}),
        (
            _("Agent (personal data)"),
            {"fields": ["agent_name", "agent_cin", "agent_email", "agent_phone"]},
        ),
        (
            _("Where it stands"),
            {
                "fields": [
                    "state",
                    "signature_count",
                    "signatures_required",
                    "published_at",
                    "session_date",
                    "not_admissible_reason",
                    "answer",
                    "source",
                    "created_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(signature_count=Count("signatures"))

    def get_fieldsets(self, request, obj=None):
        # The agent's CIN is the focal point's to read (tenants/site/personal_data.py); anyone
        # who enters a petition types it, but nobody else reads it back.
        if obj is None or identity_visible(request.user):
            return self.fieldsets
        return [
            (
                title,
                {**options, "fields": [name for name in options["fields"] if name != "agent_cin"]},
            )
            for title, options in self.fieldsets
        ]

    def get_search_fields(self, request):
        return [
            name
            for name in self.search_fields
            if identity_visible(request.user) or name != "agent_cin"
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and identity_visible(request.user):
            identity_read_record(user=request.user, subject=obj, fields=["agent_cin"])
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def get_readonly_fields(self, request, obj=None):
        # People signed the subject and text as published: they stay (petition_update).
        locked = list(LOCKED_ONCE_PUBLISHED) if obj and obj.is_published else []
        return locked + self.readonly_fields

    @admin.display(description=_("signatures"), ordering="signature_count")
    def signature_count(self, obj):
        return obj.signature_total if obj.pk else 0

    @admin.display(description=_("published"), boolean=True, ordering="published_at")
    def is_published(self, obj):
        return obj.is_published

    def save_model(self, request, obj, form, change):
        if change:
            petition_update(
                petition=obj,
                **{
                    name: form.cleaned_data[name]
                    for name in form.changed_data
                    if name in EDITABLE_FIELDS
                },
            )
        else:
            # Entered by staff: published at once, collecting from today.
            obj.source, obj.published_at = Source.STAFF, timezone.now()
            petition_save_new(petition=obj, by=actor(request), site_url=site_url(request))

    def delete_model(self, request, obj):
        petition_delete(petition=obj)

    def delete_queryset(self, request, queryset):
        for petition in queryset:
            petition_delete(petition=petition)

    @admin.action(description=_("Publish the selected petitions"), permissions=["change"])
    def publish_selected(self, request, queryset):
        published = 0
        for petition in queryset:
            try:
                petition_publish(petition=petition, site_url=site_url(request))
                published += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{petition}: {' '.join(error.messages)}", messages.ERROR
                )
        self.message_user(
            request,
            ngettext("%(count)d petition published.", "%(count)d petitions published.", published)
            % {"count": published},
        )

    @admin.action(
        description=_("Export the signatures of the selected petitions (CSV)"),
        permissions=["export"],
    )
    def export_signatures(self, request, queryset):
        signatures = (
            Signature.objects.filter(petition__in=queryset)
            .select_related("petition")
            .order_by("petition", "signed_at", "pk")
        )
        for petition in queryset:
            identity_read_record(
                user=request.user, subject=petition, fields=["signatures: full_name", "cin"]
            )
        return signatures_csv(signatures, filename="signatures.csv")

    def has_export_permission(self, request):
        return _may_export(request)

    def get_urls(self):
        step = self.admin_site.admin_view(self.transition_view)
        return [path("<int:pk>/step/", step, name="petitions_petition_step"), *super().get_urls()]

    def transition_view(self, request, pk: int):
        """The next step of one petition: its new state, date, and what that step needs."""
        petition = get_object_or_404(Petition, pk=pk)
        if not self.has_change_permission(request, petition):
            raise PermissionDenied
        next_states = TRANSITIONS[State(petition.state)]
        today = timezone.localdate()
        settings = petition_settings_get()
        form = TransitionForm(
            request.POST or None,
            next_states=next_states,
            initial={
                "happened_on": today,
                "session_date": next_ordinary_session(months=settings.session_months, after=today),
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                step = petition_transition(
                    petition=petition,
                    by=actor(request),
                    site_url=site_url(request),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                self.message_user(
                    request,
                    _("The petition is now: %(state)s.") % {"state": step.get_state_display()},
                )
                return redirect(reverse("admin:petitions_petition_change", args=[petition.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": petition,
            "form": form,
            "title": _("Next step of the petition"),
            "signatures": petition.signatures.count(),
        }
        return TemplateResponse(request, "petitions/admin/petition_step.html", context)


class SignatureAdminForm(forms.ModelForm):
    """A signature collected on paper: refused, in the form, when the petition no longer
    collects signatures or the national ID number has already signed it."""

    class Meta:
        model = Signature
        fields = ["petition", "full_name", "cin", "link"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "petition" in self.fields:
            self.fields["petition"].queryset = Petition.objects.filter(state=State.COLLECTING)

    def clean(self):
        data = super().clean()
        petition, cin = data.get("petition"), data.get("cin")
        if (
            petition
            and cin
            and petition.signatures.filter(cin_normalized=cin_normalize(cin)).exists()
        ):
            self.add_error(
                "cin",
                ValidationError(
                    _("This national ID number has already signed this petition."),
                    code="duplicate_signature",
                ),
            )
        return data


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    """Who signed (personal data, staff only). A signature is added or removed, not edited."""

    form = SignatureAdminForm
    list_display = ["full_name", "cin_normalized", "link", "source", "petition", "signed_at"]
    list_filter = ["petition", "link", "source"]
    search_fields = ["full_name", "cin_normalized"]
    list_select_related = ["petition"]
    actions = ["export_selected"]

    def has_change_permission(self, request, obj=None):
        return False

    # Who signed, with their CIN: the focal point alone (tenants/site/roles.py gives the
    # petitions.*_signature permissions to that role only), and each display is logged.
    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if getattr(response, "context_data", None) and "cl" in response.context_data:
            identity_read_record(
                user=request.user,
                subject=gettext("List of signatures"),
                fields=["full_name", "cin_normalized"],
            )
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            identity_read_record(user=request.user, subject=obj, fields=["full_name", "cin"])
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def delete_model(self, request, obj):
        signature_delete(signature=obj)

    def delete_queryset(self, request, queryset):
        for signature in queryset:
            signature_delete(signature=signature)

    def save_model(self, request, obj, form, change):
        saved = signature_add(
            petition=obj.petition,
            full_name=obj.full_name,
            cin=obj.cin,
            link=obj.link,
            source=Source.STAFF,
            site_url=site_url(request),
        )
        obj.pk, obj.cin_normalized, obj.signed_at = saved.pk, saved.cin_normalized, saved.signed_at
        obj._state.adding = False

    @admin.action(description=_("Export the selected signatures (CSV)"), permissions=["export"])
    def export_selected(self, request, queryset):
        identity_read_record(
            user=request.user, subject=gettext("Export of signatures"), fields=["full_name", "cin"]
        )
        return signatures_csv(
            queryset.select_related("petition").order_by("petition", "signed_at"),
            filename="signatures.csv",
        )

    def has_export_permission(self, request):
        return _may_export(request)
