"""The Elasticsearch backend: the mapping and the query bodies it builds (`to_dict()`, no server),
then an integration suite against a real server, marked `elasticsearch`, which runs only when
ELASTICSEARCH_URL is set (docs/search.md says how to start one)."""

import datetime
import os
import uuid

import pytest

from search.backends.elastic import (
    ElasticsearchBackend,
    SearchDocument,
    build_more_like_this,
    build_search,
    build_suggest,
    new_index,
)
from search.documents import Kind, SearchQuery
from tests.search.conftest import doc

NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


def _query(text="trésorerie", **fields) -> SearchQuery:
    fields.setdefault("language", "fr")
    fields.setdefault("experiment_ids", frozenset({3, 1}))
    return SearchQuery(text=text, now=NOW, **fields)


def test_mapping_has_an_analyser_per_language():
    body = new_index("test").to_dict()
    analysers = body["settings"]["analysis"]["analyzer"]
    assert analysers["c05_french"]["filter"] == [
        "french_elision",
        "lowercase",
        "asciifolding",
        "c05_french_stemmer",
    ]
    assert analysers["c05_italian"]["filter"][0] == "italian_elision"
    assert "asciifolding" in analysers["c05_english"]["filter"]
    filters = body["settings"]["analysis"]["filter"]
    assert filters["c05_french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert filters["c05_italian_stemmer"]["language"] == "light_italian"
    assert filters["c05_english_stemmer"]["language"] == "light_english"
    assert "l" in filters["french_elision"]["articles"]
    properties = body["mappings"]["properties"]
    assert properties["title_fr"] == {"type": "text", "analyzer": "c05_french"}
    assert properties["body_it"] == {"type": "text", "analyzer": "c05_italian"}
    assert properties["kind"] == {"type": "keyword"}
    assert properties["title_suggest"]["type"] == "search_as_you_type"
    assert properties["url"] == {"type": "keyword", "index": False}


def test_document_carries_its_text_in_its_language_field():
    document = doc(7, "Trésorerie", "Texte", language="it", themes=("a",), state="")
    body = SearchDocument.from_document(document).to_dict(include_meta=True)
    assert body["_id"] == "page-7-it"
    source = body["_source"]
    assert source["title_it"] == "Trésorerie"
    assert source["body_it"] == "Texte"
    assert "title_fr" not in source
    assert source["themes"] == ["a"]


def test_search_body_filters_visibility_and_matches_every_word():
    body = build_search(_query(experiment_space_ids=frozenset({3}))).to_dict()
    filters = body["query"]["bool"]["filter"]
    assert filters[0] == {"term": {"language": "fr"}}
    experiments = filters[1]["bool"]["should"]
    members = {"term": {"restricted": True}}
    assert experiments[0] == {"bool": {"must_not": [{"term": {"kind": "experiment"}}, members]}}
    # Public documents of the experiments one may see, unless one may open their space...
    assert experiments[1]["bool"]["filter"] == [
        {"term": {"kind": "experiment"}},
        {"terms": {"object_id": [1, 3]}},
    ]
    assert experiments[1]["bool"]["must_not"] == [members, {"terms": {"object_id": [3]}}]
    # ... for which the members' document comes out instead.
    assert experiments[2]["bool"]["filter"] == [
        {"term": {"kind": "experiment"}},
        members,
        {"terms": {"object_id": [3]}},
    ]
    assert filters[2]["bool"]["should"][1] == {"range": {"expires_on": {"gte": "2026-06-01"}}}
    match = body["query"]["bool"]["must"][0]["multi_match"]
    assert match == {
        "query": "trésorerie",
        "type": "cross_fields",
        "operator": "and",
        "fields": ["title_fr^10", "body_fr"],
    }
    assert body["sort"] == ["_score", "title", "object_id"]
    assert body["from"] == 0 and body["size"] == 20
    assert body["track_total_hits"] is True
    assert "post_filter" not in body


def test_search_body_facets_are_disjunctive():
    body = build_search(
        _query(types=frozenset({"call"}), themes=frozenset({"b"}), open_only=True, page=3)
    ).to_dict()
    post = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"kind": ["call"]}} in post
    assert {"terms": {"themes": ["b"]}} in post
    aggs = body["aggs"]
    # The type facet counts within the other selections, not its own.
    type_filter = aggs["type"]["filter"]["bool"]["filter"]
    assert {"terms": {"kind": ["call"]}} not in type_filter
    assert {"terms": {"themes": ["b"]}} in type_filter
    assert aggs["type"]["aggs"]["values"]["terms"]["field"] == "kind"
    assert aggs["territory"]["aggs"]["values"]["terms"] == {"field": "territories", "size": 12}
    open_filter = aggs["open"]["filter"]["bool"]["filter"][1]["bool"]["filter"]
    assert open_filter[0] == {"term": {"kind": "call"}}
    assert body["from"] == 40


