"""The library's search (the site's full-text search: Arabic and French spellings),
categories, freshness in one query."""

from datetime import date

import pytest

from tenants.documents.models import Category
from tenants.documents.selectors import (
    category_freshness,
    document_latest,
    document_latest_by_category,
    document_library,
)
from tenants.documents.tests.factories import document_factory


@pytest.fixture
def library(tetouan, in_member):
    with in_member(tetouan):
        documents = {
            "tender": document_factory(
                category=Category.PROCUREMENT,
                title_ar="إعلان عن طلب عروض أثمان",
                title_fr="",
                published_on=date(2025, 3, 2),
            ),
            "budget": document_factory(
                title_ar="الميزانية السنوية",
                title_fr="Budget annuel",
                published_on=date(2025, 1, 15),
            ),
            "session": document_factory(
                category=Category.COUNCIL,
                title_ar="جدول أعمال الدورة",
                title_fr="Ordre du jour de la séance",
                description_ar="الدورة العادية لشهر أكتوبر",
                published_on=date(2024, 10, 1),
            ),
            "level": document_factory(
                category=Category.REPORTS,
                title_ar="مستوى الخدمات",
                title_fr="",
                published_on=date(2024, 6, 30),
            ),
        }
    yield documents


def found(query=None, category=None) -> set[str]:
    return {d.title_ar for d in document_library(query=query, category=category)}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("اعلان", "إعلان عن طلب عروض أثمان"),  # hamza under alef, left out
        ("أثمان", "إعلان عن طلب عروض أثمان"),
        ("اثمان", "إعلان عن طلب عروض أثمان"),
        ("الميزانيه", "الميزانية السنوية"),  # ta marbuta typed as ha
        ("مستوي", "مستوى الخدمات"),  # alef maqsura typed as ya
        ("أكتوبر", "جدول أعمال الدورة"),  # in the description
        ("اكتوبر", "جدول أعمال الدورة"),
        ("الدَّورة", "جدول أعمال الدورة"),  # with short vowels
        ("SEANCE", "جدول أعمال الدورة"),  # French, case and accents aside
        ("budget", "الميزانية السنوية"),
    ],
)
def test_search_is_tolerant_of_spellings(library, tetouan, in_member, query, expected):
    with in_member(tetouan):
        assert found(query) == {expected}


def test_every_word_must_match_in_some_field(library, tetouan, in_member):
    with in_member(tetouan):
        assert found("جدول اكتوبر") == {"جدول أعمال الدورة"}
        assert found("جدول الميزانية") == set()
        assert found("   ") == found() == {d.title_ar for d in library.values()}


def test_wildcards_are_plain_text(library, tetouan, in_member):
    with in_member(tetouan):
        assert found("%") == found("_") == set()


def test_category_filter_and_newest_first(library, tetouan, in_member):
    with in_member(tetouan):
        assert found(category=Category.COUNCIL) == {"جدول أعمال الدورة"}
        assert found("الدورة", category=Category.BUDGET_ACCOUNTS) == set()
        assert [d.title_ar for d in document_library()][:2] == [
            "إعلان عن طلب عروض أثمان",
            "الميزانية السنوية",
        ]


def test_latest(library, tetouan, in_member):
    with in_member(tetouan):
        assert [d.pk for d in document_latest(limit=2)] == [
            library["tender"].pk,
            library["budget"].pk,
        ]


def test_latest_by_category(library, tetouan, in_member):
    with in_member(tetouan):
        older = document_factory(title_ar="الحساب الإداري 2023", published_on=date(2024, 4, 1))
        newest = document_latest_by_category(per_category=1)
        assert {d.pk for d in newest} == {library[k].pk for k in library}
        assert older.pk in {d.pk for d in document_latest_by_category(per_category=2)}


def test_freshness_of_every_category_in_one_query(
    library, tetouan, in_member, django_assert_num_queries
):
    with in_member(tetouan):
        document_factory(title_ar="الحساب الإداري 2023", published_on=date(2024, 4, 1))
        with django_assert_num_queries(1):
            freshness = category_freshness()
    by_category = {shelf.category: shelf for shelf in freshness}
    assert [shelf.category for shelf in freshness] == Category.values
    assert (by_category["budget_accounts"].count, by_category["budget_accounts"].last_updated) == (
        2,
        date(2025, 1, 15),
    )
    assert (by_category["decisions"].count, by_category["decisions"].last_updated) == (0, None)
    assert by_category["council"].label == Category.COUNCIL.label


def test_every_shelf_of_article_10_is_in_the_library():
    assert {
        "organisation",
        "information_officer",
        "recruitment",
        "licences",
        "partnerships",
        "rights",
        "budget_accounts",
        "council",
        "procurement",
    } <= set(Category.values)


def test_each_shelf_says_by_when_it_should_be_refreshed(tetouan, in_member, settings):
    from tenants.documents.selectors import category_stale

    with in_member(tetouan):
        document_factory(published_on=date(2025, 1, 15))  # budget: yearly
        document_factory(category=Category.COUNCIL, title_ar="محضر", published_on=date(2025, 1, 15))
        shelves = {shelf.category: shelf for shelf in category_freshness()}
        assert shelves["budget_accounts"].refresh_by == date(2026, 1, 15)
        assert shelves["council"].refresh_by == date(2025, 5, 17)  # three sessions a year
        assert shelves["rights"].refresh_by is None  # empty: due now
        stale = {shelf.category for shelf in category_stale(today=date(2025, 6, 1))}
        assert "council" in stale and "rights" in stale and "budget_accounts" not in stale
        settings.DOCUMENT_REFRESH_DAYS = {"council": 365}
        assert "council" not in {s.category for s in category_stale(today=date(2025, 6, 1))}
