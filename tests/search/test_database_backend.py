"""The configured database backend end to end (SQLite FTS5 by default; PostgreSQL full text when
DATABASE_URL names PostgreSQL, as in CI): accents, plurals, facets, pagination, visibility,
suggestions, constant query counts."""

import datetime

import pytest
from django.db import connection

from search.backends import get_backend
from search.documents import Kind
from tests.search.conftest import doc, query

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_backend_is_the_database_one():
    assert get_backend().name == "database"
    assert connection.vendor in ("sqlite", "postgresql")


@pytest.mark.parametrize(
    "typed", ["tresorerie", "Trésorerie", "TRESORERIES", "trésoreries", "Zorblax TRÉSORERIE"]
)
def test_accents_case_and_plurals_do_not_matter(index, typed):
    index(doc(9001, "Zorblax : la trésorerie mutualisée", "Des prêts entre associations."))
    results = get_backend().search(query(typed))
    assert [hit.object_id for hit in results.hits if hit.object_id == 9001] == [9001]


def test_every_word_must_match_and_title_ranks_first(index):
    index(
        doc(9001, "Zorblax quelconque", "Il y est question de locaux partagés."),
        doc(9002, "Locaux zorblax", "Des salles."),
        doc(9003, "Zorblax sans rapport", "Rien à voir."),
    )
    results = get_backend().search(query("zorblax local"))
    assert [hit.object_id for hit in results.hits] == [9002, 9001]
    assert results.total == 2


def test_every_word_is_a_word_even_those_a_query_syntax_would_read_as_operators(index):
    index(
        doc(9001, "Zorblax : la ruée vers l'or des Alpes"),
        doc(9002, "Zorblax seulement"),
        doc(9003, "Les Alpes"),
    )
    results = get_backend().search(query("zorblax or alpes"))
    assert [hit.object_id for hit in results.hits] == [9001]
    assert results.total == 1


def test_elision_and_extract(index):
    index(doc(9001, "Zorblax", "Le soutien de l'économie <b>sociale</b> et solidaire."))
    results = get_backend().search(query("zorblax economie"))
    (hit,) = results.hits
    assert "<mark>économie</mark>" in hit.extract
    assert "&lt;b&gt;" in hit.extract


def test_other_languages_are_not_mixed(index):
    index(
        doc(9001, "Zorblax local", language="fr"),
        doc(9001, "Zorblax premises", language="en", url="/en/test/9001/"),
    )
    assert get_backend().search(query("zorblax", language="fr")).total == 1
    results = get_backend().search(query("zorblax premise", language="en"))
    assert [hit.url for hit in results.hits] == ["/en/test/9001/"]


def _facet_documents():
    june = datetime.datetime(2026, 6, 30, tzinfo=UTC)
    may = datetime.datetime(2026, 5, 1, tzinfo=UTC)
    return [
        doc(9001, "Zorblax guide", themes=("a",), territories=("gap", "hautes-alpes")),
        doc(9002, "Zorblax appel ouvert", kind=Kind.CALL, themes=("a", "b"), closes_at=june),
        doc(9003, "Zorblax appel clos", kind=Kind.CALL, themes=("b",), closes_at=may),
        doc(
            9004,
            "Zorblax appel futur",
            kind=Kind.CALL,
            opens_on=datetime.date(2026, 9, 1),
            territories=("hautes-alpes",),
        ),
        doc(9005, "Zorblax expé", kind=Kind.EXPERIMENT, state="running", themes=("a",)),
        doc(9006, "Zorblax expé 2", kind=Kind.EXPERIMENT, state="funded"),
    ]


def test_facet_counts(index):
    index(*_facet_documents())
    results = get_backend().search(query("zorblax", experiment_ids=frozenset({9005, 9006})))
    assert results.total == 6
    assert results.facets["type"] == {"page": 1, "call": 3, "experiment": 2}
    assert results.facets["theme"] == {"a": 3, "b": 2}
    assert results.facets["territory"] == {"hautes-alpes": 2, "gap": 1}
    assert results.facets["open"] == {"1": 1}
    assert results.facets["state"] == {"running": 1, "funded": 1}


