"""The database backend: SQLite FTS5 on the embedded default, PostgreSQL full text in production.

Both engines search the normalised words of `SearchEntry` (see `search/text.py`), so accents,
case, elision and plurals behave the same on both; ranking is the engine's (FTS5 `bm25` with the
title weighing ten times the text, PostgreSQL `ts_rank` over a title-weighted vector). All the
counts of a search come from one GROUP BY statement over the matched entries: a page of results
costs three queries (the counts, the page, the text of its entries) whatever the size of the
index.
"""

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.fields import BooleanField

from search.documents import Document, Hit, Kind, SearchQuery, SearchResults, Suggestion
from search.models import SearchEntry, SearchFacetValue, SearchText
from search.text import highlight, normalise, query_terms, terms

from . import sqlite_fts
from .base import MAX_FACET_VALUES, SUGGESTIONS, SearchBackend, paris_today, query_now

BATCH = 500
# Ranking: the title weighs this many times the text.
TITLE_WEIGHT = 10.0
# Words of an experiment compared with the calls' text, at most.
MORE_LIKE_THIS_TERMS = 40
THEME, TERRITORY = str(SearchFacetValue.Facet.THEME), str(SearchFacetValue.Facet.TERRITORY)

# Every count of a search in one statement (see `DatabaseBackend._counts`). ``m``, the matched
# entries, is referenced twice, so both engines compute it once (a materialised CTE): the text
# is matched once. The first part counts the entries by (type, state, open call); the second
# each "facet:value" of the entries' `facets` lists, after counting the entries by list (``g``:
# entries share their lists, so far fewer lists than entries are unnested); ``{elements}``
# unnests a list.
_COUNTS = """
WITH m AS ({matching}),
g AS (
    SELECT facets, SUM(kept * territory_ok) AS on_themes, SUM(kept * theme_ok) AS on_territories
    FROM m GROUP BY facets
)
SELECT kind, state, is_open, NULL, SUM(theme_ok * territory_ok), 0
FROM m GROUP BY kind, state, is_open
UNION ALL
SELECT NULL, NULL, NULL, j.value, SUM(on_themes), SUM(on_territories)
FROM g, {elements} GROUP BY j.value
"""


class _Tsquery(Func):
    """A PostgreSQL text query over the normalised words.

    The normalised words are plain ASCII letters and digits (`search.text.normalise`), so the
    query needs no `unaccent`: with a constant text, the function (IMMUTABLE) is computed once
    when the statement is planned, and the planner estimates how many entries match from the
    index's statistics (a query matching most of the index is planned as such)."""

    output_field = FloatField()  # never selected on its own

    def __init__(self, text: str, *, function: str) -> None:
        super().__init__(Value(text), function=function)
        self.template = f"{function}('simple'::regconfig, %(expressions)s)"


class _Matches(Func):
    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class _Rank(Func):
    function = "ts_rank"
    output_field = FloatField()


def _vector(title_norm: str, body_norm: str):
    """The weighted vector of an entry, computed by the INSERT itself from its normalised text
    (no second write of the row)."""
    return SearchVector(Value(title_norm), config="simple", weight="A") + SearchVector(
        Value(body_norm), config="simple", weight="B"
    )


