"""The official calendar in the console (network host, directorate only): the year's holidays
as the deadlines count them, the decisions recorded, and the form that records one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from citizens.selectors import calendar_year, estimated_feasts, holiday_decision_list
from citizens.services import holiday_decision_record
from network.accounts.access import directorate_required
from network.console.calendar_forms import HolidayDecisionForm

YEARS_SHOWN = 3  # this year and the next two: what a decision can still be about


def _year(value) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(value)
    except (TypeError, ValueError):
        return this_year
    return year if 2000 <= year <= this_year + 10 else this_year


@directorate_required
def calendar(request):
    year = _year(request.POST.get("year") if request.method == "POST" else request.GET.get("year"))
    estimated = estimated_feasts(year=year)
    status = 200
    if request.method == "POST":
        form = HolidayDecisionForm(request.POST, estimated=estimated)
        if form.is_valid():
            try:
                decision = holiday_decision_record(
                    **form.cleaned_data, by_id=request.user.pk, by_name=request.user.get_username()
                )
            except ValidationError as error:
                for field, field_errors in error.message_dict.items():
                    for message in field_errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(
                    request,
                    _(
                        "Recorded: %(name)s from %(day)s. The due dates of open requests are being "
                        "counted again in every member."
                    )
                    % {
                        "name": decision.name_ar
                        if (request.LANGUAGE_CODE or "ar") == "ar"
                        else decision.name_fr,
                        "day": formats.date_format(decision.first_day, "DATE_FORMAT"),
                    },
                )
                return redirect(reverse("console-calendar") + f"?year={decision.first_day.year}")
        status = 400
    else:
        form = HolidayDecisionForm(estimated=estimated)
    this_year = timezone.localdate().year
    return render(
        request,
        "console/calendar.html",
        {
            "year": year,
            "years": range(this_year - 1, this_year + YEARS_SHOWN),
            "holidays": calendar_year(year=year),
            "form": form,
            "decisions": holiday_decision_list()[:50],
        },
        status=status,
    )
