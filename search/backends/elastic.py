"""The Elasticsearch backend, through `elasticsearch.dsl` (the official client's DSL).

One index behind an alias (``<prefix>-search``): a rebuild creates a new index, bulk-loads it,
then swaps the alias in one atomic action, so searches never see a half-built index. Each
document carries its text in the field of its language (``title_fr``, ``body_it``…), analysed
by that language's analyser: ASCII folding, elision, a light stemmer. Facet counts are
aggregations, each filtered by the other facets' selections (the selections themselves are a
``post_filter``), as on the database backend.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import (
    A,
    Boolean,
    Date,
    Document,
    Index,
    Keyword,
    Long,
    Q,
    Search,
    SearchAsYouType,
    Text,
    analyzer,
    token_filter,
)

from search.documents import Document as SearchDoc
from search.documents import Hit, Kind, SearchQuery, SearchResults, Suggestion
from search.text import FRENCH_ELISIONS, ITALIAN_ELISIONS, LANGUAGES, highlight, query_terms

from .base import MAX_FACET_VALUES, SUGGESTIONS, SearchBackend, paris_today, query_now

TITLE_BOOST = 10

french_elision = token_filter(
    "french_elision", type="elision", articles_case=True, articles=FRENCH_ELISIONS
)
italian_elision = token_filter(
    "italian_elision", type="elision", articles_case=True, articles=ITALIAN_ELISIONS
)
ANALYZERS = {
    "fr": analyzer(
        "c05_french",
        tokenizer="standard",
        filter=[
            french_elision,
            "lowercase",
            "asciifolding",
            token_filter("c05_french_stemmer", type="stemmer", language="light_french"),
        ],
    ),
    "en": analyzer(
        "c05_english",
        tokenizer="standard",
        filter=[
            token_filter("c05_english_possessive", type="stemmer", language="possessive_english"),
            "lowercase",
            "asciifolding",
            token_filter("c05_english_stemmer", type="stemmer", language="light_english"),
        ],
    ),
    "it": analyzer(
        "c05_italian",
        tokenizer="standard",
        filter=[
            italian_elision,
            "lowercase",
            "asciifolding",
            token_filter("c05_italian_stemmer", type="stemmer", language="light_italian"),
        ],
    ),
}
FOLDING = analyzer("c05_folding", tokenizer="standard", filter=["lowercase", "asciifolding"])


class SearchDocument(Document):
    """One `search.documents.Document` as Elasticsearch stores it."""

    kind = Keyword()
    object_id = Long()
    language = Keyword()
    title = Keyword()  # sorting and display
    url = Keyword(index=False)
    body = Text(index=False)  # display: extracts are cut and highlighted by search.text
    title_suggest = SearchAsYouType(analyzer=FOLDING)
    themes = Keyword(multi=True)
    territories = Keyword(multi=True)
    state = Keyword()
    restricted = Boolean()
    opens_on = Date()
    closes_at = Date()
    expires_on = Date()
    title_fr = Text(analyzer=ANALYZERS["fr"])
    body_fr = Text(analyzer=ANALYZERS["fr"])
    title_en = Text(analyzer=ANALYZERS["en"])
    body_en = Text(analyzer=ANALYZERS["en"])
    title_it = Text(analyzer=ANALYZERS["it"])
    body_it = Text(analyzer=ANALYZERS["it"])

    @classmethod
    def from_document(cls, document: SearchDoc) -> "SearchDocument":
        language = document.language if document.language in LANGUAGES else "fr"
        return cls(
            meta={"id": document.key},
            kind=document.kind,
            object_id=document.object_id,
            language=document.language,
            title=document.title,
            url=document.url,
            body=document.body,
            title_suggest=document.title,
            themes=list(document.themes),
            territories=list(document.territories),
            state=document.state,
            restricted=document.restricted,
            opens_on=document.opens_on,
            closes_at=document.closes_at,
            expires_on=document.expires_on,
            **{f"title_{language}": document.title, f"body_{language}": document.body},
        )


def index_settings() -> dict:
    return {"number_of_shards": 1, "number_of_replicas": 0}


def new_index(name: str) -> Index:
    """An index holding `SearchDocument`s, with the analysers they use."""
    index = Index(name)
    index.settings(**index_settings())
    index.document(SearchDocument)
    return index


# ---------------------------------------------------------------------------------------------
# Query building (pure: tested through `to_dict()` without a server)
# ---------------------------------------------------------------------------------------------
def visibility_filter(query: SearchQuery) -> Q:
    """The language, posts not expired, and only the experiments the person may see."""
    today = paris_today(query_now(query)).isoformat()
    # Public documents of the experiments the person may see, except those whose private space
    # they may open: they find the members' document instead (see the database backend).
    members = Q("term", restricted=True)
    spaces = Q("terms", object_id=sorted(query.experiment_space_ids))
    not_experiment = Q("bool", must_not=[Q("term", kind=Kind.EXPERIMENT.value), members])
    allowed_experiment = Q(
        "bool",
        filter=[
            Q("term", kind=Kind.EXPERIMENT.value),
            Q("terms", object_id=sorted(query.experiment_ids)),
        ],
        must_not=[members, spaces],
    )
    members_experiment = Q("bool", filter=[Q("term", kind=Kind.EXPERIMENT.value), members, spaces])
    not_expired = Q(
        "bool",
        should=[
            Q("bool", must_not=[Q("exists", field="expires_on")]),
            Q("range", expires_on={"gte": today}),
        ],
        minimum_should_match=1,
    )
    return Q(
        "bool",
        filter=[
            Q("term", language=query.language),
            Q(
                "bool",
                should=[not_experiment, allowed_experiment, members_experiment],
                minimum_should_match=1,
            ),
            not_expired,
        ],
    )


def open_calls_filter(query: SearchQuery) -> Q:
    now = query_now(query)
    return Q(
        "bool",
        filter=[
            Q("term", kind=Kind.CALL.value),
            Q(
                "bool",
                should=[
                    Q("bool", must_not=[Q("exists", field="opens_on")]),
                    Q("range", opens_on={"lte": paris_today(now).isoformat()}),
                ],
                minimum_should_match=1,
            ),
            Q(
                "bool",
                should=[
                    Q("bool", must_not=[Q("exists", field="closes_at")]),
                    Q("range", closes_at={"gt": now.isoformat()}),
                ],
                minimum_should_match=1,
            ),
        ],
    )


def facet_filters(query: SearchQuery) -> dict[str, Q]:
    """The filter of each facet with a selection."""
    filters: dict[str, Q] = {}
    if query.types:
        filters["type"] = Q("terms", kind=sorted(query.types))
    if query.themes:
        filters["theme"] = Q("terms", themes=sorted(query.themes))
    if query.territories:
        filters["territory"] = Q("terms", territories=sorted(query.territories))
    if query.states:
        filters["state"] = Q(
            "bool",
            filter=[Q("term", kind=Kind.EXPERIMENT.value), Q("terms", state=sorted(query.states))],
        )
    if query.open_only:
        filters["open"] = open_calls_filter(query)
    return filters


def text_query(query: SearchQuery, words: list[str]) -> Q:
    language = query.language if query.language in LANGUAGES else "fr"
    return Q(
        "multi_match",
        query=query.text,
        type="cross_fields",
        operator="and",
        fields=[f"title_{language}^{TITLE_BOOST}", f"body_{language}"],
    )


def build_search(query: SearchQuery, index: str = "search") -> Search:
    """The request of a page of results with its facet counts."""
    words = query_terms(query.text, query.language)
    search = Search(index=index).query(visibility_filter(query))
    if words:
        search = search.query(text_query(query, words))
        search = search.sort("_score", "title", "object_id")
    else:
        search = search.sort("title", "object_id")
    filters = facet_filters(query)
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))

    def others(facet: str) -> Q:
        return Q("bool", filter=[f for name, f in filters.items() if name != facet])

    for facet, field, size in (
        ("type", "kind", len(Kind.choices)),
        ("theme", "themes", 50),
        ("territory", "territories", MAX_FACET_VALUES),
    ):
        search.aggs.bucket(facet, A("filter", filter=others(facet))).bucket(
            "values", A("terms", field=field, size=size)
        )
    search.aggs.bucket(
        "open", A("filter", filter=Q("bool", filter=[others("open"), open_calls_filter(query)]))
    )
    search.aggs.bucket(
        "state",
        A(
            "filter",
            filter=Q("bool", filter=[others("state"), Q("term", kind=Kind.EXPERIMENT.value)]),
        ),
    ).bucket("values", A("terms", field="state", size=len(Kind.choices) * 4))
    start = (query.page - 1) * query.per_page
    return search.extra(from_=start, size=query.per_page, track_total_hits=True)


def build_suggest(query: SearchQuery, limit: int = SUGGESTIONS, index: str = "search") -> Search:
    """Titles starting with the words typed (the last one as a prefix)."""
    search = Search(index=index).query(visibility_filter(query))
    filters = facet_filters(query)
    if filters:
        search = search.filter(Q("bool", filter=list(filters.values())))
    search = search.query(
        "multi_match",
        query=query.text,
        type="bool_prefix",
        operator="and",
        fields=["title_suggest", "title_suggest._2gram", "title_suggest._3gram"],
    )
    return search.source(["kind", "title", "url"]).extra(size=limit * 2)


def build_more_like_this(
    text: str, call_ids: Iterable[int], language: str, index: str = "search"
) -> Search:
    """Calls whose text is like an experiment's (`more_like_this`), among ``call_ids``."""
    language = language if language in LANGUAGES else "fr"
    ids = sorted(set(call_ids))
    return (
        Search(index=index)
        .filter("term", kind=Kind.CALL.value)
        .filter("term", language=language)
        .filter("terms", object_id=ids)
        .query(
            "more_like_this",
            fields=[f"title_{language}", f"body_{language}"],
            like=text,
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=40,
            minimum_should_match="1",
        )
        .source(["object_id"])
        .extra(size=len(ids))
    )


