"""Public and members' documents: a visitor finds only what an object's public page shows, the
people who may open an experiment's space find every field of it, once."""

from search.backends import get_backend
from search.documents import Kind
from search.sources import ExperimentSource
from tests.factories import ExperimentFactory
from tests.search.conftest import doc, query

PUBLIC_URL, SPACE_URL = "/fr/experimentations/zorblax/", "/fr/espace/9001/"


def _index_experiments(index) -> None:
    index(
        doc(
            9001, "Zorblax", "résumé public", kind=Kind.EXPERIMENT, state="running", url=PUBLIC_URL
        ),
        doc(
            9001,
            "Zorblax",
            "résumé public quuxine confidentielle",
            kind=Kind.EXPERIMENT,
            state="running",
            url=SPACE_URL,
            restricted=True,
        ),
        doc(9002, "Zorblax caché", "quuxine", kind=Kind.EXPERIMENT, state="idea", restricted=True),
    )


def test_visitors_find_only_the_public_document(index):
    _index_experiments(index)
    visitor = {"experiment_ids": frozenset({9001})}
    results = get_backend().search(query("zorblax", **visitor))
    assert [(hit.object_id, hit.url) for hit in results.hits] == [(9001, PUBLIC_URL)]
    assert results.facets["type"] == {"experiment": 1}
    assert get_backend().search(query("quuxine", **visitor)).total == 0
    assert [s.url for s in get_backend().suggest(query("zorbl", **visitor))] == [PUBLIC_URL]
    # Seeing an experiment (its public page) is not opening its space.
    seer = {"experiment_ids": frozenset({9001, 9002})}
    assert get_backend().search(query("quuxine", **seer)).total == 0


def test_members_find_every_field_once(index):
    _index_experiments(index)
    member = {
        "experiment_ids": frozenset({9001, 9002}),
        "experiment_space_ids": frozenset({9001, 9002}),
    }
    results = get_backend().search(query("zorblax", **member))
    assert sorted((hit.object_id, hit.url) for hit in results.hits) == [
        (9001, SPACE_URL),
        (9002, "/fr/test/9002/"),
    ]
    assert results.total == 2
    assert results.facets["state"] == {"running": 1, "idea": 1}
    found = get_backend().search(query("confidentielle", **member))
    assert [hit.object_id for hit in found.hits] == [9001]
    assert "<mark>confidentielle</mark>" in found.hits[0].extract
    assert len(get_backend().suggest(query("zorbl", **member))) == 2


def test_a_members_document_of_another_kind_never_comes_out(index):
    index(doc(9003, "Zorblax", restricted=True))
    assert get_backend().search(query("zorblax", experiment_space_ids=frozenset({9003}))).total == 0


def test_public_experiment_document_holds_only_its_public_fields(db):
    experiment = ExperimentFactory(
        title="Zorblax",
        summary="Résumé visible",
        description="Description quuxine",
        objectives="Objectifs frobnitz",
        is_public=True,
        state="running",
    )
    documents = ExperimentSource().documents(experiment.pk)
    public = [d for d in documents if not d.restricted]
    members = [d for d in documents if d.restricted]
    assert {d.language for d in public} == {d.language for d in members} == {"fr", "en", "it"}
    for document in public:
        assert "Résumé visible" in document.body
        assert "quuxine" not in document.body and "frobnitz" not in document.body
    for document in members:
        assert "quuxine" in document.body and "frobnitz" in document.body


def test_private_experiment_has_only_a_members_document(db):
    experiment = ExperimentFactory(title="Zorblax", is_public=False)
    documents = ExperimentSource().documents(experiment.pk)
    assert documents and all(d.restricted for d in documents)
