"""The back office of the programme: every save goes through the services, so it is validated
and recorded in the public history with who made it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy as _

import commitment_templates
from tenants.programme import services
from tenants.programme.models import (
    Assessment,
    Commitment,
    InceptionAssessment,
    Milestone,
    Principle,
    Programme,
    ProgrammeStep,
    ProgressUpdate,
)
from ogp_local import PlanLink, SustainableDevelopmentGoal
from tenants.programme.selectors import commitment_template_catalogue, programme_current
from kernel.admin import BilingualFieldsMixin, ReadOnlyAdminMixin
from tenants.site.staff import actor


def _changes(form) -> dict:
    return {field: form.cleaned_data[field] for field in form.changed_data}


def _model_fields(form) -> list[str]:
    """The model's own fields on `form` (not the inline's id, its parent key or DELETE)."""
    own = {
        field.name
        for field in form._meta.model._meta.concrete_fields
        if not field.primary_key and not field.is_relation
    }
    return [name for name in form.fields if name in own]


def _instance_changes(form) -> dict:
    """What changed, read from the instance the form has filled (files included, a cleared
    file as empty), for a service that records before and after."""
    own = set(_model_fields(form))
    return {name: getattr(form.instance, name) for name in form.changed_data if name in own}


class ProgrammeStepInline(BilingualFieldsMixin, admin.TabularInline):
    model = ProgrammeStep
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(BilingualFieldsMixin, admin.ModelAdmin):
    list_display = ["title_ar", "period_start", "period_end", "status"]
    inlines = [ProgrammeStepInline]

    def save_model(self, request, obj, form, change):
        if change:
            services.programme_update(
                programme=Programme.objects.get(pk=obj.pk), by=actor(request), **_changes(form)
            )
        else:
            created = services.programme_create(
                by=actor(request), **{name: getattr(obj, name) for name in _model_fields(form)}
            )
            obj.pk, obj._state.adding = created.pk, False


class MilestoneInline(BilingualFieldsMixin, admin.StackedInline):
    model = Milestone
    extra = 0
    fields = [
        ("title_ar", "title_fr"),
        ("start_on", "due_on", "done_on"),
        ("deliverable_ar", "deliverable_fr"),
        ("evidence_file", "evidence_link"),
    ]


class CommitmentForm(forms.ModelForm):
    # Tick boxes rather than a comma-separated text field.
    principles = forms.TypedMultipleChoiceField(
        choices=Principle.choices, label=_("principles"), widget=forms.CheckboxSelectMultiple
    )
    plan_links = forms.TypedMultipleChoiceField(
        choices=PlanLink.choices,
        required=False,
        label=_("other plans it serves"),
        widget=forms.CheckboxSelectMultiple,
    )
    sdgs = forms.TypedMultipleChoiceField(
        choices=SustainableDevelopmentGoal.choices,
        coerce=int,
        required=False,
        label=_("Sustainable Development Goals"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Commitment
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose what is shown)


class AssessmentInline(BilingualFieldsMixin, admin.StackedInline):
    model = Assessment
    extra = 0
    max_num = 1


class ProgrammeListFilter(admin.RelatedFieldListFilter):
    """The programme filter under its name (the foreign key has no translated label)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("openness programme")