class DatabaseBackend(SearchBackend):
    name = "database"

    # -----------------------------------------------------------------------------------------
    # Writing
    # -----------------------------------------------------------------------------------------
    def replace(self, kind: str, object_id: int, documents: list[Document]) -> None:
        with transaction.atomic():
            SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
            self._insert(documents)

    def rebuild(self, documents: Iterable[Document]) -> int:
        """One transaction: readers see the old index until the new one is complete."""
        count = 0
        with transaction.atomic():
            if connection.vendor == "sqlite":
                sqlite_fts.install(connection)  # triggers lost by a table rebuild come back
            SearchFacetValue.objects.all().delete()
            SearchText.objects.all().delete()
            SearchEntry.objects.all().delete()
            batch: list[Document] = []
            for document in documents:
                batch.append(document)
                if len(batch) >= BATCH:
                    count += self._insert(batch)
                    batch = []
            count += self._insert(batch)
        self._analyse()
        return count

    @staticmethod
    def _analyse() -> None:
        """Fresh planner statistics after a rebuild (without them PostgreSQL estimates one row
        per condition and picks nested loops over thousands of entries). On PostgreSQL, the
        rows of the old index removed at once too when no transaction is open (VACUUM cannot
        run in one): until then every search reads them along with the new ones; otherwise the
        text index's pending entries are merged."""
        tables = [model._meta.db_table for model in (SearchEntry, SearchText, SearchFacetValue)]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
            elif connection.vendor == "postgresql":
                # Merge the GIN index's pending list now rather than on the next vacuum.
                cursor.execute(
                    "SELECT gin_clean_pending_list(%s::regclass)", ["search_entry_vector"]
                )
                cursor.execute(f"ANALYZE {', '.join(tables)}")
            else:
                for table in tables:
                    cursor.execute(f"ANALYZE {table}")

    def _insert(self, documents: list[Document]) -> int:
        if not documents:
            return 0
        postgresql = connection.vendor == "postgresql"
        entries, texts = [], []
        for document in documents:
            text = SearchText(
                body=document.body,
                title_norm=normalise(document.title, document.language),
                body_norm=normalise(document.body, document.language),
            )
            texts.append(text)
            entries.append(
                SearchEntry(
                    kind=document.kind,
                    object_id=document.object_id,
                    language=document.language,
                    title=document.title[:300],
                    url=document.url,
                    state=document.state,
                    restricted=document.restricted,
                    opens_on=document.opens_on,
                    closes_at=document.closes_at,
                    expires_on=document.expires_on,
                    vector=_vector(text.title_norm, text.body_norm) if postgresql else None,
                    facets=[f"{facet}:{value}" for facet, value in _facet_pairs(document)],
                )
            )
        entries = SearchEntry.objects.bulk_create(entries)
        for entry, text in zip(entries, texts, strict=True):
            text.entry = entry
        SearchText.objects.bulk_create(texts)
        SearchFacetValue.objects.bulk_create(
            [
                SearchFacetValue(entry=entry, facet=facet, value=value)
                for entry, document in zip(entries, documents, strict=True)
                for facet, value in _facet_pairs(document)
            ]
        )
        return len(entries)

    def count(self) -> int:
        return SearchEntry.objects.count()

    # -----------------------------------------------------------------------------------------
    # Reading
    # -----------------------------------------------------------------------------------------
    def _visible(self, query: SearchQuery) -> QuerySet:
        """Entries of the language that this person may find, today."""
        today = paris_today(query_now(query))
        return SearchEntry.objects.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today),
            _experiments_visible(query),
            language=query.language,
        )

    def _match(self, queryset: QuerySet, match: str) -> QuerySet:
        """Entries whose text holds the words of ``match`` (normalised, space separated)."""
        words = match.split()
        if connection.vendor == "postgresql":
            return queryset.filter(_Matches(F("vector"), self._tsquery(words, prefix=False)))
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"No full-text search on {connection.vendor}")
        return queryset.filter(
            pk__in=RawSQL(  # noqa: S611 (constant SQL, the expression is a bound parameter)
                sqlite_fts.MATCHING_IDS, [self._fts_expression(words, prefix=False)]
            )
        )

    def _ranked(self, queryset: QuerySet, match: str, *, prefix: bool = False) -> QuerySet:
        """The entries of ``queryset`` matching ``match``, with a ``rank``: lower is better."""
        words = match.split()
        if connection.vendor == "postgresql":
            tsquery = self._tsquery(words, prefix=prefix)
            return queryset.filter(_Matches(F("vector"), tsquery)).annotate(
                rank=-_Rank(F("vector"), tsquery)
            )
        # FTS5 needs its table joined to order by bm25: `extra` is the ORM's way to add one.
        # The expression is a bound parameter; the table and column names are constants.
        return queryset.extra(  # noqa: S610
            tables=[sqlite_fts.TABLE],
            where=[
                f"{sqlite_fts.TABLE}.rowid = {SearchEntry._meta.db_table}.id",
                f"{sqlite_fts.TABLE} MATCH %s",
            ],
            params=[self._fts_expression(words, prefix=prefix)],
            select={"rank": f"bm25({sqlite_fts.TABLE}, {TITLE_WEIGHT}, 1.0)"},
        )

    @staticmethod
    def _tsquery(words: list[str], *, prefix: bool) -> _Tsquery:
        if prefix:  # suggestions: words of the title (weight A), the last one as a prefix
            labels = [f"{word}:A" for word in words[:-1]] + [f"{words[-1]}:*A"]
            return _Tsquery(" & ".join(labels), function="to_tsquery")
        # Every word must match; the words are letters and digits only, so joining them with
        # "&" is the whole syntax (websearch_to_tsquery would read « or » as an operator).
        return _Tsquery(" & ".join(words), function="to_tsquery")

    @staticmethod
    def _fts_expression(words: list[str], *, prefix: bool) -> str:
        # Normalised words are letters and digits only: quoting them is enough.
        expression = " ".join(f'"{word}"' for word in words)
        if prefix:  # suggestions: words of the title, the last one as a prefix
            return f"title_norm : ({expression}*)"
        return expression

    def _filter(self, queryset: QuerySet, query: SearchQuery) -> QuerySet:
        """``queryset`` narrowed by every selection of ``query``."""
        return queryset.filter(
            self._kept(query),
            self._among_values(THEME, query.themes),
            self._among_values(TERRITORY, query.territories),
        )

    def _kept(self, query: SearchQuery) -> Q:
        """The type, state and open call selections (`_keeps` is their Python side)."""
        condition = Q()
        if query.types:
            condition &= Q(kind__in=sorted(query.types))
        if query.states:
            condition &= Q(kind=Kind.EXPERIMENT, state__in=sorted(query.states))
        if query.open_only:
            condition &= self._open_calls(query)
        return condition

    @staticmethod
    def _among_values(facet: str, values: frozenset[str]) -> Q:
        """Entries with one of ``values`` of a multi-valued facet (any entry without any)."""
        if not values:
            return Q()
        return Q(
            pk__in=SearchFacetValue.objects.filter(facet=facet, value__in=sorted(values)).values(
                "entry_id"
            )
        )

    def _open_calls(self, query: SearchQuery) -> Q:
        now = query_now(query)
        return Q(
            Q(opens_on__isnull=True) | Q(opens_on__lte=paris_today(now)),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
            kind=Kind.CALL,
        )

    def search(self, query: SearchQuery) -> SearchResults:
        """Three queries whatever the number of results: every count (`_counts`), the page,
        the text of the page's entries."""
        words = query_terms(query.text, query.language)
        visible = self._visible(query)
        counts = self._counts(self._match(visible, " ".join(words)) if words else visible, query)
        results = self._filter(visible, query)
        if words:
            results, order = self._ranked(results, " ".join(words)), ["rank", "title", "pk"]
        else:
            order = ["title", "pk"]
        start = (query.page - 1) * query.per_page
        rows = list(
            results.order_by(*order).values("pk", "kind", "object_id", "title", "url", "state")[
                start : start + query.per_page
            ]
        )
        bodies = self._bodies([row["pk"] for row in rows])
        hits = [
            Hit(
                kind=row["kind"],
                object_id=row["object_id"],
                title=row["title"],
                url=row["url"],
                extract=highlight(bodies.get(row["pk"], ""), words, query.language),
                state=row["state"],
            )
            for row in rows
        ]
        return SearchResults(total=counts.total, hits=hits, facets=counts.facets, terms=words)

    @staticmethod
    def _bodies(entry_ids: list[int]) -> dict[int, str]:
        """The text of the entries of a page (read apart: ranking never carries it)."""
        if not entry_ids:
            return {}
        return dict(SearchText.objects.filter(pk__in=entry_ids).values_list("pk", "body"))

    def _counts(self, matching: QuerySet, query: SearchQuery) -> "_Counts":
        """The total and every facet's counts, each facet ignoring its own selection, in one
        statement over the matched entries (the text is matched once, see `_COUNTS`).

        Each matched row carries three flags: whether the theme selection keeps it, whether the
        territory selection does, whether the type, state and open selections do. The rows are
        counted by (type, state, open call) among those both theme and territory keep (the
        total and the type, state and open facets come from these groups, `_keeps`), and each
        theme (territory) value among the rows that the territory (theme) selection and the
        other three keep."""
        rows = matching.annotate(
            is_open=_flag(self._open_calls(query)),
            theme_ok=_flag(self._among_values(THEME, query.themes)),
            territory_ok=_flag(self._among_values(TERRITORY, query.territories)),
            kept=_flag(self._kept(query)),
        ).values("kind", "state", "facets", "is_open", "theme_ok", "territory_ok", "kept")
        sql, params = rows.query.sql_with_params()
        if connection.vendor == "postgresql":
            elements = "jsonb_array_elements_text(g.facets) AS j(value)"
        else:
            elements = "json_each(g.facets) AS j"
        with connection.cursor() as cursor:
            cursor.execute(_COUNTS.format(matching=sql, elements=elements), params)
            return _Counts.from_rows(cursor.fetchall(), query)

    def suggest(self, query: SearchQuery, limit: int = SUGGESTIONS) -> list[Suggestion]:
        words = query_terms(query.text, query.language)
        if not words:
            return []
        queryset = self._filter(self._visible(query), query)
        queryset = self._ranked(queryset, " ".join(words), prefix=True)
        rows = queryset.order_by("rank", "title").values_list("kind", "title", "url")[: limit * 2]
        seen: set[str] = set()
        found = []
        for kind, title, url in rows:
            if title in seen:
                continue
            seen.add(title)
            found.append(Suggestion(kind=kind, title=title, url=url))
        return found[:limit]

    def rank_calls(self, text: str, call_ids: Iterable[int], language: str) -> Mapping[int, float]:
        ids = sorted(set(call_ids))
        counts = Counter(word for word in terms(text, language) if len(word) > 3)
        words = [word for word, _n in counts.most_common(MORE_LIKE_THIS_TERMS)]
        if not ids or not words:
            return {}
        queryset = SearchEntry.objects.filter(kind=Kind.CALL, language=language, object_id__in=ids)
        if connection.vendor == "postgresql":
            tsquery = _Tsquery(" | ".join(words), function="to_tsquery")
            rows = queryset.filter(_Matches(F("vector"), tsquery)).annotate(
                score=_Rank(F("vector"), tsquery)
            )
        else:
            rows = queryset.extra(  # noqa: S610 (see _match)
                tables=[sqlite_fts.TABLE],
                where=[
                    f"{sqlite_fts.TABLE}.rowid = {SearchEntry._meta.db_table}.id",
                    f"{sqlite_fts.TABLE} MATCH %s",
                ],
                params=[" OR ".join(f'"{word}"' for word in words)],
                select={"score": f"-bm25({sqlite_fts.TABLE}, {TITLE_WEIGHT}, 1.0)"},
            )
        scores = dict(rows.values_list("object_id", "score"))
        best = max(scores.values(), default=0)
        if best <= 0:
            return {}
        return {object_id: max(0.0, score / best) for object_id, score in scores.items()}


