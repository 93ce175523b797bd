"""Reads of the document library (the current member's schema)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from django.db.models import Count, F, Max, QuerySet
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber

from tenants.documents.models import Category, Document
from kernel.full_text import Source, queryset_matching

# The library's full text, searched here and by the site-wide search (tenants/search), whose
# migrations index it.
LIBRARY_SOURCE = Source(
    "document",
    "documents_document",
    arabic=(("title_ar", "A"), ("description_ar", "B")),
    french=(("title_fr", "A"), ("description_fr", "B")),
)


def document_library(
    *, query: str | None = None, category: str | None = None
) -> QuerySet[Document]:
    """The library, newest first: in one category and/or matching a search, when given (the
    site's full-text search, platform/kernel/full_text.py: best match first, then newest)."""
    documents = Document.objects.all()
    if category:
        documents = documents.filter(category=category)
    if query:
        documents = queryset_matching(documents, source=LIBRARY_SOURCE, query=query)
    return documents


def document_latest_by_category(*, per_category: int) -> QuerySet[Document]:
    """The newest `per_category` documents of each category, in one query."""
    return Document.objects.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("category")],
            order_by=[F("published_on").desc(), F("pk").desc()],
        )
    ).filter(rank__lte=per_category)


def document_latest(*, limit: int = 5) -> QuerySet[Document]:
    """The last documents published, for the home page."""
    return Document.objects.order_by("-published_on", "-pk")[:limit]


def documents_home_block() -> dict:
    """What the member's home page shows of the library (settings.HOME_BLOCKS)."""
    return {"latest_documents": list(document_latest(limit=5))}


# How often each shelf should be refreshed, in days (docs/law.md, section 5). Law 31.13 art. 10
# lists what must be published but sets no rhythm; where another text or the practice gives
# one, it is used, otherwise a year. Operators may override any of them with the setting
# DOCUMENT_REFRESH_DAYS ({"council": 120, ...}).
DEFAULT_REFRESH_DAYS = 365
CATEGORY_REFRESH_DAYS = {
    # The budget is voted and the administrative account closed once a year (organic laws
    # 111.14, 112.14, 113.14: the budget of the financial year).
    Category.BUDGET_ACCOUNTS: 365,
    # Councils meet in three ordinary sessions a year (organic laws 111.14, 112.14, 113.14):
    # their agendas, minutes and decisions come every four months at the latest.
    Category.COUNCIL: 122,
    Category.DECISIONS: 122,
    # The forecast programme of procurement is published at the start of each year (the
    # public procurement decree).
    Category.PROCUREMENT: 365,
}


def refresh_days(category: str) -> int:
    overrides = getattr(settings, "DOCUMENT_REFRESH_DAYS", {}) or {}
    return overrides.get(category, CATEGORY_REFRESH_DAYS.get(category, DEFAULT_REFRESH_DAYS))


@dataclass(frozen=True)
class CategoryFreshness:
    category: str
    count: int
    last_updated: date | None  # the latest publication date, None while the shelf is empty

    @property
    def label(self) -> str:
        return Category(self.category).label

    @property
    def refresh_days(self) -> int:
        return refresh_days(self.category)

    @property
    def refresh_by(self) -> date | None:
        """The date by which the shelf should be updated again (None while it is empty:
        it is due now)."""
        if self.last_updated is None:
            return None
        return self.last_updated + timedelta(days=self.refresh_days)

    def is_stale(self, today: date) -> bool:
        return self.refresh_by is None or self.refresh_by < today


def category_freshness() -> list[CategoryFreshness]:
    """Every category, in the library's order, with its count and when it was last updated
    (art. 10 asks for the date each category was last updated), in one query."""
    return category_freshness_from_rows(category_freshness_rows())


def category_freshness_rows() -> QuerySet:
    """A row per category that holds documents: category, count, last_updated (one query;
    the network's sweep runs it over many members at once)."""
    return (
        Document.objects.order_by()
        .values("category")
        .annotate(count=Count("pk"), last_updated=Max("published_on"))
    )


def category_freshness_from_rows(rows) -> list[CategoryFreshness]:
    rows = {row["category"]: row for row in rows}
    return [
        CategoryFreshness(
            category=category,
            count=rows.get(category, {}).get("count", 0),
            last_updated=rows.get(category, {}).get("last_updated"),
        )
        for category in Category.values
    ]


def category_stale(*, today: date) -> list[CategoryFreshness]:
    """The library's shelves that are empty or past the date they should have been
    refreshed by."""
    return [shelf for shelf in category_freshness() if shelf.is_stale(today)]
