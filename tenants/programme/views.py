from django.http import Http404
from django.shortcuts import render

from tenants.programme.models import Completion, Principle, ProgrammeStatus
from tenants.programme.selectors import (
    CommitmentStatus,
    commitment_detail,
    commitment_list,
    minimum_requirements,
    programme_current,
    progress_by_principle,
)
from kernel.page_cache import cache_public_page

STATUS_FILTERS = [
    (CommitmentStatus.ONGOING, "ongoing"),
    (CommitmentStatus.LATE, "late"),
    (CommitmentStatus.COMPLETE, "complete"),
]


def _choice(value: str | None, allowed) -> str | None:
    return value if value in allowed else None


@cache_public_page
def programme(request):
    current = programme_current()
    if current is None:
        return render(request, "programme/none.html")
    filters = {
        "principle": _choice(request.GET.get("principle"), Principle.values),
        "completion": _choice(request.GET.get("completion"), Completion.values),
        "status": _choice(request.GET.get("status"), {s for s, _ in STATUS_FILTERS}),
    }
    return render(
        request,
        "programme/programme.html",
        {
            "programme": current,
            "stages": ProgrammeStatus.choices,
            "stage_index": ProgrammeStatus.values.index(current.status),
            "commitments": list(commitment_list(programme=current, **filters)),
            "progress": progress_by_principle(programme=current),
            "filters": filters,
            "principles": Principle.choices,
            "completions": Completion.choices,
            "requirements": minimum_requirements(),
        },
    )


@cache_public_page
def commitment(request, pk: int):
    found = commitment_detail(pk=pk)
    if found is None:
        raise Http404
    assessment = getattr(found, "assessment", None)
    return render(
        request, "programme/commitment.html", {"commitment": found, "assessment": assessment}
    )