@admin.register(Commitment)
class CommitmentAdmin(BilingualFieldsMixin, admin.ModelAdmin):
    list_display = ["number", "title_ar", "completion", "lead_department", "end_date"]
    list_filter = ["completion", ("programme", ProgrammeListFilter)]
    search_fields = ["title_ar", "title_fr", "lead_department"]
    form = CommitmentForm
    inlines = [MilestoneInline, AssessmentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "programme",
                    "number",
                    "title_ar",
                    "title_fr",
                    "title_zgh",
                    "principles",
                    "completion",
                ]
            },
        ),
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
        (
            _("Who and when"),
            {
                "fields": [
                    "lead_department",
                    "partners",
                    "civil_society_partners",
                    "start_date",
                    "end_date",
                ]
            },
        ),
        (
            _("OGP Local's template"),
            {
                "fields": [
                    "contact_name",
                    "contact_role",
                    "contact_email",
                    "contact_public",
                    "budget_amount",
                    "budget_source_ar",
                    "budget_source_fr",
                    "plan_links",
                    "plan_link_other",
                    "sdgs",
                ]
            },
        ),
        (
            _("Copied from the network"),
            {"fields": ["source_template_id", "source_template_version"]},
        ),
    ]
    readonly_fields = ["source_template_id", "source_template_version"]

    change_list_template = "admin/programme/commitment/change_list.html"

    def get_changeform_initial_data(self, request):
        programme = programme_current()
        return {
            "programme": programme.pk if programme else None,
            **super().get_changeform_initial_data(request),
        }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme":
            kwargs["label"] = _("openness programme")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            services.commitment_update(
                commitment=Commitment.objects.get(pk=obj.pk), by=actor(request), **_changes(form)
            )
        else:
            services.commitment_save_new(commitment=obj, by=actor(request))

    def get_urls(self):
        return [
            path(
                "from-template/",
                self.admin_site.admin_view(self.from_template),
                name="programme_commitment_from_template",
            ),
            *super().get_urls(),
        ]

    def from_template(self, request):
        """The network's commitment templates, each copied into the current programme in one
        click (platform/commitment_templates gives the catalogue; the copy is a service)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        programme = programme_current()
        if request.method == "POST":
            return self._copy_template(request, programme)
        templates = commitment_template_catalogue(programme=programme)
        return TemplateResponse(
            request,
            "admin/programme/commitment/from_template.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Commitment templates of the network"),
                "programme": programme,
                "templates": templates,
            },
        )

    def _copy_template(self, request, programme):
        here = reverse("admin:programme_commitment_from_template")
        raw_id = request.POST.get("template", "")
        template = commitment_templates.get(int(raw_id)) if raw_id.isdigit() else None
        if programme is None:
            messages.error(request, gettext("Create the openness programme first."))
        elif template is None:
            messages.error(request, gettext("This commitment template is not available."))
        else:
            try:
                commitment = services.commitment_create_from_template(
                    programme=programme, template=template, by=actor(request)
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    gettext(
                        "The template was copied as commitment "
                        "%(number)s: adapt it to your collectivity."
                    )
                    % {"number": commitment.number},
                )
                return redirect("admin:programme_commitment_change", commitment.pk)
        return redirect(here)

    def save_formset(self, request, form, formset, change):
        """Milestones and the assessment through the services (validated, and recorded in the
        public history with who made them). The formset's new/changed/deleted objects are set
        as `formset.save()` would, for the admin's change message."""
        by = actor(request)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.initial_forms:
            instance = inline_form.instance
            if formset.can_delete and formset._should_delete_form(inline_form):
                if formset.model is Milestone:
                    services.milestone_delete(
                        milestone=Milestone.objects.get(pk=instance.pk), by=by
                    )
                else:
                    services.assessment_delete(commitment=form.instance, by=by)
                formset.deleted_objects.append(instance)
            elif inline_form.has_changed():
                changes = _instance_changes(inline_form)
                if formset.model is Milestone:
                    services.milestone_update(
                        milestone=Milestone.objects.get(pk=instance.pk), by=by, **changes
                    )
                else:
                    services.assessment_save(commitment=form.instance, by=by, **changes)
                formset.changed_objects.append((instance, inline_form.changed_data))
        for inline_form in formset.extra_forms:
            if not inline_form.has_changed() or (
                formset.can_delete and formset._should_delete_form(inline_form)
            ):
                continue
            instance = inline_form.instance
            if formset.model is Milestone:
                instance.commitment = form.instance
                instance = services.milestone_save_new(milestone=instance, by=by)
            else:
                instance = services.assessment_save(
                    commitment=form.instance,
                    by=by,
                    **{name: getattr(instance, name) for name in _model_fields(inline_form)},
                )
            formset.new_objects.append(instance)

    def delete_model(self, request, obj):
        services.commitment_delete(commitment=obj)

    def delete_queryset(self, request, queryset):
        for commitment in queryset:
            services.commitment_delete(commitment=commitment)


@admin.register(InceptionAssessment)
class InceptionAssessmentAdmin(BilingualFieldsMixin, admin.ModelAdmin):
    """The monitoring committee's inception assessment, saved through the service (validated,
    with its evidence, and recorded in the programme's history)."""

    list_display = ["programme", "assessed_on"]

    def save_model(self, request, obj, form, change):
        fields = {name: getattr(obj, name) for name in _model_fields(form)}
        if change:
            fields = {name: fields[name] for name in form.changed_data if name in fields}
        saved = services.inception_assessment_save(
            programme=Programme.objects.get(pk=obj.programme_id), by=actor(request), **fields
        )
        obj.pk, obj._state.adding = saved.pk, False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The history is read-only: it records what happened."""

    list_display = ["at", "by", "subject", "what", "before", "after"]

    @admin.display(description=_("field"), ordering="field")
    def what(self, update: ProgressUpdate) -> str:
        return update.field_label
