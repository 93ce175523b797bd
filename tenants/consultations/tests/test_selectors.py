"""Reads: the list's order, the share of responses, the summary, the network's figures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.consultations.models import Response
from tenants.consultations.selectors import (
    comment_public_list,
    consultation_detail,
    consultation_list,
    consultation_summary,
    response_share,
)
from tenants.consultations.services import comment_hide, response_save
from tenants.consultations.tests.factories import close, comment_on, consultation_in, section_of
from tenants.figures.selectors import member_figures
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")


def answer(comment, kind=Response.Kind.ACCEPTED):
    return response_save(comment=comment, kind=kind, by=Actor(name="x"), reasoning_ar="سبب")


def test_open_first_closing_soonest_then_upcoming_then_closed():
    consultation_in(-60, -30, title_fr="old")
    consultation_in(-60, -2, title_fr="recent")
    consultation_in(3, 9, title_fr="later")
    consultation_in(1, 9, title_fr="soon")
    consultation_in(-5, 20, title_fr="open long")
    consultation_in(-1, 2, title_fr="open closing")
    assert [c.title_fr for c in consultation_list()] == [
        "open closing",
        "open long",
        "soon",
        "later",
        "recent",
        "old",
    ]


def test_only_published_comments_count_and_show():
    consultation = consultation_in()
    shown = comment_on(consultation)
    answer(shown)
    comment_on(consultation)
    comment_on(consultation, published=False)
    hidden = comment_on(consultation)
    answer(hidden)
    comment_hide(comment=hidden, by=Actor(name="m"), reason="إساءة")
    assert list(comment_public_list(consultation=consultation))[0] == shown
    assert comment_public_list(consultation=consultation).count() == 2
    share = response_share(consultation=consultation)
    assert (share.comments, share.answered, share.percent) == (2, 1, 50)
    assert consultation_list().get().comment_count == 2
    assert response_share(consultation=consultation_in()).percent is None


def test_the_summary_by_response_and_section():
    consultation = consultation_in()
    first, second = section_of(consultation, "أ"), section_of(consultation, "ب")
    answer(comment_on(consultation, section=first), Response.Kind.PARTLY)
    answer(comment_on(consultation, section=first), Response.Kind.NOT_RETAINED)
    comment_on(consultation, section=second)
    answer(comment_on(consultation))
    summary = consultation_summary(consultation=consultation_detail(pk=consultation.pk))
    assert [(row.comments) for row in summary.by_response] == [1, 1, 1, 1]
    assert [(row.section, row.comments, row.answered) for row in summary.by_section] == [
        (None, 1, 1),
        (first, 2, 2),
        (second, 1, 0),
    ]


def test_the_consultation_page_reads_in_constant_queries():
    def reads(consultation) -> int:
        with CaptureQueriesContext(connection) as queries:
            detail = consultation_detail(pk=consultation.pk)
            [c.reasoned_response for c in comment_public_list(consultation=detail)]
            response_share(consultation=detail)
            consultation_summary(consultation=detail)
        return len(queries)

    small = consultation_in()
    comment_on(small)
    large = consultation_in()
    for number in range(4):
        answer(comment_on(large, section=section_of(large, f"قسم {number}")))
    assert reads(small) == reads(large) == 5


def consultation_figures() -> dict:
    """The consultations' part of the member's figures for the network's snapshot."""
    return member_figures()["consultations"]


def test_the_network_figures_in_constant_queries():
    assert consultation_figures() == {
        "consultations": 0,
        "open_consultations": 0,
        "comments": 0,
        "comments_with_response": 0,
        "response_share": None,
    }
    with CaptureQueriesContext(connection) as few:
        consultation_figures()
    for _ in range(3):
        consultation = consultation_in()
        answer(comment_on(consultation))
        comment_on(consultation)
        comment_on(consultation, published=False)
    close(consultation_in())
    with CaptureQueriesContext(connection) as many:
        figures = consultation_figures()
    assert len(few) == len(many)
    assert figures == {
        "consultations": 4,
        "open_consultations": 3,
        "comments": 6,
        "comments_with_response": 3,
        "response_share": 50,
    }
