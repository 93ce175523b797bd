"""The search across a member's public content (the current member's schema).

One statement finds the matches of every kind once through the GIN indexes, counts them by
kind and ranks them for a page (bench/search.py measures it); the page's rows are then loaded
through each kind's public reads and their titles and extracts highlighted by PostgreSQL
(ts_headline) in one statement. Highlighting is done on the page's rows only: it re-reads
the text, the index does not hold it.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from tenants.consultations.models import Consultation
from tenants.documents.models import Document
from tenants.information_requests.models import PERSONAL_FIELDS, InformationRequest
from tenants.meetings.models import Meeting
from tenants.petitions.models import Petition
from tenants.programme.models import Commitment, Milestone
from kernel.full_text import (
    ARABIC_CONFIG,
    FRENCH_CONFIG,
    query_words,
    through_the_indexes,
    tsquery_params,
    tsquery_sql,
)
from tenants.search.vectors import SOURCES
from kernel.bilingual import Localized

KIND_LABELS = {
    "document": _("Documents"),
    "commitment": _("Commitments"),
    "milestone": _("Milestones"),
    "meeting": _("Meetings and workshops"),
    "consultation": _("Consultations"),
    "petition": _("Petitions"),
    "information_request": _("Register of information requests"),
}
# Only what each kind's public pages show (petitions: once published).
PUBLIC_ONLY = {"petition": "t.published_at IS NOT NULL"}
# The date a result is dated by, and ties are broken with (newest first).
DATED_BY = {
    "document": "t.published_on",
    "commitment": "t.updated_at::date",
    "milestone": "t.due_on",
    "meeting": "t.starts_at::date",
    "consultation": "t.opens_at::date",
    "petition": "t.published_at::date",
    "information_request": "t.received_on",
}

# Marks of the highlighted words: characters of Unicode's private use area, removed from the
# text first, so that the escaped text can get its <mark> tags back and nothing else.
_START, _STOP = "\ue000", "\ue001"
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


@dataclass(frozen=True)
class SearchHit:
    kind: str
    pk: int
    rank: int
    day: date | None


@dataclass
class SearchResult:
    kind: str
    title: SafeString
    extract: SafeString
    url: str
    day: date | None
    lang: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _where(kind: str) -> str:
    source = SOURCES[kind]
    condition = f"{source.vector_sql(qualifier='t')} @@ {tsquery_sql()}"
    if kind in PUBLIC_ONLY:
        condition += f" AND {PUBLIC_ONLY[kind]}"
    return condition


def _union(
    kinds: Sequence[str], select: str, words: list[str], ranked: Sequence[str] | None = None
) -> tuple[str, list]:
    """One SELECT per kind over its table `t`, glued by UNION ALL; `select` may use {kind},
    {rank} and {day}. The kinds not in `ranked` (when given) get a rank of 0: no title
    index is read for rows that will not be shown."""
    parts, params = [], []
    for kind in kinds:
        source = SOURCES[kind]
        rank = source.rank_sql("t") if ranked is None or kind in ranked else "0"
        columns = select.format(kind=kind, rank=rank, day=DATED_BY[kind])
        parts.append(f'SELECT {columns} FROM "{source.table}" t WHERE {_where(kind)}')
        params += tsquery_params(words) * (columns.count("%s") // 2) + tsquery_params(words)
    return " UNION ALL ".join(parts), params


# Counts by kind and one page of hits, in one statement that finds the matches once (a
# materialized CTE): `n` is the hit's place on the page, or the count of a kind's row.
_COUNTS_AND_PAGE = """
WITH hits AS MATERIALIZED ({union}),
page AS (SELECT kind, pk, rank, day FROM hits WHERE kind = ANY(%s)
         ORDER BY rank DESC, day DESC NULLS LAST, kind, pk LIMIT %s OFFSET %s)
SELECT kind, pk, rank, day,
       row_number() OVER (ORDER BY rank DESC, day DESC NULLS LAST, kind, pk) AS n FROM page
