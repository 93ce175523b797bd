"""commitment_create_from_template (member schema): a network template copied by value."""

import pytest
from django.core.exceptions import ValidationError

from tenants.programme.models import Commitment, ProgressUpdate
from tenants.programme.services import commitment_create_from_template
from tenants.programme.tests.factories import commitment_factory, programme_factory
from kernel.actors import Actor

TEMPLATE = {
    "id": 7,
    "version": 3,
    "title_ar": "مكتبة عمومية للوثائق",
    "title_fr": "Une bibliothèque publique",
    "problem_ar": "الوثائق موزعة",
    "problem_fr": "",
    "action_ar": "إحداث مكتبة",
    "action_fr": "",
    "solution_ar": "نشر استباقي",
    "solution_fr": "",
    "principles": ["access_to_information"],
}


def test_the_copy_is_the_next_commitment_with_its_provenance(tetouan, in_member):
    with in_member(tetouan):
        programme = programme_factory()
        commitment_factory(programme, 4)
        copy = commitment_create_from_template(
            programme=programme, template=TEMPLATE, by=Actor(name="م")
        )
        assert (
            copy.number,
            copy.title_ar,
            copy.source_template_id,
            copy.source_template_version,
        ) == (5, "مكتبة عمومية للوثائق", 7, 3)
        assert ProgressUpdate.objects.filter(commitment=copy, field="created", by="م").exists()


@pytest.mark.parametrize(
    "bad", [{"id": None}, {"version": "3"}, {"principles": ["nonsense"]}, {"title_ar": ""}]
)
def test_a_bad_template_writes_nothing(tetouan, in_member, bad):
    with in_member(tetouan):
        programme = programme_factory()
        with pytest.raises(ValidationError):
            commitment_create_from_template(
                programme=programme, template={**TEMPLATE, **bad}, by=Actor(name="م")
            )
        assert not Commitment.objects.exists() and not ProgressUpdate.objects.exists()


def test_a_programme_takes_a_template_once_even_in_a_newer_version(tetouan, in_member):
    with in_member(tetouan):
        programme = programme_factory()
        commitment_create_from_template(programme=programme, template=TEMPLATE, by=Actor(name="م"))
        with pytest.raises(ValidationError) as error:
            commitment_create_from_template(
                programme=programme, template={**TEMPLATE, "version": 4}, by=Actor(name="م")
            )
        assert "هذا النموذج" in " ".join(error.value.messages)
        assert Commitment.objects.count() == 1
