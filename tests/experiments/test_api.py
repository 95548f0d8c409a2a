"""The experiments API: proposing, listing, filtering, the representation, query counts."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

import projects.experiments.services as services
from projects.experiments.models import Experiment, ExperimentMember
from projects.network.models import Territory, Theme
from tests.experiments.api_support import S, api, detail_url, ids, list_url, ready
from tests.factories import (
    ExperimentFactory,
    OrganisationFactory,
    UserFactory,
    complete_sheet,
    join,
)


# ---------------------------------------------------------------------- POST: propose an idea
@pytest.mark.django_db
def test_propose_an_idea(people):
    lead_org = OrganisationFactory()
    join(people["other"], lead_org)  # only members propose in an organisation's name
    partner = OrganisationFactory()
    theme = Theme.objects.canonical().get(slug="locaux-materiels")
    response = api(people["other"]).post(
        list_url(),
        {
            "title": "Un camion pour trois",
            "summary": "Trois associations partagent un camion.",
            "lead_organisation": lead_org.pk,
            "partner": partner.pk,
            # Every language's row has this slug: the canonical one is chosen.
            "themes": ["locaux-materiels"],
            "territories": ["gap"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    experiment = Experiment.objects.get(pk=body["id"])
    assert response.headers["Location"] == "http://testserver" + detail_url(experiment)
    assert body["access"] == "full"
    assert body["state"] == "idea"
    assert body["lead_organisation"] == {
        "id": lead_org.pk,
        "name": lead_org.name,
        "verified_at": None,
    }
    assert body["partners"] == [
        {"id": partner.pk, "name": partner.name, "role": "", "status": "invited"}
    ]
    assert [t["id"] for t in body["themes"]] == [theme.pk]  # the canonical row
    assert experiment.memberships.get().user == people["other"]
    assert experiment.memberships.get().role == ExperimentMember.Role.LEAD


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": ""}, "title"),
        ({"lead_organisation": 0}, "lead_organisation"),
        ({"lead_organisation": "abc"}, "lead_organisation"),
        ({"lead_organisation": 10**30}, "lead_organisation"),
        ({"partner": "same"}, "partner"),
        ({"territories": ["atlantide"]}, "territories"),
        ({"themes": "locaux-materiels"}, "themes"),
    ],
)
def test_propose_with_bad_input_is_400(people, change, field):
    lead_org = OrganisationFactory()
    join(people["other"], lead_org)
    payload = {"title": "Idée", "summary": "Résumé.", "lead_organisation": lead_org.pk}
    payload.update(change)
    if payload.get("partner") == "same":
        payload["partner"] = lead_org.pk
    count = Experiment.objects.count()
    response = api(people["other"]).post(list_url(), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert Experiment.objects.count() == count


@pytest.mark.django_db
def test_a_translated_organisation_row_is_not_a_lead(people):
    french = OrganisationFactory()
    english = french.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save()
    response = api(people["other"]).post(
        list_url(),
        {"title": "Idée", "summary": "Résumé.", "lead_organisation": english.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "lead_organisation" in response.json()["errors"]


# ---------------------------------------------------------------------- list: shape and filters
@pytest.mark.django_db
def test_list_is_paginated_with_a_bounded_page_size(people):
    for _ in range(3):
        ExperimentFactory(lead=people["lead"])
    client = api(people["lead"])
    first = client.get(list_url(), {"page_size": 2})
    body = first.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] >= 4
    assert len(body["results"]) == 2
    assert body["previous"] is None
    assert "page=2" in body["next"] and body["next"].startswith("http://testserver/api/v1/")
    second = client.get(body["next"]).json()
    assert second["previous"] is not None
    assert not ids(first) & {item["id"] for item in second["results"]}
    bounded = client.get(list_url(), {"page_size": 100_000})
    assert bounded.status_code == 200
    assert len(bounded.json()["results"]) <= 100
    assert client.get(list_url(), {"page": 999}).status_code == 404


@pytest.mark.django_db
def test_filter_by_state_is_validated(people):
    accepted = ExperimentFactory(lead=people["lead"])
    services.run_transition(accepted, "accept_idea", by=people["coordinator"])
    client = api(people["lead"])
    response = client.get(list_url(), {"state": "formalisation"})
    assert ids(response) == {accepted.pk}
    refused = client.get(list_url(), {"state": "flying"})
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"state"}


@pytest.mark.django_db
def test_filter_by_theme_slug_or_id(people):
    theme = Theme.objects.canonical().get(slug="locaux-materiels")
    other_theme = Theme.objects.canonical().exclude(pk=theme.pk).first()
    on_theme = ExperimentFactory(lead=people["lead"])
    on_theme.themes.set([theme])
    elsewhere = ExperimentFactory(lead=people["lead"])
    elsewhere.themes.set([other_theme])
    client = api(people["lead"])
    # The demo's public experiments on that theme are listed too; nothing off the theme is.
    on_that_theme = set(Experiment.objects.filter(themes=theme).values_list("pk", flat=True))
    for value in ("locaux-materiels", theme.pk):
        found = ids(client.get(list_url(), {"theme": value}))
        assert on_theme.pk in found and elsewhere.pk not in found
        assert found <= on_that_theme
    for unknown_theme in ("nowhere", 10**30):
        unknown = client.get(list_url(), {"theme": unknown_theme})
        assert unknown.status_code == 400
        assert "theme" in unknown.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "territory, expected",
    [
        ("gap", {"gap", "hautes-alpes"}),
        ("ca-gap-tallard-durance", {"gap", "hautes-alpes"}),
        ("hautes-alpes", {"gap", "briancon", "hautes-alpes"}),
        ("paca", {"gap", "briancon", "hautes-alpes"}),
        ("savoie", {"savoie"}),
    ],
)
def test_filter_by_territory_both_ways(people, territory, expected):
    made = {}
    for slug in ("gap", "briancon", "hautes-alpes", "savoie"):
        experiment = ExperimentFactory(lead=people["lead"])
        experiment.territories.set([Territory.objects.get(slug=slug)])
        made[experiment.pk] = slug
    client = api(people["lead"])
    by_slug = client.get(list_url(), {"territory": territory, "page_size": 100})
    assert {made[pk] for pk in ids(by_slug) if pk in made} == expected
    by_id = client.get(
        list_url(), {"territory": Territory.objects.get(slug=territory).pk, "page_size": 100}
    )
    assert ids(by_id) == ids(by_slug)


@pytest.mark.django_db
def test_search_looks_at_public_text_only(people):
    found = ExperimentFactory(lead=people["lead"], title="Garage solidaire partagé")
    secret = ExperimentFactory(title="Autre chose", description="Un garage secret.")
    Experiment.objects.filter(pk=secret.pk).update(state=S.RUNNING, is_public=True)
    response = api(people["other"]).get(list_url(), {"search": "garage"})
    assert secret.pk not in ids(response)
    assert ids(api(people["lead"]).get(list_url(), {"search": "GARAGE"})) == {found.pk}


# ---------------------------------------------------------------------- representation
@pytest.mark.django_db
def test_full_representation_fields(people):
    experiment = ready(people, S.FORMALISATION)
    services.record_secured_funding(experiment, Decimal("2000"))
    Experiment.objects.filter(pk=experiment.pk).update(self_financing=Decimal("1000"))
    body = api(people["lead"], "fr").get(detail_url(experiment)).json()
    assert {
        "id",
        "slug",
        "title",
        "summary",
        "state",
        "state_changed_at",
        "themes",
        "territories",
        "lead_organisation",
        "partners",
        "budget_total",
        "self_financing",
        "secured_funding",
        "funding_gap",
        "start_date",
        "end_date",
        "is_public",
        "url",
    } <= set(body)
    assert body["budget_total"] == "12000.00"
    assert body["self_financing"] == "1000.00"
    assert body["secured_funding"] == "2000.00"
    assert body["funding_gap"] == "9000.00"
    assert body["state_label"] == "Formalisation"
    assert body["territories"] == [
        {
            "id": Territory.objects.get(slug="gap").pk,
            "slug": "gap",
            "name": "Gap",
            "kind": "commune",
        }
    ]
    assert body["members"][0]["role"] in {"lead", "contributor"}
    assert body["can_edit"] is True
    assert body["url"].startswith("http://testserver/fr/")


@pytest.mark.django_db
def test_theme_names_follow_the_request_language(people):
    theme = Theme.objects.canonical().get(slug="locaux-materiels")
    people["experiment"].themes.set([theme])
    names = {
        language: api(people["lead"], language)
        .get(detail_url(people["experiment"]))
        .json()["themes"][0]["name"]
        for language in ("fr", "en", "it")
    }
    assert names == {
        "fr": "Locaux et matériels",
        "en": "Premises and equipment",
        "it": "Locali e attrezzature",
    }


# ---------------------------------------------------------------------- query counts
def _listing_queries(user, language: str = "en") -> tuple[int, int]:
    client = api(user, language)
    client.get(list_url())  # warm caches (default locale, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(list_url(), {"page_size": 100})
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def _rich_experiments(count: int, people: dict) -> None:
    """Experiments with themes, territories, partners, budget, members; half public."""
    for n in range(count):
        experiment = ExperimentFactory(lead=people["lead"] if n % 2 else UserFactory())
        complete_sheet(experiment)
        ExperimentMember.objects.create(
            experiment=experiment, user=UserFactory(), role=ExperimentMember.Role.CONTRIBUTOR
        )
        if n % 2 == 0:
            Experiment.objects.filter(pk=experiment.pk).update(state=S.RUNNING, is_public=True)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "lead", "coordinator"])
def test_list_queries_do_not_grow_with_the_experiments(people, role):
    user = people[role] if role != "anonymous" else AnonymousUser()
    _rich_experiments(4, people)
    few, shown_few = _listing_queries(user, "it")
    _rich_experiments(16, people)
    many, shown_many = _listing_queries(user, "it")
    assert shown_many >= shown_few + 8
    assert many == few
    assert many <= 13  # auth, groups, count, page, 7 prefetches, locale, theme names
