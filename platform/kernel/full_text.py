"""Full-text search in Arabic and French with PostgreSQL (any schema): the vectors of a
table's text columns, and the queries that match them. A searched thing names its `Source`
(its table and columns): a member's public content (tenants/search/vectors.py, whose
migrations index it), the library's own search (tenants/documents), the network's
publications (network/publications).

A source's vector is an SQL expression over its table's columns; an index on that same
expression (tenants/search's migrations create them) serves a search because the search
writes the same expression in its WHERE clause (tests/test_index_use.py asks EXPLAIN).

- Arabic text: folded by kernel.folding's word folding (tatweel and short vowels removed,
  alef maqsura written as ya, a word-final ha written as ta marbuta: "الميزانيه" is how many
  type "الميزانية"), in SQL on the index's side and in Python on the query's, then the
  `arabic` configuration (Snowball's stemmer: "المحضر" → "محضر", "الميزانيات" → "ميزان",
  hamza on alef folded).
- French text: the common accents folded (kernel.folding), then `public.infitah_french`, a
  copy of `french` whose words go through the `unaccent` dictionary where the server has that
  extension (the migration says why it may not), so "réunion" and "reunion" are one word.
- Ranking: a match in a title comes before a match in the text only, then the newest first.
  Both tiers come from GIN indexes (the whole vector's, and the titles' own); ts_rank is not
  used, as it would rebuild the vector of every matching row (see `Source.rank_sql`). The
  weights (setweight A, B, C) are kept in the vectors for a ranking that may use them later.
- Planning: every search runs without sequential scans nor parallel workers
  (`through_the_indexes`, PLANNER_SETTINGS say why); a QuerySet narrowed by
  `queryset_matching` does so when it counts or reads its rows.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.db import connection, transaction
from django.db.models import BooleanField, IntegerField
from django.db.models.expressions import RawSQL

from kernel.folding import arabic_fold_sql, fold_arabic, fold_french, french_fold_sql

ARABIC_CONFIG = "arabic"
FRENCH_CONFIG = "public.infitah_french"

# Particles a reader types that say nothing about the subject (the `arabic` configuration has
# no stop-word list): "محضر في الدورة" must find "محضر الدورة".
ARABIC_STOP_WORDS = frozenset(
    "في من على الى إلى عن مع او أو ثم و ب ل ك ما لا هذا هذه ذلك تلك التي الذي الذين حول بين "
    "قبل بعد عند كل".split()
)
MAX_QUERY_WORDS = 8


def arabic_sql(column: str) -> str:
    return f"to_tsvector('{ARABIC_CONFIG}'::regconfig, {arabic_fold_sql(column)})"


def french_sql(column: str) -> str:
    return f"to_tsvector('{FRENCH_CONFIG}'::regconfig, {french_fold_sql(column)})"


@dataclass(frozen=True)
class Source:
    """A kind of public content: its table, and its Arabic, French and one-language columns,
    each as (column, weight)."""

    kind: str
    table: str
    arabic: tuple[tuple[str, str], ...] = ()
    french: tuple[tuple[str, str], ...] = ()
    # Text kept in one field whatever its language (a petition, a register entry): read by
    # both configurations.
    either: tuple[tuple[str, str], ...] = ()

    def vector_sql(self, qualifier: str = "") -> str:
        """The vector, its columns qualified by `qualifier` (a table name) when given."""
        column = (lambda name: f'{qualifier}."{name}"') if qualifier else (lambda name: f'"{name}"')
        parts = [
            f"setweight({arabic_sql(column(name))}, '{weight}')"
            for name, weight in self.arabic + self.either
        ]
        parts += [
            f"setweight({french_sql(column(name))}, '{weight}')"
            for name, weight in self.french + self.either
        ]
        return "(" + " || ".join(parts) + ")"

    @property
    def titled(self) -> "Source":
        """The source reduced to its titles (weight A): the first tier of the ranking."""

        def titles(columns):
            return tuple(column for column in columns if column[1] == "A")

        return Source(
            self.kind,
            self.table,
            arabic=titles(self.arabic),
            french=titles(self.french),
            either=titles(self.either),
        )

    def rank_sql(self, qualifier: str) -> str:
        """1 when every word is in a title, else 0, read from the titles' index (a hashed
        subplan): computing ts_rank would rebuild the vector of every matching row, ~0.3 ms a
        row (a second on a common word in 10,000 documents; bench/search.py)."""
        return (
            f'({qualifier}."id" IN (SELECT titled."id" FROM "{self.table}" titled '
            f"WHERE {self.titled.vector_sql(qualifier='titled')} @@ {tsquery_sql()}))::int"
        )


def query_words(query: str) -> list[str]:
    """The words of a reader's query that are worth looking for (at most MAX_QUERY_WORDS)."""
    stop_words = {fold_arabic(word) for word in ARABIC_STOP_WORDS}
    words = [fold_arabic(word) for word in query.split()]
    return [word for word in words if word not in stop_words][:MAX_QUERY_WORDS]


