"""The database backend: SQLite FTS5 on the embedded default, PostgreSQL full text in production.

Both engines search the normalised words of `SearchEntry` (see `search/text.py`), so accents,
case, elision and plurals behave the same on both; ranking is the engine's (FTS5 `bm25` with the
title weighing ten times the text, PostgreSQL `ts_rank` over a title-weighted vector). Facet
counts are GROUP BY queries over the same filtered entries: a page of results costs three
queries (four with a theme or territory selected) whatever the size of the index.
"""

import json
from collections import Counter
from collections.abc import Iterable, Mapping

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
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
from search.models import SearchEntry, SearchFacetValue
from search.text import highlight, normalise, query_terms, terms

from . import sqlite_fts
from .base import MAX_FACET_VALUES, SUGGESTIONS, SearchBackend, paris_today, query_now

BATCH = 500
# Ranking: the title weighs this many times the text.
TITLE_WEIGHT = 10.0
# Words of an experiment compared with the calls' text, at most.
MORE_LIKE_THIS_TERMS = 40


class _Tsquery(Func):
    """A PostgreSQL text query over the normalised words, accents removed once more.

    In a scalar subquery, so that it is computed once per query: `unaccent` is only STABLE, so
    the planner would otherwise not fold it, and compute it again for every row matched and
    ranked (most of the time of a query matching thousands of rows)."""

    output_field = FloatField()  # never selected on its own

    def __init__(self, text: str, *, function: str) -> None:
        super().__init__(Value(text), function=function)
        self.template = f"(SELECT {function}('simple'::regconfig, unaccent(%(expressions)s)))"


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
    return SearchVector(
        Func(Value(title_norm), function="unaccent"), config="simple", weight="A"
    ) + SearchVector(Func(Value(body_norm), function="unaccent"), config="simple", weight="B")


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
        per condition and picks nested loops over thousands of entries), and on PostgreSQL the
        text index's pending entries merged."""
        tables = [SearchEntry._meta.db_table, SearchFacetValue._meta.db_table]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
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
        entries = []
        for document in documents:
            title_norm = normalise(document.title, document.language)
            body_norm = normalise(document.body, document.language)
            entries.append(
                SearchEntry(
                    kind=document.kind,
                    object_id=document.object_id,
                    language=document.language,
                    title=document.title[:300],
                    body=document.body,
                    url=document.url,
                    title_norm=title_norm,
                    body_norm=body_norm,
                    state=document.state,
                    restricted=document.restricted,
                    opens_on=document.opens_on,
                    closes_at=document.closes_at,
                    expires_on=document.expires_on,
                    vector=_vector(title_norm, body_norm) if postgresql else None,
                    facets=[f"{facet}:{value}" for facet, value in _facet_pairs(document)],
                )
            )
        entries = SearchEntry.objects.bulk_create(entries)
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
            ~Q(kind=Kind.EXPERIMENT) | _among(query.experiment_ids),
            language=query.language,
        )

    def _match(self, queryset: QuerySet, match: str, *, prefix: bool = False) -> QuerySet:
        """Entries whose text holds the words of ``match`` (normalised, space separated).

        Usable as a subquery (facet counts); `_ranked` adds the order."""
        words = match.split()
        if connection.vendor == "postgresql":
            return queryset.filter(_Matches(F("vector"), self._tsquery(words, prefix=prefix)))
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"No full-text search on {connection.vendor}")
        return queryset.filter(
            pk__in=RawSQL(  # noqa: S611 (constant SQL, the expression is a bound parameter)
                sqlite_fts.MATCHING_IDS,
                [self._fts_expression(words, prefix=prefix)],
            )
        )

    def _ranked(self, queryset: QuerySet, match: str, *, prefix: bool = False) -> QuerySet:
        """``queryset`` (already matched) with a ``rank``: lower is better."""
        words = match.split()
        if connection.vendor == "postgresql":
            return queryset.annotate(rank=-_Rank(F("vector"), self._tsquery(words, prefix=prefix)))
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
        return _Tsquery(" ".join(words), function="websearch_to_tsquery")

    @staticmethod
    def _fts_expression(words: list[str], *, prefix: bool) -> str:
        # Normalised words are letters and digits only: quoting them is enough.
        expression = " ".join(f'"{word}"' for word in words)
        if prefix:  # suggestions: words of the title, the last one as a prefix
            return f"title_norm : ({expression}*)"
        return expression

    def _filter(self, queryset: QuerySet, query: SearchQuery) -> QuerySet:
        if query.types:
            queryset = queryset.filter(kind__in=sorted(query.types))
        for facet, values in (
            (SearchFacetValue.Facet.THEME, query.themes),
            (SearchFacetValue.Facet.TERRITORY, query.territories),
        ):
            if values:
                queryset = queryset.filter(
                    pk__in=SearchFacetValue.objects.filter(
                        facet=facet, value__in=sorted(values)
                    ).values("entry_id")
                )
        if query.states:
            queryset = queryset.filter(kind=Kind.EXPERIMENT, state__in=sorted(query.states))
        if query.open_only:
            queryset = queryset.filter(self._open_calls(query))
        return queryset

    def _open_calls(self, query: SearchQuery) -> Q:
        now = query_now(query)
        return Q(
            Q(opens_on__isnull=True) | Q(opens_on__lte=paris_today(now)),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
            kind=Kind.CALL,
        )

    def _matching(self, query: SearchQuery, words: list[str]) -> QuerySet:
        queryset = self._visible(query)
        if words:
            queryset = self._match(queryset, " ".join(words))
        return queryset

    def search(self, query: SearchQuery) -> SearchResults:
        """Three queries whatever the number of results: the counts by type, state and open
        call (the total and three facets come from them), the theme and territory counts, the
        page."""
        words = query_terms(query.text, query.language)
        matching = self._matching(query, words)
        groups = self._groups(matching, query)
        total = sum(n for *group, n in groups if _keeps(query, *group))
        results = self._filter(matching, query)
        if words:
            results, order = self._ranked(results, " ".join(words)), ["rank", "title", "pk"]
        else:
            order = ["title", "pk"]
        start = (query.page - 1) * query.per_page
        rows = list(
            results.order_by(*order).values("kind", "object_id", "title", "url", "body", "state")[
                start : start + query.per_page
            ]
        )
        hits = [
            Hit(
                kind=row["kind"],
                object_id=row["object_id"],
                title=row["title"],
                url=row["url"],
                extract=highlight(row["body"], words, query.language),
                state=row["state"],
            )
            for row in rows
        ]
        facets = {**_group_facets(groups, query), **self._value_facets(matching, query)}
        return SearchResults(total=total, hits=hits, facets=facets, terms=words)

    def _groups(self, matching: QuerySet, query: SearchQuery) -> list[tuple[str, str, bool, int]]:
        """(kind, state, open call, count) of the entries that the theme and territory
        selections keep: the type, state and open selections are applied in Python
        (`_keeps`), so that each of those facets can ignore its own selection."""
        unselected = query.without("type").without("state").without("open")
        return list(
            self._filter(matching, unselected)
            .annotate(
                is_open=Case(
                    When(self._open_calls(query), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
            .order_by()
            .values_list("kind", "state", "is_open")
            .annotate(n=Count("pk"))
        )

    def _value_facets(self, matching: QuerySet, query: SearchQuery) -> dict[str, dict[str, int]]:
        """Counts of the themes and territories, each ignoring its own selection: one query
        when neither is selected, two otherwise. The values are read from the matched rows
        themselves (`SearchEntry.facets`), not joined."""
        theme, territory = SearchFacetValue.Facet.THEME, SearchFacetValue.Facet.TERRITORY
        if query.themes or query.territories:
            passes = [(query.without(facet), [facet]) for facet in (theme, territory)]
        else:
            passes = [(query, [theme, territory])]
        counts: dict[str, dict[str, int]] = {str(theme): {}, str(territory): {}}
        for narrowed, facets in passes:
            for pair, n in _count_values(self._filter(matching, narrowed)):
                facet, _, value = pair.partition(":")
                if facet in facets:
                    counts[facet][value] = n
        for facet, found in counts.items():
            ordered = sorted(found.items(), key=lambda item: (-item[1], item[0]))
            if facet == territory:
                ordered = ordered[:MAX_FACET_VALUES]
            counts[facet] = dict(ordered)
        return counts

    def suggest(self, query: SearchQuery, limit: int = SUGGESTIONS) -> list[Suggestion]:
        words = query_terms(query.text, query.language)
        if not words:
            return []
        match = " ".join(words)
        queryset = self._match(self._visible(query), match, prefix=True)
        queryset = self._ranked(self._filter(queryset, query), match, prefix=True)
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


def _keeps(query: SearchQuery, kind: str, state: str, is_open: bool, *, skip: str = "") -> bool:
    """Whether a (kind, state, open call) group passes the type, state and open selections of
    ``query``, but for the facet ``skip`` (the Python side of `DatabaseBackend._filter`)."""
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
        (str(facet), value)
        for facet, values in (
            (SearchFacetValue.Facet.THEME, document.themes),
            (SearchFacetValue.Facet.TERRITORY, document.territories),
        )
        for value in dict.fromkeys(values)
    ]


def _count_values(entries: QuerySet) -> list[tuple[str, int]]:
    """("facet:value", count) over ``entries``, unnesting each row's `facets`."""
    sql, params = entries.order_by().values("facets").query.sql_with_params()
    if connection.vendor == "postgresql":
        elements = "jsonb_array_elements_text(e.facets) AS j(value)"
    else:
        elements = "json_each(e.facets) AS j"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT j.value, COUNT(*) FROM ({sql}) AS e, {elements} GROUP BY j.value",  # noqa: S608 (constant SQL; the subquery's values are bound parameters)
            params,
        )
        return cursor.fetchall()
