"""The workspace's forms for the steps of an information request: one small form per action,
each field named as the service's argument (tenants/information_requests/services.py)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.information_requests.models import InformationRequest, RefusalGround
from tenants.site.staff import StaffForm

NOT_IN_REGISTER = _("Published in the public register: never include the requester's name or "
                    "contact details.")


def _text(label, *, required: bool = True, rows: int = 4, help_text="", max_length=None):
    return forms.CharField(label=label, required=required, help_text=help_text,
                           max_length=max_length, strip=True,
                           widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}))


def _ground():
    return forms.ChoiceField(label=_("Legal ground (article 7, law 31.13)"),
                             choices=[("", _("Choose the legal ground")), *RefusalGround.choices])


class ActionForm(StaffForm):
    """One action on the request's page; its fields carry the action's prefix (several forms
    share the page) and `action` names it in the POST."""

    action: str = ""
    title = ""
    submit = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)


class StartForm(ActionForm):
    action = "start"
    title = _("Start processing")
    submit = _("Start processing")
    note = _text(_("Note for the history (optional)"), required=False, rows=2)


class AnswerGivenForm(ActionForm):
    """An answer, in full or in part: a text, a file or both."""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("answer_text") and not cleaned.get("answer_file"):
            self.add_error("answer_text", forms.ValidationError(
                _("Give the answer as a text, a file or both."), code="answer_required"))
        return cleaned


class AnswerForm(AnswerGivenForm):
    action = "answer"
    title = _("Answer the request")
    submit = _("Send the answer")
    answer_text = _text(_("Text of the answer"), required=False, rows=6,
                        help_text=NOT_IN_REGISTER)
    answer_file = forms.FileField(label=_("Answer file (optional)"), required=False,
                                  help_text=_("PDF, office document or image."))


class PartlyAnswerForm(AnswerGivenForm):
    action = "partly_answer"
    title = _("Answer in part")
    submit = _("Send the partial answer")
    answer_text = _text(_("The information given"), required=False, rows=5,
                        help_text=NOT_IN_REGISTER)
    answer_file = forms.FileField(label=_("File of the partial answer (optional)"),
                                  required=False)
    refusal_ground = _ground()
    reasons = _text(_("Why the rest is withheld"), rows=3,
                    help_text=_("Sent to the requester and published with the answer."))


class RefuseForm(ActionForm):
    action = "refuse"
    title = _("Refuse the request")
    submit = _("Refuse the request")
    refusal_ground = _ground()
    explanation = _text(_("Reasons for the refusal"), rows=4,
                        help_text=_("Sent to the requester with the ways to complain, and "
                                    "published in the register."))


class ExtendForm(ActionForm):
    action = "extend"
    title = _("Extend the deadline")
    submit = _("Extend the deadline")
    reason = _text(_("Reason for the extension"), rows=3,
                   help_text=_("E-mailed to the requester at once, with the new due date. "
                               "The deadline can be extended only once."))


class PublicSummaryForm(ActionForm):
    action = "summary"
    title = _("Summary for the public register")
    submit = _("Save the summary")
    public_summary = _text(
        _("Summary for the public register"), required=False, rows=3,
        max_length=InformationRequest._meta.get_field("public_summary").max_length,
        help_text=InformationRequest._meta.get_field("public_summary").help_text)


ACTION_FORMS = {form.action: form for form in (StartForm, AnswerForm, PartlyAnswerForm,
                                               RefuseForm, ExtendForm, PublicSummaryForm)}
