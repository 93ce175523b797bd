"""The demo petitions: in Arabic, one collecting below its threshold, one decided; once."""

import pytest
from django.utils import timezone

from tenants.petitions.models import Petition, State
from tenants.petitions.seeds import petitions_seed_demo

pytestmark = pytest.mark.usefixtures("in_tetouan")


def test_the_demo_petitions_are_seeded_once():
    today = timezone.localdate()
    assert petitions_seed_demo(today=today) == 2
    assert petitions_seed_demo(today=today) == 0
    collecting = Petition.objects.get(state=State.COLLECTING)
    assert 0 < collecting.signatures.count() < collecting.signatures_required
    decided = Petition.objects.get(state=State.DECIDED)
    assert decided.signatures.count() >= decided.signatures_required and decided.answer
    assert [step.state for step in decided.steps.all()] == [
        State.COLLECTING,
        State.SUBMITTED,
        State.ADMISSIBLE,
        State.REFERRED,
        State.ON_AGENDA,
        State.DECIDED,
    ]
    assert all(step.happened_on <= today for step in decided.steps.all())
    assert decided.session_date.month in (2, 5, 10)
    assert "\u0627" in collecting.subject  # Arabic
