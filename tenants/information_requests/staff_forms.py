"""The workspace's forms for the steps of an information request: one small form per action,
each field named as the service's argument (tenants/information_requests/services.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.information_requests.models import (
    REFUSAL_GROUND_SOURCES,
    Channel,
    ComplaintOutcome,
    IdDocument,
    InformationRequest,
    RefusalGround,
)
from tenants.site.staff import StaffForm

NOT_IN_REGISTER = _(
    "Published in the public register: never include the requester's name or contact details."
)


def _text(label, *, required: bool = True, rows: int = 4, help_text="", max_length=None):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
    )


def _ground_choices() -> list:
    """The grounds grouped by the source each cites (models.REFUSAL_GROUND_SOURCES)."""
    groups: dict = {}
    for value, label in RefusalGround.choices:
        groups.setdefault(REFUSAL_GROUND_SOURCES[value], []).append((value, label))
    return [
        ("", _("Choose the ground")),
        *[(source, choices) for source, choices in groups.items()],
    ]


def _ground():
    return forms.ChoiceField(
        label=_("Ground of the refusal"),
        choices=_ground_choices,
        help_text=_("Article 7 of law 31.13, or a ground the Commission (CDAI) recognises."),
    )


def _published_where():
    return forms.CharField(
        label=_("Where the information is published"),
        required=False,
        max_length=500,
        help_text=_("Only when it is already published: a page address or a publication."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )


def _received_on(label=None):
    return forms.DateField(
        label=label or _("Received on"),
        widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}, format="%Y-%m-%d"),
        help_text=_("The day it really reached the council: the deadline runs from it."),
    )


def _scan(label):
    return forms.FileField(
        label=label,
        required=False,
        help_text=_("PDF or image. Kept private: only the focal point opens it."),
    )


PAPER_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


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
            self.add_error(
                "answer_text",
                forms.ValidationError(
                    _("Give the answer as a text, a file or both."), code="answer_required"
                ),
            )
        return cleaned


class AnswerForm(AnswerGivenForm):
    action = "answer"
    title = _("Answer the request")
    submit = _("Send the answer")
    answer_text = _text(_("Text of the answer"), required=False, rows=6, help_text=NOT_IN_REGISTER)
    answer_file = forms.FileField(
        label=_("Answer file (optional)"),
        required=False,
        help_text=_("PDF, office document or image."),
    )


class PartlyAnswerForm(AnswerGivenForm):
    action = "partly_answer"
    title = _("Answer in part")
    submit = _("Send the partial answer")
    answer_text = _text(
        _("The information given"), required=False, rows=5, help_text=NOT_IN_REGISTER
    )
    answer_file = forms.FileField(label=_("File of the partial answer (optional)"), required=False)
    refusal_ground = _ground()
    reasons = _text(
        _("Why the rest is withheld"),
        rows=3,
        help_text=_("Sent to the requester and published with the answer."),
    )
    published_where = _published_where()


class RefuseForm(ActionForm):
    action = "refuse"
    title = _("Refuse the request")
    submit = _("Refuse the request")
    refusal_ground = _ground()
    reasons = _text(
        _("Reasons for the refusal"),
        rows=4,
        help_text=_(
            "Sent to the requester with the ways to complain, and published in the register."
        ),
    )
    published_where = _published_where()


class ExtendForm(ActionForm):
    action = "extend"
    title = _("Extend the deadline")
    submit = _("Extend the deadline")
    reason = _text(
        _("Reason for the extension"),
        rows=3,
        help_text=_(
            "E-mailed to the requester at once, with the new due date. "
            "The deadline can be extended only once: by 20 working days, "
            "or by 3 for an urgent request."
        ),
    )


class PublicSummaryForm(ActionForm):
    action = "summary"
    title = _("Summary for the public register")
    submit = _("Save the summary")
    public_summary = _text(
        _("Summary for the public register"),
        required=False,
        rows=3,
        max_length=InformationRequest._meta.get_field("public_summary").max_length,
        help_text=InformationRequest._meta.get_field("public_summary").help_text,
    )


class ComplaintRecordForm(ActionForm):
    """A complaint to the head of the council received on paper, by post or by e-mail."""

    action = "complaint"
    title = _("Record a complaint received on paper")
    submit = _("Record the complaint")
    channel = forms.ChoiceField(
        label=_("Received"), choices=PAPER_CHANNELS, widget=forms.RadioSelect, initial=Channel.DESK
    )
    received_on = _received_on()
    grievance = _text(_("What the requester complains about"), rows=4, max_length=5000)
    scan = _scan(_("Scan of the complaint (optional)"))


class ComplaintAnswerForm(ActionForm):
    action = "complaint_answer"
    title = _("Answer the complaint")
    submit = _("Send the head's answer")
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            (value, label)
            for value, label in ComplaintOutcome.choices
            if value != ComplaintOutcome.OPEN
        ],
    )
    answer_text = _text(
        _("The head's answer"),
        rows=5,
        help_text=_(
            "Written and reasoned; sent to the requester with the next "
            "step (the Commission). The register shows only the "
            "outcome."
        ),
    )


ACTION_FORMS = {
    form.action: form
    for form in (
        StartForm,
        AnswerForm,
        PartlyAnswerForm,
        RefuseForm,
        ExtendForm,
        PublicSummaryForm,
        ComplaintRecordForm,
        ComplaintAnswerForm,
    )
}


class RecordRequestForm(StaffForm):
    """A request received on paper at the desk, by post or by e-mail. Field names are the
    service's arguments (services.information_request_record)."""

    channel = forms.ChoiceField(
        label=_("Received"), choices=PAPER_CHANNELS, widget=forms.RadioSelect, initial=Channel.DESK
    )
    received_on = _received_on()
    scan = _scan(_("Scan of the request (optional)"))
    requester_name = forms.CharField(label=_("Full name"), max_length=200)
    id_document = forms.ChoiceField(
        label=_("Identity document"),
        choices=IdDocument.choices,
        initial=IdDocument.CIN,
        widget=forms.RadioSelect,
    )
    id_number = forms.CharField(
        label=_("Number of the card"), max_length=20, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("When given, the receipt is sent there at once; otherwise answer by post."),
        widget=forms.EmailInput(attrs={"dir": "ltr"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the answer"),
        choices=InformationRequest._meta.get_field("language").choices,
        initial="ar",
    )
    information_wanted = _text(
        _("The information wanted"),
        rows=5,
        max_length=5000,
        help_text=_(
            "As the requester wrote it. Never published: the "
            "register shows only the summary you write."
        ),
    )
    is_urgent = forms.BooleanField(
        label=_("Urgent request"),
        required=False,
        help_text=_("Needed to protect a person's life, safety or freedom: due in 3 working days."),
    )
    urgency_reason = _text(_("Why it is urgent"), required=False, rows=2, max_length=1000)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_urgent") and not cleaned.get("urgency_reason"):
            self.add_error(
                "urgency_reason",
                forms.ValidationError(
                    _("Say why the information is needed urgently."), code="urgency_reason"
                ),
            )
        return cleaned
