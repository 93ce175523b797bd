"""Reads of the document library (the current member's schema)."""
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import CharField, Count, F, Func, Max, Q, QuerySet, Value
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber

from tenants.documents.models import Category, Document

SEARCHED_FIELDS = ("title_ar", "title_fr", "description_ar", "description_fr")
MAX_SEARCH_TERMS = 8

# Spellings a reader may type one way and a clerk another: hamza on alef (أ إ آ ٱ → ا), ta
# marbuta (ة → ه), alef maqsura (ى → ي), Persian yeh (ی → ي); French accents fold to plain
# letters. Tatweel and short vowels (harakat) are dropped.
_FOLDS = {**dict.fromkeys("أإآٱ", "ا"), "ة": "ه", "ى": "ي", "ی": "ي",
          **dict.fromkeys("àâäÀÂÄ", "a"), **dict.fromkeys("çÇ", "c"),
          **dict.fromkeys("éèêëÉÈÊË", "e"), **dict.fromkeys("îïÎÏ", "i"),
          **dict.fromkeys("ôöÔÖ", "o"), **dict.fromkeys("ùûüÙÛÜ", "u")}
_DROPPED = "ـ" + "".join(chr(code) for code in range(0x064B, 0x0653))  # tatweel, harakat
_FOLD_FROM = "".join(_FOLDS) + _DROPPED
_FOLD_TO = "".join(_FOLDS.values())
_PYTHON_FOLD = str.maketrans("".join(_FOLDS), _FOLD_TO, _DROPPED)


def fold(text: str) -> str:
    """`text` as the database side of a search sees it (see `Folded`)."""
    return text.translate(_PYTHON_FOLD)


class Folded(Func):
    """PostgreSQL's translate() with the same folds as `fold`: one expression, no extension
    (unaccent would be a per-database object the schema template does not replay)."""
    function = "translate"
    output_field = CharField()

    def __init__(self, expression):
        super().__init__(expression, Value(_FOLD_FROM), Value(_FOLD_TO))


def _matching(documents: QuerySet[Document], query: str) -> QuerySet[Document]:
    """Documents holding every word of `query` in a title or description, in either language
    (case, hamza, ta marbuta, alef maqsura and French accents aside)."""
    terms = fold(query).split()[:MAX_SEARCH_TERMS]
    if not terms:
        return documents
    documents = documents.alias(**{f"{name}_folded": Folded(name) for name in SEARCHED_FIELDS})
    for term in terms:
        documents = documents.filter(Q(*[(f"{name}_folded__icontains", term)
                                         for name in SEARCHED_FIELDS], _connector=Q.OR))
    return documents


def document_library(*, query: str | None = None,
                     category: str | None = None) -> QuerySet[Document]:
    """The library, newest first: in one category and/or matching a search, when given."""
    documents = Document.objects.all()
    if category:
        documents = documents.filter(category=category)
    if query:
        documents = _matching(documents, query)
    return documents


def document_latest_by_category(*, per_category: int) -> QuerySet[Document]:
    """The newest `per_category` documents of each category, in one query."""
    return (Document.objects
            .annotate(rank=Window(RowNumber(), partition_by=[F("category")],
                                  order_by=[F("published_on").desc(), F("pk").desc()]))
            .filter(rank__lte=per_category))


def document_latest(*, limit: int = 5) -> QuerySet[Document]:
    """The last documents published, for the home page."""
    return Document.objects.order_by("-published_on", "-pk")[:limit]


@dataclass(frozen=True)
class CategoryFreshness:
    category: str
    count: int
    last_updated: date | None  # the latest publication date, None while the shelf is empty

    @property
    def label(self) -> str:
        return Category(self.category).label


def category_freshness() -> list[CategoryFreshness]:
    """Every category, in the library's order, with its count and when it was last updated
    (art. 10 asks for the date each category was last updated), in one query."""
    return category_freshness_from_rows(category_freshness_rows())


def category_freshness_rows() -> QuerySet:
    """A row per category that holds documents: category, count, last_updated (one query;
    the network's sweep runs it over many members at once)."""
    return (Document.objects.order_by().values("category")
            .annotate(count=Count("pk"), last_updated=Max("published_on")))


def category_freshness_from_rows(rows) -> list[CategoryFreshness]:
    rows = {row["category"]: row for row in rows}
    return [CategoryFreshness(category=category,
                              count=rows.get(category, {}).get("count", 0),
                              last_updated=rows.get(category, {}).get("last_updated"))
            for category in Category.values]


# Law 31.13 art. 10 lists what must be published but sets no refresh rhythm; a year is the
# budget's and the accounts' cycle, so a shelf untouched for longer is reported to staff.
CATEGORY_REFRESH_DAYS = 365


def category_stale(*, today: date) -> list[CategoryFreshness]:
    """The library's shelves that are empty or were last updated over a year ago."""
    limit = today - timedelta(days=CATEGORY_REFRESH_DAYS)
    return [shelf for shelf in category_freshness()
            if shelf.last_updated is None or shelf.last_updated < limit]
