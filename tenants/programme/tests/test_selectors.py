from datetime import date

import pytest

from tenants.programme.models import Completion, Principle
from tenants.programme.selectors import commitment_list, progress_by_principle
from tenants.programme.tests.factories import (
    commitment_factory,
    milestone_factory,
    programme_factory,
)


@pytest.fixture
def programme(tetouan, in_member):
    with in_member(tetouan):
        yield programme_factory()


def test_status_filters(programme):
    late = commitment_factory(programme, 1)
    milestone_factory(late, due_on=date(2024, 6, 1))
    ongoing = commitment_factory(programme, 2)
    milestone_factory(ongoing, due_on=date(2030, 1, 1))
    done = commitment_factory(programme, 3, completion=Completion.COMPLETE)
    today = date(2025, 1, 1)

    def numbers(status):
        return [c.number for c in commitment_list(programme=programme, status=status, today=today)]

    assert numbers("late") == [late.number]
    assert numbers("ongoing") == [ongoing.number]
    assert numbers("complete") == [done.number]
    assert numbers(None) == [1, 2, 3]


def test_principle_and_completion_filters(programme):
    commitment_factory(programme, 1, principles=[Principle.DIGITALIZATION])
    commitment_factory(
        programme, 2, principles=[Principle.ACCOUNTABILITY], completion=Completion.LIMITED
    )
    assert [
        c.number for c in commitment_list(programme=programme, principle=Principle.DIGITALIZATION)
    ] == [1]
    assert [
        c.number for c in commitment_list(programme=programme, completion=Completion.LIMITED)
    ] == [2]


def test_progress_by_principle_in_one_query(programme, django_assert_num_queries):
    commitment_factory(
        programme, 1, principles=[Principle.DIGITALIZATION], completion=Completion.COMPLETE
    )
    commitment_factory(
        programme, 2, principles=[Principle.DIGITALIZATION, Principle.ACCOUNTABILITY]
    )
    with django_assert_num_queries(1):
        progress = {row.principle: row for row in progress_by_principle(programme=programme)}
    assert (progress["digitalization"].commitments, progress["digitalization"].percent) == (2, 50)
    assert (progress["accountability"].commitments, progress["accountability"].percent) == (1, 0)
    assert progress["monitoring"].commitments == 0
