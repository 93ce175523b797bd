"""The portal's search: members by name, news and best practices (public schema)."""

import pytest

from network.publications.tests.factories import best_practice_factory, news_factory


@pytest.fixture
def publications(tetouan):
    return {
        "news": news_factory(
            title_ar="ورشة حول الميزانية التشاركية",
            title_fr="Atelier sur le budget participatif",
            summary_ar="لقاء الشبكة",
        ),
        "draft": news_factory(published=False, title_ar="مسودة عن الميزانية"),
        "practice": best_practice_factory(
            tetouan, title_ar="نشر محاضر الدورات", title_fr="Publier les procès-verbaux des séances"
        ),
    }


def test_members_by_name_in_arabic_and_french(client_for, tetouan, tanger):
    page = client_for(None).get("/search/", {"q": "تطوان"}).content.decode()
    assert "تطوان" in page and "tetouan." in page
    assert "tanger." not in page
    page = client_for(None).get("/search/", {"q": "tetouan"}).content.decode()
    assert "tetouan." in page


def test_news_and_practices_by_their_words(client_for, publications):
    page = client_for(None).get("/search/", {"q": "الميزانيات"}).content.decode()
    assert "ورشة حول الميزانية التشاركية" in page
    assert "مسودة عن الميزانية" not in page  # a draft is not published
    page = client_for(None).get("/search/", {"q": "proces verbaux seance"}).content.decode()
    assert "نشر محاضر الدورات" in page


def test_nothing_found_says_what_to_try(client_for, network, db):
    response = client_for(None).get("/search/", {"q": "كلمة لا توجد"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="status"' in page and "كلمة لا توجد" in page


def test_a_long_or_odd_query_is_not_an_error(client_for, network, db):
    for query in ("x" * 5000, "'; DROP TABLE x; --", "<script>", "%_"):
        response = client_for(None).get("/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("<main", 1)[1]
