"""Forms of the workspace's meeting pages: attendance by category and gender, the minutes, and
photos with their captions. Files are checked by the model's validators (platform/uploads)
when the services validate; the forms only parse."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.meetings.models import Attendance, MeetingPhoto
from tenants.site.staff import StaffForm

GENDERS = (("women", _("Women")), ("men", _("Men")))
MOST_PEOPLE = 100_000


class AttendanceForm(StaffForm):
    """Women and men per category (one row a category); empty counts as 0."""

    prefix = "attendance"

    def __init__(self, *args, counts: dict[str, tuple[int, int]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = counts or {}
        for category, category_label in Attendance.Category.choices:
            for index, (gender, gender_label) in enumerate(GENDERS):
                self.fields[f"{category}_{gender}"] = forms.IntegerField(
                    # The full label for the error summary; the page shows the gender under
                    # the category's legend.
                    label=_("%(category)s: %(gender)s")
                    % {"category": category_label, "gender": gender_label},
                    required=False,
                    min_value=0,
                    max_value=MOST_PEOPLE,
                    initial=counts.get(category, (0, 0))[index],
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
                )
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control staff-count"

    def rows(self):
        """[(category label, women bound field, men bound field)] in the categories' order."""
        return [
            (label, self[f"{category}_women"], self[f"{category}_men"])
            for category, label in Attendance.Category.choices
        ]

    def counts(self) -> dict[str, tuple[int, int]]:
        data = self.cleaned_data
        return {
            category: (data.get(f"{category}_women") or 0, data.get(f"{category}_men") or 0)
            for category in Attendance.Category.values
        }


class MinutesForm(StaffForm):
    prefix = "minutes"

    minutes = forms.FileField(
        label=_("Minutes file"),
        help_text=_("PDF or office document. A new file replaces the one published."),
        error_messages={"required": _("Choose the minutes file.")},
    )


class PhotoForm(StaffForm):
    prefix = "photo"

    image = forms.FileField(
        label=_("Photo"),
        help_text=_("PNG, JPEG or WebP."),
        widget=forms.FileInput(attrs={"accept": "image/*"}),
        error_messages={"required": _("Choose a photo.")},
    )
    caption = forms.CharField(
        label=_("Caption"),
        required=False,
        max_length=MeetingPhoto._meta.get_field("caption").max_length,
        help_text=_("What the photo shows; read aloud to blind visitors."),
    )
