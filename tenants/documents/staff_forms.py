"""The form of the library's workspace pages (member schema): it parses and checks; the
services (tenants/documents/services.py) validate again and publish."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tenants.documents.models import Document
from tenants.documents.services import EDITABLE_FIELDS
from tenants.site.staff import StaffModelForm


class DocumentForm(StaffModelForm):
    link = forms.URLField(
        label=capfirst(_("link")),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )

    class Meta:
        model = Document
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "title_ar": forms.TextInput(attrs={"dir": "rtl"}),
            "title_fr": forms.TextInput(attrs={"dir": "ltr"}),
            "description_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
            "description_fr": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        }

    def fields_for_service(self) -> dict:
        """What was typed, for document_create: a file only when one was sent."""
        fields = {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}
        if not fields["file"]:
            del fields["file"]
        return fields

    def changes(self) -> dict:
        """What changed, for document_update (a cleared file withdraws it: None)."""
        return {
            name: (self.cleaned_data[name] or None) if name == "file" else self.cleaned_data[name]
            for name in self.changed_data
        }
