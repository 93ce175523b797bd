"""The public comment form (the service cleans the texts; the form checks their shape)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizens import HoneypotMixin
from tenants.consultations.models import Section
from tenants.consultations.services import BODY_MAX_LENGTH, NAME_MAX_LENGTH


WIDGET_CLASSES = {forms.CheckboxInput: "form-check-input", forms.Select: "form-select"}


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section: Section) -> str:
        return str(section)


class CommentForm(HoneypotMixin, forms.Form):
    section = SectionChoiceField(
        queryset=Section.objects.none(),
        required=False,
        label=_("Your comment is about"),
        empty_label=_("The whole text"),
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    author_name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    show_name = forms.BooleanField(
        label=_("Show my name with my comment"),
        required=False,
        help_text=_("Otherwise your comment is signed “Participant”."),
    )
    email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("Never published. We send you a link to confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        # The consultation's own sections only (already fetched with the consultation).
        self.fields["section"].queryset = sections
        if not sections:
            del self.fields["section"]
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", WIDGET_CLASSES.get(type(field.widget), "form-control")
            )
