"""The public library: categories with their freshness, search, both languages, the cache."""

from datetime import date

import pytest

from tenants.documents.models import Category
from tenants.documents.services import document_update
from tenants.documents.tests.factories import document_factory, pdf_file
from tenants.documents.views import PAGE_SIZE, PER_CATEGORY
from kernel.actors import Actor


@pytest.fixture
def budget(tetouan, in_member):
    with in_member(tetouan):
        return document_factory(
            title_ar="الميزانية السنوية 2025",
            title_fr="Budget annuel 2025",
            file=pdf_file(),
            published_on=date(2025, 1, 15),
        )


def test_library_in_arabic(budget, tetouan, client_for, in_member):
    response = client_for(tetouan).get("/documents/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page
    assert "الميزانية السنوية 2025" in page and "Budget annuel 2025" not in page
    with in_member(tetouan):
        assert f'href="/media/members/{tetouan.schema_name}/documents/' in page
        assert f'href="{budget.file.url}"' in page
    assert 'datetime="2025-01-15"' in page
    for label in Category.labels:  # every category, the empty ones too
        assert f">{label}<" in page


def test_library_in_french_falls_back_to_arabic(budget, tetouan, client_for, in_member):
    with in_member(tetouan):
        document_factory(category=Category.DECISIONS, title_ar="قرار تنظيمي", title_fr="")
    client = client_for(tetouan)
    client.cookies["django_language"] = "fr"
    page = client.get("/documents/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert "Budget annuel 2025" in page and "الميزانية السنوية 2025" not in page
    assert "قرار تنظيمي" in page


def test_search_and_category(budget, tetouan, client_for, in_member):
    with in_member(tetouan):
        document_factory(category=Category.COUNCIL, title_ar="محضر الدورة العادية")
    client = client_for(tetouan)
    page = client.get("/documents/", {"q": "الميزانيه"}).content.decode()
    assert "الميزانية السنوية 2025" in page and "محضر الدورة العادية" not in page
    assert 'value="الميزانيه"' in page  # the form keeps what was typed
    page = client.get("/documents/", {"category": "council"}).content.decode()
    assert "محضر الدورة العادية" in page and "الميزانية السنوية 2025" not in page
    assert '<option value="council" selected>' in page
    # An unknown category is no filter at all.
    assert client.get("/documents/", {"category": "nope"}).status_code == 200


def test_a_category_page_goes_page_by_page(tetouan, client_for, in_member):
    with in_member(tetouan):
        for day in range(1, PAGE_SIZE + 2):
            document_factory(title_ar=f"وثيقة رقم {day}", published_on=date(2025, 1, day))
    client = client_for(tetouan)
    front = client.get("/documents/").content.decode()
    assert front.count("وثيقة رقم") == PER_CATEGORY
    assert "?category=budget_accounts" in front  # "see all" of a full category
    first = client.get("/documents/", {"category": "budget_accounts"}).content.decode()
    assert first.count("وثيقة رقم") == PAGE_SIZE and "وثيقة رقم 1<" not in first
    assert "?category=budget_accounts&amp;page=2" in first
    second = client.get("/documents/", {"category": "budget_accounts", "page": 2}).content.decode()
    assert second.count("وثيقة رقم") == 1 and "وثيقة رقم 1<" in second


def test_the_library_runs_a_constant_number_of_queries(
    tetouan, client_for, in_member, django_assert_max_num_queries
):
    client = client_for(tetouan)
    client.get("/documents/")  # warm the member's routing
    with in_member(tetouan):
        for category in Category.values:
            document_factory(category=category)
            document_factory(category=category, file=pdf_file(), link="")
    with django_assert_max_num_queries(4):  # profile, freshness, latest by category (+ path)
        assert client.get("/documents/").status_code == 200


def test_a_change_shows_at_once_on_the_cached_page(
    tetouan, client_for, in_member, django_capture_on_commit_callbacks, page_cache
):
    client = client_for(tetouan)
    with in_member(tetouan), django_capture_on_commit_callbacks(execute=True):
        document = document_factory(title_ar="قبل التعديل")
    assert "قبل التعديل" in client.get("/documents/").content.decode()
    with in_member(tetouan):
        document.title_ar = "تعديل لم يمر بالخدمة"
        document.save(update_fields=["title_ar"])  # no commit, so no new version: cached
    assert "قبل التعديل" in client.get("/documents/").content.decode()
    with in_member(tetouan), django_capture_on_commit_callbacks(execute=True):
        document_update(document=document, by=Actor(name="x"), title_ar="بعد التعديل")
    assert "بعد التعديل" in client.get("/documents/").content.decode()