def test_facet_filters_and_disjunctive_counts(index):
    index(*_facet_documents())
    ids = frozenset({9005, 9006})
    by_theme = get_backend().search(query("zorblax", experiment_ids=ids, themes=frozenset({"b"})))
    assert sorted(hit.object_id for hit in by_theme.hits) == [9002, 9003]
    # The theme facet still counts every theme (its own selection is ignored)…
    assert by_theme.facets["theme"] == {"a": 3, "b": 2}
    # …and the other facets count within the selection.
    assert by_theme.facets["type"] == {"call": 2}

    open_calls = get_backend().search(query("zorblax", experiment_ids=ids, open_only=True))
    assert [hit.object_id for hit in open_calls.hits] == [9002]

    calls = get_backend().search(query("zorblax", experiment_ids=ids, types=frozenset({"call"})))
    assert calls.total == 3
    assert calls.facets["type"] == {"page": 1, "call": 3, "experiment": 2}

    running = get_backend().search(
        query("zorblax", experiment_ids=ids, states=frozenset({"running"}))
    )
    assert [hit.object_id for hit in running.hits] == [9005]
    assert running.hits[0].state == "running"

    territory = get_backend().search(
        query("zorblax", experiment_ids=ids, territories=frozenset({"hautes-alpes"}))
    )
    assert sorted(hit.object_id for hit in territory.hits) == [9001, 9004]


def _reference_facets(documents, query_, *, now):
    """Facet counts computed by brute force from the documents: what the backend must give."""
    today = now.date()

    def is_open(document):
        return (
            document.kind == Kind.CALL
            and (document.opens_on is None or document.opens_on <= today)
            and (document.closes_at is None or document.closes_at > now)
        )

    def keeps(document, skip):
        return (
            (skip == "type" or not query_.types or document.kind in query_.types)
            and (skip == "theme" or not query_.themes or set(document.themes) & query_.themes)
            and (
                skip == "territory"
                or not query_.territories
                or set(document.territories) & query_.territories
            )
            and (
                skip == "state"
                or not query_.states
                or (document.kind == Kind.EXPERIMENT and document.state in query_.states)
            )
            and (skip == "open" or not query_.open_only or is_open(document))
        )

    def tally(skip, values):
        counts = {}
        for document in documents:
            if keeps(document, skip):
                for value in values(document):
                    counts[value] = counts.get(value, 0) + 1
        return counts

    total = sum(1 for document in documents if keeps(document, ""))
    return total, {
        "type": tally("type", lambda d: [d.kind]),
        "theme": tally("theme", lambda d: d.themes),
        "territory": tally("territory", lambda d: d.territories),
        "open": {"1": sum(1 for d in documents if is_open(d) and keeps(d, "open"))},
        "state": tally("state", lambda d: [d.state] if d.kind == Kind.EXPERIMENT else []),
    }


@pytest.mark.parametrize(
    "selection",
    [
        {},
        {"types": frozenset({"call"})},
        {"states": frozenset({"running"})},
        {"open_only": True},
        {"types": frozenset({"call", "experiment"}), "open_only": True},
        {"types": frozenset({"call", "experiment"}), "states": frozenset({"funded"})},
        {"states": frozenset({"running"}), "themes": frozenset({"a"})},
        {"states": frozenset({"funded"}), "types": frozenset({"page"})},
        {"open_only": True, "themes": frozenset({"b"})},
        {"territories": frozenset({"hautes-alpes"}), "types": frozenset({"call"})},
        {"themes": frozenset({"a"}), "territories": frozenset({"gap"}), "open_only": True},
        {
            "themes": frozenset({"a", "b"}),
            "territories": frozenset({"hautes-alpes"}),
            "types": frozenset({"call", "page"}),
        },
    ],
)
def test_facet_counts_agree_with_a_brute_force_count(index, selection):
    documents = _facet_documents()
    index(*documents)
    searched = query("zorblax", experiment_ids=frozenset({9005, 9006}), **selection)
    results = get_backend().search(searched)
    total, facets = _reference_facets(documents, searched, now=searched.now)
    assert results.total == total
    assert len(results.hits) == total
    assert {f: {v: n for v, n in c.items() if n} for f, c in results.facets.items()} == {
        f: {v: n for v, n in c.items() if n} for f, c in facets.items()
    }


def test_pagination(index):
    index(*[doc(9000 + n, f"Zorblax {n:02d}") for n in range(25)])
    pages = [
        get_backend().search(query("zorblax", page=page, per_page=10)) for page in (1, 2, 3, 4)
    ]
    assert [results.total for results in pages] == [25, 25, 25, 25]
    assert [len(results.hits) for results in pages] == [10, 10, 5, 0]
    seen = [hit.object_id for results in pages for hit in results.hits]
    assert sorted(seen) == list(range(9000, 9025))


