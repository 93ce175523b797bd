"""Forms of the workspace's comment pages: the list's filters, hiding and publishing again with
a reason, and the reasoned response. The services validate (reason required, reasons in one
language at least); the forms only parse."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.consultations.models import Comment, Consultation, Response
from tenants.consultations.selectors import STAFF_REPORTED, STAFF_WAITING
from tenants.site.staff import StaffForm


class ConsultationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, consultation: Consultation) -> str:
        return consultation.title


class CommentFilterForm(StaffForm):
    consultation = ConsultationChoiceField(
        label=_("Consultation"),
        required=False,
        queryset=Consultation.objects.order_by("-opens_at", "-pk"),
        empty_label=_("All consultations"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All comments")),
            (STAFF_WAITING, _("To act on")),
            (STAFF_REPORTED, _("Reported, awaiting a decision")),
            *Comment.Status.choices,
        ],
    )


class ReasonForm(StaffForm):
    """A moderation decision's reason (kept in the moderation log)."""

    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the moderation log, with your name and the date."),
    )


class HideForm(ReasonForm):
    prefix = "hide"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Reason for hiding")


class RestoreForm(ReasonForm):
    prefix = "restore"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Reason for publishing again")


class ResponseForm(StaffForm):
    prefix = "response"

    kind = forms.ChoiceField(
        label=_("Response"),
        choices=Response.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the response: accepted, partly accepted or not retained.")
        },
    )
    reasoning_ar = forms.CharField(
        label=_("Reasons in Arabic"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
    )
    reasoning_fr = forms.CharField(
        label=_("Reasons in French"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr", "lang": "fr"}),
        help_text=_(
            "Give the reasons in Arabic, in French or in both: "
            "they are published under the comment."
        ),
    )

    @classmethod
    def for_comment(cls, comment: Comment, data=None) -> "ResponseForm":
        response = comment.reasoned_response
        initial = (
            {
                "kind": response.kind,
                "reasoning_ar": response.reasoning_ar,
                "reasoning_fr": response.reasoning_fr,
            }
            if response
            else {}
        )
        return cls(data, initial=initial)