def tsquery_sql() -> str:
    """The query as SQL, from two parameters (the words for the Arabic configuration and for
    the French one): a document matches when it holds every word, in either language."""
    return (
        f"(plainto_tsquery('{ARABIC_CONFIG}'::regconfig, %s) || "
        f"plainto_tsquery('{FRENCH_CONFIG}'::regconfig, %s))"
    )


def tsquery_params(words: list[str]) -> list[str]:
    text = " ".join(words)
    return [text, fold_french(text)]


# The planner settings every search runs with, and why (bench/search.py measures both).
# - No sequential scans: the planner prices to_tsvector() far below its cost (~0.3 ms a row
#   of text), so on a table of a thousand commitments it would rather rebuild every row's
#   vector than read the GIN index (1.2 s instead of a few ms).
# - No parallel workers: a search reads a few thousand rows at most; starting workers costs
#   more than they save (on 2 busy cores, a library search took 3 to 4 times as long).
PLANNER_SETTINGS = {"enable_seqscan": "off", "max_parallel_workers_per_gather": "0"}


@contextmanager
def through_the_indexes():
    """A cursor whose statements run with PLANNER_SETTINGS, for this transaction only; when
    the caller's transaction goes on after, the settings before are restored."""
    names = list(PLANNER_SETTINGS)
    read = ", ".join(["current_setting(%s)"] * len(names))
    change = ", ".join(["set_config(%s, %s, true)"] * len(names))
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        # The target list is evaluated left to right: the values read are the ones before.
        cursor.execute(
            f"SELECT {read}, {change}",
            names + [part for name, value in PLANNER_SETTINGS.items() for part in (name, value)],
        )
        before = cursor.fetchone()[: len(names)]
        try:
            yield cursor
        finally:
            if nested:
                cursor.execute(
                    f"SELECT {change}", [part for pair in zip(names, before) for part in pair]
                )


class _ReadThroughTheIndexes:
    """Mixed into the class of a searched QuerySet (and so of its clones): its count and its
    rows are read with PLANNER_SETTINGS."""

    def count(self):
        with through_the_indexes():
            return super().count()

    def _fetch_all(self):
        if self._result_cache is None:
            with through_the_indexes():
                super()._fetch_all()


@cache
def _read_through_the_indexes(queryset_class: type) -> type:
    if issubclass(queryset_class, _ReadThroughTheIndexes):
        return queryset_class
    return type(
        f"Searched{queryset_class.__name__}",
        (_ReadThroughTheIndexes, queryset_class),
        {"__module__": __name__},
    )


def queryset_matching(queryset, *, query: str, source: Source):
    """`queryset` (of the `source`'s model) narrowed to the rows matching `query`, best first
    (`search_rank`), through the source's index when it has one; unchanged when the query has
    no word."""
    words = query_words(query)
    if not words:
        return queryset
    vector = source.vector_sql(qualifier=f'"{source.table}"')
    params = tsquery_params(words)
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    matching = (
        queryset.alias(
            search_match=RawSQL(f"{vector} @@ {tsquery_sql()}", params, output_field=BooleanField())
        )
        .filter(search_match=True)
        .annotate(
            search_rank=RawSQL(
                source.rank_sql(f'"{source.table}"'), params, output_field=IntegerField()
            )
        )
        .order_by("-search_rank", *ordering)
    )
    matching.__class__ = _read_through_the_indexes(type(matching))
    return matching