def test_private_experiment_is_never_found_by_those_who_may_not_see_it(index):
    index(
        doc(9001, "Zorblax secret", kind=Kind.EXPERIMENT, state="idea", themes=("t",)),
        doc(9002, "Zorblax public", kind=Kind.EXPERIMENT, state="running", themes=("t",)),
    )
    outsider = query("zorblax", experiment_ids=frozenset({9002}))
    results = get_backend().search(outsider)
    assert [hit.object_id for hit in results.hits] == [9002]
    assert results.total == 1
    assert results.facets["type"] == {"experiment": 1}
    assert results.facets["state"] == {"running": 1}
    assert results.facets["theme"] == {"t": 1}
    assert [
        s.title for s in get_backend().suggest(query("zorbl", experiment_ids=frozenset({9002})))
    ] == ["Zorblax public"]
    member = query("zorblax", experiment_ids=frozenset({9001, 9002}))
    assert get_backend().search(member).total == 2
    assert len(get_backend().suggest(query("zorbl", experiment_ids=frozenset({9001, 9002})))) == 2


def test_expired_posts_drop_out(index):
    index(
        doc(9001, "Zorblax offre", kind=Kind.SHARING, expires_on=datetime.date(2026, 5, 31)),
        doc(9002, "Zorblax demande", kind=Kind.SHARING, expires_on=datetime.date(2026, 6, 1)),
    )
    results = get_backend().search(query("zorblax"))
    assert [hit.object_id for hit in results.hits] == [9002]


def test_suggestions_are_titles_starting_with_the_words(index):
    index(
        doc(9001, "Zorblax trésorerie mutualisée"),
        doc(9002, "Autre chose", "zorblax trésorerie dans le texte seulement"),
    )
    found = get_backend().suggest(query("zorblax tréso"))
    assert [s.title for s in found] == ["Zorblax trésorerie mutualisée"]
    assert get_backend().suggest(query("!!")) == []


def test_replace_and_remove(index):
    index(doc(9001, "Zorblax ancien"))
    index(doc(9001, "Zorblax nouveau"))
    assert [hit.title for hit in get_backend().search(query("zorblax")).hits] == ["Zorblax nouveau"]
    get_backend().replace(Kind.PAGE, 9001, [])
    assert get_backend().search(query("zorblax")).total == 0


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize(
    "selection", [{}, {"themes": frozenset({"a"}), "territories": frozenset({"z1"})}]
)
def test_queries_do_not_grow_with_the_results(index, size, selection, django_assert_num_queries):
    index(
        *[
            doc(9000 + n, f"Zorblax {n}", themes=("a", f"t{n}"), territories=(f"z{n}",))
            for n in range(size)
        ]
    )
    with django_assert_num_queries(3):  # every count in one statement; the page; its text
        results = get_backend().search(query("zorblax", per_page=20, **selection))
    assert results.total == (1 if selection else size)


def test_rank_calls_scores_the_closest_call_highest(index):
    index(
        doc(9001, "Locaux et emploi", "Associations : locaux et emploi.", kind=Kind.CALL),
        doc(9002, "Emploi partagé", "Groupement d'employeurs.", kind=Kind.CALL),
        doc(9003, "Rien", "Sans rapport aucun.", kind=Kind.CALL),
    )
    scores = get_backend().rank_calls(
        "Nos associations veulent partager des locaux et un emploi.", [9001, 9002, 9003], "fr"
    )
    assert scores[9001] == 1.0
    assert 0 < scores[9002] < 1
    assert 9003 not in scores


def test_the_migration_fills_the_facets_of_entries_indexed_before_it(index):
    from importlib import import_module

    from django.apps import apps

    from search.models import SearchEntry

    index(doc(9001, "Zorblax", themes=("a",), territories=("gap", "hautes-alpes")))
    entry = SearchEntry.objects.get(object_id=9001)
    SearchEntry.objects.filter(pk=entry.pk).update(facets=[])  # as before the migration
    import_module("search.migrations.0004_facet_values_in_the_row").fill(apps, None)
    entry.refresh_from_db()
    assert sorted(entry.facets) == ["territory:gap", "territory:hautes-alpes", "theme:a"]
    assert get_backend().search(query("zorblax")).facets["territory"] == {
        "gap": 1,
        "hautes-alpes": 1,
    }