# ---------------------------------------------------------------------------------------------
# The backend
# ---------------------------------------------------------------------------------------------
class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch, alias: str) -> None:
        self.client = client
        self.alias = alias

    @classmethod
    def from_settings(cls) -> "ElasticsearchBackend":
        client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
        return cls(client, f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search")

    # Writing ----------------------------------------------------------------------------------
    def ensure_index(self) -> None:
        """Create a first index behind the alias when there is none."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = self._new_name()
            new_index(name).create(using=self.client)
            self.client.indices.put_alias(index=name, name=self.alias)

    def replace(self, kind: str, object_id: int, documents: list[SearchDoc]) -> None:
        self.ensure_index()
        self.client.delete_by_query(
            index=self.alias,
            query=Q(
                "bool", filter=[Q("term", kind=kind), Q("term", object_id=object_id)]
            ).to_dict(),
            refresh=True,
            conflicts="proceed",
        )
        if documents:
            helpers.bulk(self.client, self._actions(documents, self.alias), refresh=True)

    def rebuild(self, documents: Iterable[SearchDoc]) -> int:
        """A new index, bulk-loaded, then the alias moved to it in one action."""
        name = self._new_name()
        new_index(name).create(using=self.client)
        count, _errors = helpers.bulk(self.client, self._actions(documents, name))
        self.client.indices.refresh(index=name)
        old = (
            list(self.client.indices.get_alias(name=self.alias))
            if self.client.indices.exists_alias(name=self.alias)
            else []
        )
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.indices.delete(index=index)
        return count

    def _new_name(self) -> str:
        return f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"

    @staticmethod
    def _actions(documents: Iterable[SearchDoc], index: str):
        for document in documents:
            yield SearchDocument.from_document(document).to_dict(include_meta=True) | {
                "_index": index
            }

    def count(self) -> int:
        return self.client.count(index=self.alias)["count"]

    # Reading ----------------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResults:
        words = query_terms(query.text, query.language)
        response = build_search(query, self.alias).using(self.client).execute()
        hits = [
            Hit(
                kind=hit.kind,
                object_id=hit.object_id,
                title=hit.title,
                url=hit.url,
                extract=highlight(getattr(hit, "body", ""), words, query.language),
                state=getattr(hit, "state", "") or "",
            )
            for hit in response
        ]
        aggs = response.aggregations
        facets = {
            facet: {bucket.key: bucket.doc_count for bucket in aggs[facet]["values"].buckets}
            for facet in ("type", "theme", "territory", "state")
        }
        facets["open"] = {"1": aggs["open"].doc_count}
        return SearchResults(total=response.hits.total.value, hits=hits, facets=facets, terms=words)

    def suggest(self, query: SearchQuery, limit: int = SUGGESTIONS) -> list[Suggestion]:
        if not query_terms(query.text, query.language):
            return []
        response = build_suggest(query, limit, self.alias).using(self.client).execute()
        seen: set[str] = set()
        found = []
        for hit in response:
            if hit.title not in seen:
                seen.add(hit.title)
                found.append(Suggestion(kind=hit.kind, title=hit.title, url=hit.url))
        return found[:limit]

    def rank_calls(self, text: str, call_ids: Iterable[int], language: str) -> Mapping[int, float]:
        ids = sorted(set(call_ids))
        if not ids or not text.strip():
            return {}
        response = build_more_like_this(text, ids, language, self.alias).using(self.client)
        scores = {hit.object_id: hit.meta.score for hit in response.execute()}
        best = max(scores.values(), default=0)
        return {key: score / best for key, score in scores.items()} if best > 0 else {}