def _experiments_visible(query: SearchQuery) -> Q:
    """Public documents of the experiments the person may see, except those whose private space
    they may open, for which they find the members' document instead (one entry per experiment
    and language either way); no members' document of any other kind ever comes out."""
    public = Q(restricted=False)
    return (
        (public & ~Q(kind=Kind.EXPERIMENT))
        | (public & _among(query.experiment_ids) & ~_among(query.experiment_space_ids))
        | (Q(kind=Kind.EXPERIMENT, restricted=True) & _among(query.experiment_space_ids))
    )


def _among(ids: frozenset[int]) -> Q:
    """``object_id`` is one of ``ids``, bound as one parameter (an array on PostgreSQL, a JSON
    list on SQLite): the ORM would bind each of a thousand ids on every query otherwise."""
    if connection.vendor == "postgresql":
        condition = RawSQL("object_id = ANY(%s::bigint[])", [sorted(ids)])
    else:
        condition = RawSQL(
            "object_id IN (SELECT value FROM json_each(%s))", [json.dumps(sorted(ids))]
        )
    return Q(ExpressionWrapper(condition, output_field=BooleanField()))


def _flag(condition: Q) -> Value | Case:
    """1 where ``condition`` holds, 0 elsewhere (1 everywhere for no condition)."""
    if not condition:
        return Value(1)
    return Case(When(condition, then=Value(1)), default=Value(0))


