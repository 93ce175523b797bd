"""The public subscription forms (the services validate again; the forms check the shape)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizens import HoneypotMixin
from tenants.notifications.models import GENERAL_TOPICS, Delivery, Language, Topic

TOPIC_CHOICES = [(topic.value, topic.label) for topic in GENERAL_TOPICS]


class PreferencesForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("What do you want to follow?"),
        choices=TOPIC_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=Language.choices, widget=forms.RadioSelect
    )
    delivery = forms.ChoiceField(
        label=_("How often?"), choices=Delivery.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, allow_no_topic: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_no_topic = allow_no_topic

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("topics") or cleaned.get("follow") or self.allow_no_topic):
            self.add_error("topics", _("Choose at least one topic to follow."))
        return cleaned


class SubscribeForm(HoneypotMixin, PreferencesForm):
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("Never published. We send you a link to confirm it."),
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "dir": "ltr", "class": "form-control"}
        ),
    )
    # "information_request:12" / "petition:7": one request or petition to follow as well.
    follow = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    field_order = ["email", "topics", "language", "delivery"]


__all__ = ["PreferencesForm", "SubscribeForm", "Topic"]
