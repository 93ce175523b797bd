"""The search page of a member's site (/search/) and the search box of every page."""

from datetime import date

import pytest

from tenants.documents.models import Category
from tenants.documents.tests.factories import document_factory

MINUTES = "محضر الدورة العادية لشهر فبراير"


@pytest.fixture
def minutes(tetouan, in_member):
    with in_member(tetouan):
        return document_factory(
            category=Category.COUNCIL, title_ar=MINUTES, published_on=date(2025, 2, 20)
        )


def test_every_page_has_the_search_box(client_for, tetouan):
    page = client_for(tetouan).get("/").content.decode()
    assert 'role="search"' in page and 'action="/search/"' in page
    assert 'aria-label="' in page or 'for="site-search-q"' in page


def test_results_in_arabic_highlighted_with_their_kind(minutes, client_for, tetouan):
    response = client_for(tetouan).get("/search/", {"q": "المحضر"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page
    assert "<mark>محضر</mark> الدورة العادية" in page
    assert f'href="{minutes.url}"' in page
    assert "الوثائق" in page  # the kind, in Arabic
    assert 'datetime="2025-02-20"' in page


def test_nothing_found_helps(minutes, client_for, tetouan):
    page = client_for(tetouan).get("/search/", {"q": "الميزانية"}).content.decode()
    assert 'role="status"' in page
    assert 'href="/information-requests/new/"' in page  # ask for it
    assert 'href="/documents/"' in page


def test_without_words_the_page_says_what_it_searches(client_for, tetouan):
    page = client_for(tetouan).get("/search/").content.decode()
    assert 'id="search-q"' in page and 'role="status"' not in page


def test_pages_of_results(client_for, tetouan, in_member):
    with in_member(tetouan):
        for number in range(12):
            document_factory(title_ar=f"محضر رقم {number}")
    first = client_for(tetouan).get("/search/", {"q": "محضر"}).content.decode()
    second = client_for(tetouan).get("/search/", {"q": "محضر", "page": 2}).content.decode()
    assert first.count('<li class="list-group-item py-3">') == 10
    assert second.count('<li class="list-group-item py-3">') == 2


@pytest.mark.parametrize(
    "params",
    [
        {"q": "محضر", "page": "abc"},
        {"q": "محضر", "kind": "x"},
        {"q": "x" * 3000},
        {"q": "!!! & | :*"},
        {"q": "محضر", "page": "99"},
        {"q": "محضر", "page": "9" * 30},
    ],
)
def test_odd_input_is_not_an_error(minutes, client_for, tetouan, params):
    assert client_for(tetouan).get("/search/", params).status_code == 200


def test_another_members_content_never_shows(client_for, tetouan, tanger, in_member):
    with in_member(tanger):
        document_factory(title_ar="محضر دورة طنجة")
    page = client_for(tetouan).get("/search/", {"q": "المحضر"}).content.decode()
    assert "محضر دورة طنجة" not in page


def test_the_library_search_uses_the_sites_search(minutes, client_for, tetouan):
    page = client_for(tetouan).get("/documents/", {"q": "المحضر"}).content.decode()
    assert MINUTES in page
    empty = client_for(tetouan).get("/documents/", {"q": "الميزانية"}).content.decode()
    assert 'role="status"' in empty and "/search/?q=" in empty
