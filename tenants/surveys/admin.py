"""The back office of surveys, for rare corrections: a survey's settings go through the
services; its questions and period are built in the workspace (shown here read-only), and
responses are records nobody edits. No e-mail address is kept, so none is shown."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kernel.admin import BilingualFieldsMixin, ReadOnlyAdminMixin
from tenants.surveys.models import Answer, Question, Response, Survey
from tenants.surveys.services import EDITABLE_FIELDS, survey_create, survey_delete, survey_update


class QuestionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Question
    fields = ["position", "kind", "text_ar", "text_fr", "required"]
    readonly_fields = fields
    extra = 0
    show_change_link = False


@admin.register(Survey)
class SurveyAdmin(BilingualFieldsMixin, admin.ModelAdmin):
    list_display = ["title", "state_label", "opens_at", "closes_at", "results_public"]
    list_filter = ["results_public", "one_response_per_email"]
    search_fields = ["title_ar", "title_fr"]
    readonly_fields = ["opens_at", "closes_at", "created_at", "updated_at"]
    fields = [*EDITABLE_FIELDS, *readonly_fields]
    inlines = [QuestionInline]

    @admin.display(description=_("title"), ordering="title_ar")
    def title(self, survey: Survey) -> str:
        return survey.title

    @admin.display(description=_("state"))
    def state_label(self, survey: Survey) -> str:
        return survey.get_state_display()

    def save_model(self, request, obj, form, change):
        if change:
            survey_update(
                survey=obj,
                **{
                    name: getattr(obj, name)
                    for name in form.changed_data
                    if name in EDITABLE_FIELDS
                },
            )
            return
        survey = survey_create(**{name: getattr(obj, name) for name in EDITABLE_FIELDS})
        for field in Survey._meta.concrete_fields:
            setattr(obj, field.attname, getattr(survey, field.attname))
        obj._state.adding = False

    def delete_model(self, request, obj):
        survey_delete(survey=obj)

    def delete_queryset(self, request, queryset):
        for survey in queryset:
            survey_delete(survey=survey)


class AnswerInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Answer
    fields = ["question", "choice", "value", "text"]
    readonly_fields = fields
    extra = 0


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "survey", "status", "language", "submitted_at"]
    list_filter = ["status", "language"]
    list_select_related = ["survey"]
    fields = ["survey", "status", "language", "submitted_at", "confirmed_at"]
    readonly_fields = fields
    inlines = [AnswerInline]
