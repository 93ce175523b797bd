"""The workspace's newsletter form: each field named as the service's argument
(tenants/notifications/newsletter_services.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.notifications.models import GENERAL_TOPICS
from tenants.site.staff import StaffForm


class NewsletterForm(StaffForm):
    subject_ar = forms.CharField(
        label=_("Subject (Arabic)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    body_ar = forms.CharField(
        label=_("Message (Arabic)"),
        required=False,
        strip=True,
        help_text=_("Plain text: leave an empty line between paragraphs."),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "rtl", "lang": "ar"}),
    )
    subject_fr = forms.CharField(
        label=_("Subject (French)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "ltr", "lang": "fr"}),
    )
    body_fr = forms.CharField(
        label=_("Message (French)"),
        required=False,
        strip=True,
        help_text=_(
            "Optional. Subscribers who read French get the Arabic version when there "
            "is no French one."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "ltr", "lang": "fr"}),
    )
    topics = forms.MultipleChoiceField(
        label=_("Who receives it"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(topic.value, topic.label) for topic in GENERAL_TOPICS],
        help_text=_(
            "Only the followers of the topics ticked; none ticked: every subscriber "
            "of the site's news."
        ),
    )

    @classmethod
    def initial_from(cls, newsletter) -> dict:
        return {name: getattr(newsletter, name) for name in cls.base_fields}

    def fields_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}