def test_empty_text_lists_by_title():
    body = build_search(_query("", themes=frozenset({"a"}))).to_dict()
    assert "must" not in body["query"]["bool"]
    assert body["sort"] == ["title", "object_id"]


def test_suggest_body_is_a_prefix_query_on_titles():
    body = build_suggest(_query("tréso")).to_dict()
    match = body["query"]["bool"]["must"][0]["multi_match"]
    assert match["type"] == "bool_prefix"
    assert match["fields"] == ["title_suggest", "title_suggest._2gram", "title_suggest._3gram"]
    assert body["query"]["bool"]["filter"][0] == {"term": {"language": "fr"}}


def test_more_like_this_body():
    body = build_more_like_this("Des locaux partagés", [5, 2, 5], "it").to_dict()
    mlt = body["query"]["bool"]["must"][0]["more_like_this"]
    assert mlt["like"] == "Des locaux partagés"
    assert mlt["fields"] == ["title_it", "body_it"]
    assert {"terms": {"object_id": [2, 5]}} in body["query"]["bool"]["filter"]
    assert {"term": {"kind": "call"}} in body["query"]["bool"]["filter"]


# ---------------------------------------------------------------------------------------------
# Against a real server (the one conditional suite: see docs/search.md)
# ---------------------------------------------------------------------------------------------
ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture
def es_backend():
    from elasticsearch import Elasticsearch

    client = Elasticsearch(ES_URL, request_timeout=30)
    backend = ElasticsearchBackend(client, f"c05-test-{uuid.uuid4().hex[:8]}-search")
    yield backend
    client.indices.delete(index=f"{backend.alias}-*", ignore_unavailable=True)


@pytest.mark.elasticsearch
@pytest.mark.skipif(not ES_URL, reason="ELASTICSEARCH_URL is not set")
def test_real_server_accents_plurals_facets_visibility(es_backend):
    count = es_backend.rebuild(
        [
            doc(1, "La trésorerie mutualisée", "Prêts entre associations.", themes=("a",)),
            doc(2, "Locaux partagés", "Des salles.", kind=Kind.CALL, themes=("b",)),
            doc(3, "Trésorerie secrète", kind=Kind.EXPERIMENT, state="idea"),
        ]
    )
    assert count == 3
    results = es_backend.search(_query("TRESORERIES", experiment_ids=frozenset()))
    assert [hit.object_id for hit in results.hits] == [1]
    assert results.facets["type"] == {"page": 1}
    assert es_backend.search(_query("local", experiment_ids=frozenset())).total == 1
    member = es_backend.search(_query("tresorerie", experiment_ids=frozenset({3})))
    assert member.total == 2
    assert [s.title for s in es_backend.suggest(_query("treso", experiment_ids=frozenset()))] == [
        "La trésorerie mutualisée"
    ]
    # A second rebuild swaps the alias to a new index and drops the old one.
    old = set(es_backend.client.indices.get_alias(name=es_backend.alias))
    es_backend.rebuild([doc(4, "Autre")])
    assert set(es_backend.client.indices.get_alias(name=es_backend.alias)).isdisjoint(old)
    assert es_backend.count() == 1
    es_backend.replace(Kind.PAGE, 4, [])
    assert es_backend.count() == 0
