"""Forms: the public request form, and the back office's form for a step on a request."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citizens import HoneypotMixin
from tenants.information_requests.models import (
    IdDocument,
    InformationRequest,
    RefusalGround,
    Transition,
)
from tenants.information_requests.services import TRANSITIONS


def _model_field(name: str):
    return InformationRequest._meta.get_field(name)


class InformationRequestForm(HoneypotMixin):
    """What law 31.13 asks of a requester. Field names are the service's arguments."""

    requester_name = forms.CharField(
        label=_("Full name"), max_length=_model_field("requester_name").max_length
    )
    id_document = forms.ChoiceField(
        label=_("Identity document"),
        choices=IdDocument.choices,
        initial=IdDocument.CIN,
        widget=forms.RadioSelect,
    )
    id_number = forms.CharField(
        label=_("Number of the card"),
        max_length=_model_field("id_number").max_length,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocapitalize": "characters"}),
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        max_length=_model_field("postal_address").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Your receipt is sent here."),
        widget=forms.EmailInput(attrs={"dir": "ltr"}),
    )
    information_wanted = forms.CharField(
        label=_("The information you want"),
        max_length=_model_field("information_wanted").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Be as precise as you can. The public register shows only a summary the "
            "council writes, never your text or your name."
        ),
    )
    is_urgent = forms.BooleanField(
        label=_("Urgent request"),
        required=False,
        help_text=_(
            "Only when the information is needed to protect a person's life, safety or "
            "freedom: the answer is then due within 3 working days."
        ),
    )
    urgency_reason = forms.CharField(
        label=_("Why it is urgent"),
        required=False,
        max_length=_model_field("urgency_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.RadioSelect, forms.CheckboxInput)):
                widget.attrs["class"] = "form-check-input"
            else:
                widget.attrs.setdefault("dir", "auto")
                widget.attrs["class"] = "form-control"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_urgent") and not cleaned.get("urgency_reason", "").strip():
            self.add_error(
                "urgency_reason",
                forms.ValidationError(
                    gettext("Say why the information is needed urgently."), code="urgency_reason"
                ),
            )
        return cleaned

    def service_arguments(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "website"}


class TransitionForm(forms.Form):
    """The inputs of one step (Transition) on a request, as the back office asks for them."""

    note = forms.CharField(
        label=_("Note (kept in the history)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Reason for the extension"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E-mailed to the requester at once, with the new due date."),
    )
    answer_text = forms.CharField(
        label=_("Answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Published in the public register: never include the requester's name or "
            "contact details."
        ),
    )
    answer_file = forms.FileField(label=_("Answer file"), required=False)
    refusal_ground = forms.ChoiceField(
        label=_("Ground of the refusal"), choices=[("", "---------"), *RefusalGround.choices]
    )
    reasons = forms.CharField(
        label=_("Reasons given to the requester"), widget=forms.Textarea(attrs={"rows": 3})
    )
    published_where = forms.CharField(
        label=_("Where the information is published"), required=False, max_length=500
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        accepted = TRANSITIONS[Transition(action)][1]
        for name in list(self.fields):
            if name not in accepted or name == "explanation":
                del self.fields[name]
