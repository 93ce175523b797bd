"""Forms of the workspace's idea pages: the list's filter, the official answer, hiding and
publishing again with a reason. The services validate (commitment for a retained idea, the
idea it is merged into, reasons for one not retained, a reason for every moderation); the
forms only parse."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.ideas.models import Answer, Idea, Status
from tenants.ideas.selectors import STAFF_REPORTED, STAFF_WAITING, commitment_choices, merge_targets
from tenants.site.staff import StaffForm


class IdeaFilterForm(StaffForm):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All ideas")),
            (STAFF_WAITING, _("Awaiting an answer")),
            (STAFF_REPORTED, _("Reported, awaiting a decision")),
            *Answer.choices,
            (Status.HIDDEN, _("Hidden")),
            (Status.PENDING, _("Waiting for e-mail verification")),
        ],
    )


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, commitment) -> str:
        return f"{commitment.number}. {commitment.title}"


class IdeaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, idea: Idea) -> str:
        return idea.title


class AnswerForm(StaffForm):
    prefix = "answer"

    answer = forms.ChoiceField(
        label=_("Official answer"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the answer.")},
    )
    commitment = CommitmentChoiceField(
        label=_("Commitment it became (when retained)"),
        queryset=None,
        required=False,
        empty_label=_("Choose a commitment"),
    )
    merged_into = IdeaChoiceField(
        label=_("Idea it is merged into (when merged)"),
        queryset=None,
        required=False,
        empty_label=_("Choose an idea"),
    )
    reasons_ar = forms.CharField(
        label=_("Reasons in Arabic"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
    )
    reasons_fr = forms.CharField(
        label=_("Reasons in French"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr", "lang": "fr"}),
        help_text=_(
            "Published with the answer. Required when the idea "
            "is not retained, in Arabic, in French or in both."
        ),
    )

    def __init__(self, *args, idea: Idea, **kwargs):
        if idea.answer and "initial" not in kwargs:
            kwargs["initial"] = {
                "answer": idea.answer,
                "commitment": idea.commitment_id,
                "merged_into": idea.merged_into_id,
                "reasons_ar": idea.answer_text_ar,
                "reasons_fr": idea.answer_text_fr,
            }
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = commitment_choices(idea=idea)
        self.fields["merged_into"].queryset = merge_targets(idea=idea)


class ReasonForm(StaffForm):
    """A moderation decision's reason (kept in the idea's path, seen by the staff only)."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with your name and the date."),
    )
