"""The workspace's forms for the steps of a petition, one small form per step; the fields are
`petition_transition`'s arguments (tenants/petitions/services.py)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.petitions.models import State
from tenants.site.staff import StaffForm


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"dir": "ltr", **(attrs or {})}, format="%Y-%m-%d")


def _day(label, *, required: bool = True, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text, widget=_DateInput())


def _text(label, *, rows: int = 4, help_text="", required: bool = True):
    return forms.CharField(
        label=label,
        help_text=help_text,
        strip=True,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
    )


class StepForm(StaffForm):
    """One step on the petition's page: `action` names it in the POST, `to` is the state the
    petition goes to (None for publishing, which is not a change of state)."""

    action = ""
    to: str | None = None
    title = ""
    submit = ""
    happened_on = _day(
        _("Date of the step"), help_text=_("Today unless the step was taken on an earlier day.")
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.action)
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("happened_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def transition_arguments(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value is not None}


class PublishForm(StaffForm):
    action = "publish"
    to = None
    title = _("Publish the petition")
    submit = _("Publish the petition")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)


class SubmitForm(StepForm):
    action = "submit"
    to = State.SUBMITTED
    title = _("Record its submission to the council")
    submit = _("Record the submission")


class AdmissibleForm(StepForm):
    action = "admissible"
    to = State.ADMISSIBLE
    title = _("Declare it admissible")
    submit = _("Declare admissible")
    reason = _text(
        _("Reasons of the bureau's decision"),
        required=False,
        help_text=_("Shown in the petition's steps."),
    )

    field_order = ["reason", "happened_on"]

    def transition_arguments(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value}


class NotAdmissibleForm(StepForm):
    action = "not_admissible"
    to = State.NOT_ADMISSIBLE
    title = _("Declare it not admissible")
    submit = _("Declare not admissible")
    reason = _text(
        _("Reasons for not admitting it"),
        help_text=_("Published on the petition's page and sent to its agent."),
    )


class ReferForm(StepForm):
    action = "refer"
    to = State.REFERRED
    title = _("Refer it to the competent committee")
    submit = _("Refer to the committee")
    committee = forms.CharField(
        label=_("Committee"),
        max_length=200,
        help_text=_(
            "The permanent committee of the council that studies the petition before the session."
        ),
    )

    field_order = ["committee", "happened_on"]


class AgendaForm(StepForm):
    action = "agenda"
    to = State.ON_AGENDA
    title = _("Put it on the agenda of a council session")
    submit = _("Put on the agenda")
    session_date = _day(_("Date of the council session"))

    field_order = ["session_date", "happened_on"]


class DecisionForm(StepForm):
    action = "decision"
    to = State.DECIDED
    title = _("Record the council's decision")
    submit = _("Record the decision")
    answer = _text(
        _("Decision and answer of the council"),
        rows=5,
        help_text=_("Published on the petition's page and sent to its agent."),
    )

    field_order = ["answer", "happened_on"]


STEP_FORMS = {
    form.action: form
    for form in (
        PublishForm,
        SubmitForm,
        AdmissibleForm,
        NotAdmissibleForm,
        ReferForm,
        AgendaForm,
        DecisionForm,
    )
}
# The steps each state allows, in the order they are offered.
STEPS_FROM = {
    State.COLLECTING: ("publish", "submit"),
    State.SUBMITTED: ("admissible", "not_admissible"),
    State.ADMISSIBLE: ("refer",),
    State.REFERRED: ("agenda",),
    State.ON_AGENDA: ("decision",),
    State.NOT_ADMISSIBLE: (),
    State.DECIDED: (),
}
