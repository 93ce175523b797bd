"""The site's search: Arabic and French spellings, ranking, highlighting, what is public."""

import html
from datetime import date

import pytest
from django.db import connection

from tenants.documents.models import Category
from tenants.documents.tests.factories import document_factory
from tenants.information_requests.models import InformationRequest
from tenants.information_requests.tests.factories import filed
from tenants.meetings.tests.factories import meeting_in
from tenants.petitions.models import Petition
from tenants.petitions.tests.factories import petition
from tenants.programme.tests.factories import commitment_factory, programme_factory
from tenants.search.selectors import site_search
from kernel.folding import fold_arabic
from kernel.full_text import query_words
from tenants.search.vectors import SOURCES

MINUTES = "محضر الدورة العادية لشهر فبراير"


@pytest.fixture
def content(tetouan, in_member):
    with in_member(tetouan):
        yield {
            "minutes": document_factory(
                category=Category.COUNCIL,
                title_ar=MINUTES,
                title_fr="Procès-verbal de la session de février",
                published_on=date(2025, 2, 20),
            ),
            "budget": document_factory(
                title_ar="الميزانية السنوية للجماعة",
                title_fr="Budget annuel de la commune",
                published_on=date(2025, 1, 15),
            ),
            "meeting": meeting_in(
                -3,
                title_ar="اجتماع تواصلي مع الجمعيات",
                title_fr="Réunion d'information avec les associations",
                agenda_ar="تقديم مشروع الميزانية",
            ),
        }


def titles(query: str, kind: str | None = None) -> list[str]:
    results = site_search(query=query, kind=kind)
    return [
        html.unescape(str(result.title).replace("<mark>", "").replace("</mark>", ""))
        for result in results[0:50]
    ]


@pytest.mark.parametrize(
    "query",
    [
        "المحضر",  # with the article: "محضر الدورة" is found
        "محضر",
        "المَحْضَر",  # with short vowels
        "المحـــضر",  # with tatweel
        "محضر في الدورة",  # a particle that says nothing
    ],
)
def test_arabic_with_or_without_the_article_vowels_and_tatweel(content, tetouan, in_member, query):
    with in_member(tetouan):
        assert titles(query) == [MINUTES]


@pytest.mark.parametrize("query", ["الميزانية", "ميزانية", "الميزانيه", "الميزانيات"])
def test_the_budget_under_any_common_spelling(content, tetouan, in_member, query):
    with in_member(tetouan):
        found = titles(query)
    assert "الميزانية السنوية للجماعة" in found
    assert MINUTES not in found


@pytest.mark.parametrize("query", ["réunion", "reunion", "REUNION", "Réunions"])
def test_french_with_or_without_accents(content, tetouan, in_member, query):
    with in_member(tetouan), _in_french():
        assert titles(query) == ["Réunion d'information avec les associations"]


def test_a_title_ranks_above_a_mention_in_the_text(content, tetouan, in_member):
    with in_member(tetouan):
        found = titles("الميزانية")
    # The budget has the word in its title; the meeting only in its agenda.
    assert found == ["الميزانية السنوية للجماعة", "اجتماع تواصلي مع الجمعيات"]


def test_every_word_must_be_found(content, tetouan, in_member):
    with in_member(tetouan):
        assert titles("محضر الميزانية") == []
        assert titles("   ") == []


def test_words_are_highlighted_and_the_text_escaped(tetouan, in_member):
    with in_member(tetouan):
        document_factory(
            title_ar='محضر "الدورة" & <b>الاستثنائية</b>',
            description_ar="نص المحضر <script>alert(1)</script> كاملا",
        )
        [result] = site_search(query="المحضر")[0:10]
    assert "<mark>محضر</mark>" in result.title
    assert "&quot;الدورة&quot; &amp;" in result.title
    assert "<b>" not in result.title and "<script" not in result.extract
    assert "<mark>المحضر</mark>" in result.extract


def test_kinds_are_counted_and_filtered(content, tetouan, in_member):
    with in_member(tetouan):
        programme = programme_factory()
        commitment_factory(programme, title_ar="نشر الميزانية المفصلة")
        results = site_search(query="الميزانية")
        assert results.counts == {"document": 1, "meeting": 1, "commitment": 1}
        assert len(results) == 3
        assert titles("الميزانية", kind="commitment") == ["نشر الميزانية المفصلة"]


def test_only_published_petitions_are_found(tetouan, in_member):
    with in_member(tetouan):
        shown = petition(subject="إحداث مكتبة بالحي")
        hidden = petition(subject="إحداث ملعب بالحي")
        Petition.objects.filter(pk=hidden.pk).update(published_at=None)
        assert titles("إحداث") == [shown.subject]


def test_the_register_is_searched_by_what_it_publishes_only(tetouan, in_member):
    with in_member(tetouan):
        summarised = filed(information_wanted="أطلب نسخة من دفتر التحملات السري")
        InformationRequest.objects.filter(pk=summarised.pk).update(
            public_summary="طلب دفتر تحملات صفقة النظافة"
        )
        # The requester's name and the request's own text are never searched.
        assert titles("الفاسي") == []
        assert titles("السري") == []
        assert titles("النظافة") == ["طلب دفتر تحملات صفقة النظافة"]


def test_a_member_never_finds_another_members_content(tetouan, tanger, in_member):
    with in_member(tanger):
        document_factory(title_ar="محضر دورة طنجة")
    with in_member(tetouan):
        document_factory(title_ar="محضر دورة تطوان")
        assert titles("المحضر") == ["محضر دورة تطوان"]


def test_the_query_folds_like_the_index(tetouan, in_member):
    text = "الميزانيه مستوى المَحْضَرُ ـــ وجه"
    with in_member(tetouan), connection.cursor() as cursor:
        from kernel.full_text import arabic_sql

        cursor.execute(
            f"SELECT {arabic_sql('%s')}::text, to_tsvector('arabic', %s)::text",
            [text, fold_arabic(text)],
        )
        index_side, query_side = cursor.fetchone()
    assert index_side == query_side
    assert query_words("المحضر في الدورة") == ["المحضر", "الدورة"]


@pytest.mark.parametrize("kind", list(SOURCES))
def test_each_kind_is_searched_through_its_index(tetouan, in_member, kind):
    """The search writes the vector exactly as the migration indexed it: PostgreSQL picks the
    index (sequential scans off, as on a member with volume, where the planner prefers it)."""
    from tenants.search.selectors import _union

    with in_member(tetouan):
        sql, params = _union([kind], "t.id, {rank} AS rank", query_words("المحضر"))
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
    source = SOURCES[kind]
    assert f"search_{kind}_fts" in plan  # migration 0001's index
    # The ranking's first tier, from the titles' own index (when they are not the whole vector).
    if source.titled.vector_sql() != source.vector_sql():
        assert f"search_{kind}_title_fts" in plan


class _in_french:
    def __enter__(self):
        from django.utils import translation

        translation.activate("fr")

    def __exit__(self, *exc):
        from django.utils import translation

        translation.activate("ar")
