"""The public forms: an idea, a support, a comment (the services clean the texts; the forms
check their shape)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizens import HoneypotMixin
from commitment_templates import Principle
from tenants.ideas.services import (
    ASSOCIATION_MAX_LENGTH,
    BODY_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    NAME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)

WIDGET_CLASSES = {
    forms.CheckboxInput: "form-check-input",
    forms.Select: "form-select",
    forms.RadioSelect: "form-check-input",
}


def _email_field():
    return forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("Never published. We send you a link to confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )


class PublicForm(HoneypotMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", WIDGET_CLASSES.get(type(field.widget), "form-control")
            )


class IdeaForm(PublicForm):
    principle = forms.ChoiceField(
        label=_("Principle of the programme"),
        choices=[("", _("Choose a principle")), *Principle.choices],
        error_messages={"required": _("Choose the principle your idea serves.")},
    )
    title = forms.CharField(
        label=_("Title of your idea"),
        max_length=TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    body = forms.CharField(
        label=_("Your idea"),
        max_length=BODY_MAX_LENGTH,
        help_text=_("What problem it solves and what the member could do."),
        widget=forms.Textarea(attrs={"rows": 7, "dir": "auto"}),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("A PDF, an office document or an image, up to 20 MB."),
    )
    author_name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    show_name = forms.BooleanField(
        label=_("Show my name with my idea"),
        required=False,
        help_text=_("Otherwise your idea is signed “Participant”."),
    )
    association = forms.CharField(
        label=_("On behalf of an association (optional)"),
        max_length=ASSOCIATION_MAX_LENGTH,
        required=False,
        help_text=_("The association's name is then shown as the author of the idea."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    email = _email_field()


class SupportForm(PublicForm):
    prefix = "support"
    email = _email_field()


class CommentForm(PublicForm):
    prefix = "comment"
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
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
    email = _email_field()
