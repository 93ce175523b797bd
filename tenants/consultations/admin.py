"""The back office of consultations. Consultations and sections are validated as a whole;
moderation decisions and reasoned responses go through the services, so each decision is
logged with its reason and each response records who gave it and when."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tenants.consultations.models import (
    Comment,
    Consultation,
    ModerationDecision,
    ModerationEvent,
    Response,
    Section,
)
from tenants.consultations.services import (
    EDITABLE_FIELDS,
    consultation_add_commitment_sections,
    consultation_create,
    consultation_update,
    comment_hide,
    comment_restore,
    response_save,
    section_create,
    section_delete,
)
from kernel.admin import BilingualFieldsMixin, ReadOnlyAdminMixin
from tenants.site.staff import actor


class SectionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.comments.exists():
                raise ValidationError(
                    _("A section that has comments cannot be deleted."), code="section_has_comments"
                )


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["number", "title_ar", "title_fr", "text_ar", "text_fr", "commitment"]
        help_texts = {
            "number": _("Left empty: after the last section."),
            "title_ar": _("Left empty with a commitment: the commitment's title."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False

    def clean(self):
        cleaned = super().clean()
        commitment = cleaned.get("commitment")
        if commitment and not (cleaned.get("title_ar") or cleaned.get("title_fr")):
            cleaned["title_ar"], cleaned["title_fr"] = commitment.title_ar, commitment.title_fr
        return cleaned


class SectionInline(BilingualFieldsMixin, admin.StackedInline):
    model = Section
    form = SectionForm
    formset = SectionFormSet
    extra = 0
    fields = [("number", "commitment"), ("title_ar", "title_fr"), ("text_ar", "text_fr")]


@admin.register(Consultation)
class ConsultationAdmin(BilingualFieldsMixin, admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "state_label", "published_comments"]
    list_filter = ["opens_at"]
    search_fields = ["title_ar", "title_fr"]
    date_hierarchy = "opens_at"
    inlines = [SectionInline]
    actions = ["add_commitment_sections"]
    fieldsets = [
        (None, {"fields": ["title_ar", "title_fr", ("opens_at", "closes_at")]}),
        (
            _("What is consulted on"),
            {"fields": ["programme", "document", "description_ar", "description_fr"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                published=Count("comments", filter=Q(comments__status=Comment.Status.PUBLISHED))
            )
        )

    @admin.display(description=_("title"), ordering="title_ar")
    def title(self, consultation: Consultation) -> str:
        return consultation.title

    @admin.display(description=_("state"))
    def state_label(self, consultation: Consultation) -> str:
        return consultation.get_state_display()

    @admin.display(description=_("published comments"), ordering="published")
    def published_comments(self, consultation: Consultation) -> int:
        return consultation.published

    def save_model(self, request, obj, form, change):
        if change:
            consultation_update(
                consultation=obj,
                **{
                    name: getattr(obj, name)
                    for name in form.changed_data
                    if name in EDITABLE_FIELDS
                },
            )
            return
        created = consultation_create(**{name: getattr(obj, name) for name in EDITABLE_FIELDS})
        # The admin goes on with `obj` (its inlines, message, log entry and redirect).
        obj.pk = created.pk
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        sections = formset.save(commit=False)
        for section in formset.deleted_objects:
            section_delete(section=section)  # the formset has refused those with comments
        for section in sections:
            if section.pk:
                section.save()  # validated as a whole by its form
            else:
                section_create(
                    consultation=form.instance,
                    number=section.number,
                    title_ar=section.title_ar,
                    title_fr=section.title_fr,
                    text_ar=section.text_ar,
                    text_fr=section.text_fr,
                    commitment=section.commitment,
                )

    @admin.action(description=_("Add a section for each commitment of the programme"))
    def add_commitment_sections(self, request, queryset):
        added = sum(
            len(consultation_add_commitment_sections(consultation=consultation))
            for consultation in queryset
        )
        self.message_user(
            request,
            ngettext("%(count)d section added.", "%(count)d sections added.", added)
            % {"count": added},
            messages.SUCCESS,
        )


class ResponseInline(BilingualFieldsMixin, admin.StackedInline):
    """The reasoned response, saved through `response_save` (see CommentAdmin.save_formset)."""

    model = Response
    can_delete = False
    fields = ["kind", "reasoning_ar", "reasoning_fr", "by", "at"]
    readonly_fields = ["by", "at"]

    def get_max_num(self, request, obj=None, **kwargs):
        # A comment waiting for its author's confirmation gets no response yet.
        return 1 if obj is not None and obj.status != Comment.Status.PENDING else 0


class ModerationEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ModerationEvent
    fields = ["at", "action", "reason", "by"]
    readonly_fields = fields
    extra = 0


class CommentDecisionForm(forms.ModelForm):
    """The comment itself is read-only; a moderator may hide or restore it, with a reason."""

    decision = forms.ChoiceField(
        label=_("moderation"),
        required=False,
        choices=[("", _("No change")), *ModerationDecision.choices],
    )
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to hide or restore; kept in the moderation log."),
    )

    class Meta:
        model = Comment
        fields = []

    def clean(self):
        cleaned = super().clean()
        decision, status = cleaned.get("decision"), self.instance.status
        if decision and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                ValidationError(_("Give the reason for this decision."), code="reason_required"),
            )
        if (decision == ModerationDecision.HIDE and status == Comment.Status.PENDING) or (
            decision == ModerationDecision.RESTORE and status != Comment.Status.HIDDEN
        ):
            self.add_error(
                "decision",
                ValidationError(
                    _("This comment cannot be moderated that way (it is %(status)s).")
                    % {"status": self.instance.get_status_display()},
                    code="wrong_status",
                ),
            )
        return cleaned


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt",
        "consultation",
        "section",
        "status",
        "report_count",
        "has_response",
        "created_at",
    ]
    list_filter = ["status", "moderator_decided", "response__kind", "consultation"]
    search_fields = ["body", "author_name", "email"]
    date_hierarchy = "created_at"
    list_select_related = ["consultation", "section", "response"]
    form = CommentDecisionForm
    inlines = [ResponseInline, ModerationEventInline]
    readonly_fields = [
        "consultation",
        "section",
        "status",
        "created_at",
        "verified_at",
        "author_name",
        "show_name",
        "email",
        "language_label",
        "body",
        "report_count",
        "moderator_decided",
    ]
    fieldsets = [
        (None, {"fields": ["consultation", "section", "status", "created_at", "verified_at"]}),
        (_("Author"), {"fields": ["author_name", "show_name", "email", "language_label"]}),
        (_("Comment"), {"fields": ["body"]}),
        (_("Moderation"), {"fields": ["report_count", "moderator_decided", "decision", "reason"]}),
    ]

    @admin.display(description=_("comment"))
    def excerpt(self, comment: Comment) -> str:
        body = comment.body
        return body if len(body) <= 160 else body[:159] + "…"

    @admin.display(description=_("language"))
    def language_label(self, comment: Comment) -> str:
        # Stored as a code ("ar", "fr"): shown as the language's name.
        return dict(settings.LANGUAGES).get(comment.language, comment.language)

    @admin.display(description=_("reasoned response"), boolean=True)
    def has_response(self, comment: Comment) -> bool:
        return comment.reasoned_response is not None

    def has_add_permission(self, request):
        return False  # comments come from the public, confirmed by e-mail

    def has_delete_permission(self, request, obj=None):
        return False  # moderators hide, with a reason; the record stays

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        if decision:
            moderate = comment_hide if decision == ModerationDecision.HIDE else comment_restore
            moderate(comment=obj, by=actor(request), reason=form.cleaned_data["reason"])
            obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        # Writes nothing; gives the admin's change message what it reads.
        responses = formset.save(commit=False)
        if formset.model is not Response:
            return  # the moderation log is written by the services only
        for response in responses:
            response_save(
                comment=form.instance,
                kind=response.kind,
                by=actor(request),
                reasoning_ar=response.reasoning_ar,
                reasoning_fr=response.reasoning_fr,
            )


@admin.register(ModerationEvent)
class ModerationEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "action", "comment", "by", "reason"]
    list_filter = ["action"]
    list_select_related = ["comment"]