@dataclass(frozen=True)
class _Counts:
    """The total of a search and its facets' counts, from the rows of `_COUNTS`."""

    total: int
    facets: dict[str, dict[str, int]]

    @classmethod
    def from_rows(cls, rows: list[tuple], query: SearchQuery) -> "_Counts":
        # PostgreSQL sums integers as numeric: counts are made int here.
        groups = [
            (kind, state, bool(is_open), int(n))
            for kind, state, is_open, _value, n, _n in rows
            if kind is not None and n
        ]
        values: dict[str, dict[str, int]] = {THEME: {}, TERRITORY: {}}
        for kind, _state, _open, pair, on_themes, on_territories in rows:
            facet, _, value = (pair or "").partition(":")
            n = on_themes if facet == THEME else on_territories
            if kind is None and facet in values and n:
                values[facet][value] = int(n)
        for facet, found in values.items():
            ordered = sorted(found.items(), key=lambda item: (-item[1], item[0]))
            if facet == TERRITORY:
                ordered = ordered[:MAX_FACET_VALUES]
            values[facet] = dict(ordered)
        total = sum(n for *group, n in groups if _keeps(query, *group))
        return cls(total=total, facets={**_group_facets(groups, query), **values})


def _keeps(query: SearchQuery, kind: str, state: str, is_open: bool, *, skip: str = "") -> bool:
    """Whether a (kind, state, open call) group passes the type, state and open selections of
    ``query``, but for the facet ``skip`` (the Python side of `DatabaseBackend._kept`)."""
    if skip != "type" and query.types and kind not in query.types:
        return False
    if skip != "state" and query.states and (kind != Kind.EXPERIMENT or state not in query.states):
        return False
    return skip == "open" or not query.open_only or is_open


def _group_facets(
    groups: list[tuple[str, str, bool, int]], query: SearchQuery
) -> dict[str, dict[str, int]]:
    """The type, state and open call counts, each ignoring its own selection."""
    types: Counter[str] = Counter()
    states: Counter[str] = Counter()
    open_calls = 0
    for kind, state, is_open, n in groups:
        if _keeps(query, kind, state, is_open, skip="type"):
            types[kind] += n
        if kind == Kind.EXPERIMENT and _keeps(query, kind, state, is_open, skip="state"):
            states[state] += n
        if is_open and _keeps(query, kind, state, is_open, skip="open"):
            open_calls += n
    return {"type": dict(types), "state": dict(states), "open": {"1": open_calls}}


def _facet_pairs(document: Document) -> list[tuple[str, str]]:
    """(facet, value) of a document, each once."""
    return [
        (facet, value)
        for facet, values in ((THEME, document.themes), (TERRITORY, document.territories))
        for value in dict.fromkeys(values)
    ]
