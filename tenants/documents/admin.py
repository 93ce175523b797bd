"""The back office of the library: every save and delete goes through the services, so a
document is validated as a whole, its file checked by content, and who did it recorded."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.documents.models import Document
from tenants.documents.selectors import document_library
from tenants.documents.services import (
    EDITABLE_FIELDS,
    document_create,
    document_delete,
    document_update,
)
from tenants.site.staff import actor


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "published_on", "updated_at"]
    list_filter = ["category", "published_on"]
    # The box searches like the public library (see get_search_results).
    search_fields = ["title_ar", "title_fr", "description_ar", "description_fr"]
    date_hierarchy = "published_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["category", "published_on", "title_ar", "title_fr"]}),
        (_("Description"), {"fields": ["description_ar", "description_fr"]}),
        (_("The document: a file or a link"), {"fields": ["file", "link"]}),
        (_("Record"), {"fields": readonly_fields}),
    ]

    @admin.display(description=_("title"), ordering="title_ar")
    def title(self, document: Document) -> str:
        return document.title

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        found = document_library(query=search_term).values("pk")
        return queryset.filter(pk__in=found), False

    def save_model(self, request, obj, form, change):
        if change:
            document_update(
                document=obj,
                by=actor(request),
                **{
                    name: getattr(obj, name)
                    for name in form.changed_data
                    if name in EDITABLE_FIELDS
                },
            )
            return
        document = document_create(
            by=actor(request), **{name: getattr(obj, name) for name in EDITABLE_FIELDS}
        )
        # The admin goes on with `obj` (its message, its log entry, the redirect).
        for field in Document._meta.concrete_fields:
            setattr(obj, field.attname, getattr(document, field.attname))
        obj._state.adding = False

    def delete_model(self, request, obj):
        document_delete(document=obj)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            document_delete(document=document)