UNION ALL
SELECT kind, NULL, NULL, NULL, count(*) FROM hits GROUP BY kind
"""


# Past any real search's last page (the Paginator then shows the last one), and within
# PostgreSQL's OFFSET.
_MAX_PAGE = 1_000_000


def _page_window(page, page_size: int) -> tuple[int, int]:
    """The rows of `page` (a number as a visitor wrote it; anything else is the first)."""
    try:
        number = min(max(int(page), 1), _MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    return (number - 1) * page_size, number * page_size


class SiteSearch:
    """The matches of a query, sized and sliced like a list, so that Django's Paginator reads
    a page. The counts by kind and the page expected (`page`, `page_size`: what the view will
    ask for) come from one statement; another page costs one more."""

    def __init__(self, *, query: str, kind: str | None = None, page=1, page_size: int = 10):
        self.words = query_words(query)
        self.kinds = [kind] if kind in SOURCES else list(SOURCES)
        self._expected = _page_window(page, page_size)
        self._read_window: tuple[int, int] | None = None
        self._read_hits: list[SearchHit] = []

    def _read(self, start: int, stop: int) -> None:
        """Counts by kind (every kind, whatever the filter: the page offers them all) and the
        hits from `start` to `stop`, ranked."""
        select = "'{kind}' AS kind, t.id AS pk, {rank} AS rank, {day} AS day"
        union, params = _union(list(SOURCES), select, self.words, ranked=self.kinds)
        with through_the_indexes() as cursor:
            cursor.execute(
                _COUNTS_AND_PAGE.format(union=union), params + [self.kinds, stop - start, start]
            )
            rows = cursor.fetchall()
        self.__dict__["counts"] = {kind: n for kind, pk, _rank, _day, n in rows if pk is None}
        self._read_window = (start, stop)
        self._read_hits = [
            SearchHit(kind, pk, rank, day)
            for kind, pk, rank, day, _n in sorted(
                (row for row in rows if row[1] is not None), key=lambda row: row[4]
            )
        ]

    @cached_property
    def counts(self) -> dict[str, int]:
        """Matches by kind (every kind, whatever the filter: the page offers them all)."""
        if not self.words:
            return {}
        self._read(*self._expected)
        return self.__dict__["counts"]

    def count(self) -> int:
        return sum(self.counts.get(kind, 0) for kind in self.kinds)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[SearchResult]:
        if not self.words or not isinstance(window, slice):
            return []
        start, stop = window.start or 0, window.stop
        if stop is None:
            stop = start + self._expected[1] - self._expected[0]
        # The Paginator shortens the last page to the count: the rows read already cover it.
        read = self._read_window
        if read is None or start != read[0] or stop > read[1]:
            self._read(start, stop)
        return search_results(hits=self._read_hits[: stop - start], words=self.words)


def site_search(*, query: str, kind: str | None = None, page=1, page_size: int = 10) -> SiteSearch:
    """The search of `query` (narrowed to one `kind`), ready for the Paginator to read `page`
    of `page_size` results (the one it will most likely be asked for)."""
    return SiteSearch(query=query, kind=kind, page=page, page_size=page_size)


# How each kind reads back from its public side: its rows (public fields only), its title,
# extract and address.
def _documents(pks):
    return Document.objects.filter(pk__in=pks)


def _commitments(pks):
    return Commitment.objects.filter(pk__in=pks)


def _milestones(pks):
    return Milestone.objects.select_related("commitment").filter(pk__in=pks)


def _meetings(pks):
    return Meeting.objects.filter(pk__in=pks)


def _consultations(pks):
    return Consultation.objects.filter(pk__in=pks)


def _petitions(pks):
    return Petition.objects.filter(pk__in=pks, published_at__isnull=False).only(
        "pk", "subject", "text", "answer", "published_at"
    )


def _information_requests(pks):
    return InformationRequest.objects.filter(pk__in=pks).defer(
        *PERSONAL_FIELDS, "information_wanted"
    )


def _present(kind: str, row) -> tuple[Localized, str, str]:
    """(title, text of the extract, address) of one row, in the page's language."""
    if kind == "document":
        return row.title, row.description, row.url
    if kind == "commitment":
        return (
            row.title,
            row.localized("action") or row.localized("problem"),
            reverse("programme:commitment", args=[row.pk]),
        )
    if kind == "milestone":
        return (
            row.title,
            row.commitment.title,
            reverse("programme:commitment", args=[row.commitment_id]) + "#milestones",
        )
    if kind == "meeting":
        return row.title, row.agenda, reverse("meetings:detail", args=[row.pk])
    if kind == "consultation":
        return row.title, row.description, reverse("consultations:detail", args=[row.pk])
    if kind == "petition":
        return (
            _as_written(row.subject),
            row.answer or row.text,
            reverse("petitions:detail", args=[row.pk]),
        )
    return (
        _as_written(row.public_summary or row.reference),
        row.answer_text,
        reverse("information_requests:detail", args=[row.pk]),
    )


