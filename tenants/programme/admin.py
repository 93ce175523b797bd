"""The back office of the programme: every save goes through the services, so it is validated
and recorded in the public history with who made it."""
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tenants.programme import services
from tenants.programme.models import (
    Assessment, Commitment, Milestone, Principle, Programme, ProgrammeStep, ProgressUpdate)
from tenants.site.admin_support import BilingualFieldsMixin, ReadOnlyAdminMixin
from tenants.site.api_support import actor


def _changes(form) -> dict:
    return {field: form.cleaned_data[field] for field in form.changed_data}


class ProgrammeStepInline(BilingualFieldsMixin, admin.TabularInline):
    model = ProgrammeStep
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(BilingualFieldsMixin, admin.ModelAdmin):
    list_display = ["title_ar", "period_start", "period_end", "status"]
    inlines = [ProgrammeStepInline]

    def save_model(self, request, obj, form, change):
        if change:
            services.programme_update(programme=Programme.objects.get(pk=obj.pk), by=actor(request),
                                      **_changes(form))
        else:
            obj.save()


class MilestoneInline(BilingualFieldsMixin, admin.StackedInline):
    model = Milestone
    extra = 0
    fields = [("title_ar", "title_fr"), ("due_on", "done_on"), ("evidence_file", "evidence_link")]


class CommitmentForm(forms.ModelForm):
    # Tick boxes rather than a comma-separated text field.
    principles = forms.TypedMultipleChoiceField(choices=Principle.choices, label=_("principles"),
                                                widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Commitment
        fields = "__all__"


class AssessmentInline(BilingualFieldsMixin, admin.StackedInline):
    model = Assessment
    extra = 0
    max_num = 1


@admin.register(Commitment)
class CommitmentAdmin(BilingualFieldsMixin, admin.ModelAdmin):
    list_display = ["number", "title_ar", "completion", "lead_department", "end_date"]
    list_filter = ["completion", "programme"]
    search_fields = ["title_ar", "title_fr", "lead_department"]
    form = CommitmentForm
    inlines = [MilestoneInline, AssessmentInline]
    fieldsets = [
        (None, {"fields": ["programme", "number", "title_ar", "title_fr", "principles",
                           "completion"]}),
        (_("The commitment (OGP template)"), {"fields": ["problem_ar", "problem_fr", "action_ar",
                                                         "action_fr", "solution_ar", "solution_fr"]}),
        (_("Who and when"), {"fields": ["lead_department", "partners", "civil_society_partners",
                                        "start_date", "end_date"]}),
    ]

    def save_model(self, request, obj, form, change):
        if change:
            services.commitment_update(commitment=Commitment.objects.get(pk=obj.pk),
                                       by=actor(request), **_changes(form))
        else:
            services.commitment_save_new(commitment=obj, by=actor(request))

    def save_formset(self, request, form, formset, change):
        if formset.model is not Milestone:
            return super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            milestone = inline_form.instance
            if inline_form in formset.deleted_forms:
                if milestone.pk:
                    milestone.delete()
            elif inline_form.has_changed() and milestone.pk:
                services.milestone_update(milestone=Milestone.objects.get(pk=milestone.pk),
                                          by=actor(request), **_changes(inline_form))
            elif inline_form.has_changed():
                milestone.commitment = form.instance
                services.milestone_save_new(milestone=milestone, by=actor(request))


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The history is read-only: it records what happened."""
    list_display = ["at", "by", "subject", "field", "before", "after"]
    list_filter = ["field"]