_LOADERS = {
    "document": _documents,
    "commitment": _commitments,
    "milestone": _milestones,
    "meeting": _meetings,
    "consultation": _consultations,
    "petition": _petitions,
    "information_request": _information_requests,
}


def _as_written(text: str) -> Localized:
    return Localized(text, "ar" if _ARABIC_LETTER.search(text) else "fr")


def search_results(*, hits: list[SearchHit], words: list[str]) -> list[SearchResult]:
    """The page's hits, loaded through each kind's public reads, highlighted."""
    rows = {}
    for kind in {hit.kind for hit in hits}:
        pks = [hit.pk for hit in hits if hit.kind == kind]
        rows.update({(kind, row.pk): row for row in _LOADERS[kind](pks)})
    presented = [
        (hit, _present(hit.kind, rows[hit.kind, hit.pk]))
        for hit in hits
        if (hit.kind, hit.pk) in rows
    ]
    texts = []
    for _hit, (title, extract, _url) in presented:
        texts += [str(title), str(extract or "")]
    marked = highlight(texts, words=words, whole=[True, False] * len(presented))
    return [
        SearchResult(
            kind=hit.kind,
            title=marked[2 * n],
            extract=marked[2 * n + 1],
            url=url,
            day=_day(hit.day),
            lang=title.lang,
        )
        for n, (hit, (title, _extract, url)) in enumerate(presented)
    ]


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value


# An extract: up to two passages around the words found; a title: whole.
EXTRACT_OPTIONS = (
    f'StartSel="{_START}", StopSel="{_STOP}", MaxWords=30, MinWords=12, '
    f'MaxFragments=2, FragmentDelimiter=" … "'
)
TITLE_OPTIONS = f'StartSel="{_START}", StopSel="{_STOP}", HighlightAll=true'


def highlight(texts: list[str], *, words: list[str], whole: list[bool]) -> list[SafeString]:
    """Each text, escaped, with the words of the query marked (<mark>), in one statement; the
    texts marked `whole` (titles) entirely, the others as an extract. A text in Arabic is read
    with the Arabic configuration, any other with the French one."""
    if not texts:
        return []
    cleaned = [text.replace(_START, "").replace(_STOP, "") for text in texts]
    arabic = [bool(_ARABIC_LETTER.search(text)) for text in cleaned]
    options = [TITLE_OPTIONS if entire else EXTRACT_OPTIONS for entire in whole]
    words_ar, words_fr = tsquery_params(words)
    sql = (
        f"SELECT CASE WHEN arabic "
        f"THEN ts_headline('{ARABIC_CONFIG}'::regconfig, body, "
        f"plainto_tsquery('{ARABIC_CONFIG}'::regconfig, %s), options) "
        f"ELSE ts_headline('{FRENCH_CONFIG}'::regconfig, body, "
        f"plainto_tsquery('{FRENCH_CONFIG}'::regconfig, %s), options) END "
        f"FROM unnest(%s::text[], %s::boolean[], %s::text[]) WITH ORDINALITY "
        f"AS t(body, arabic, options, n) ORDER BY n"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [words_ar, words_fr, cleaned, arabic, options])
        headlines = [row[0] or "" for row in cursor.fetchall()]
    return [
        mark_safe(escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>"))
        for headline in headlines
    ]
