"""The experiments API: workflow errors and the rules of PATCH."""

import datetime
from decimal import Decimal

import pytest

import projects.experiments.services as services
from projects.experiments.models import Experiment
from projects.network.models import Territory, Theme
from tests.experiments.api_support import S, api, detail_url, ready, transition_url
from tests.factories import (
    advance,
    complete_sheet,
)


# ---------------------------------------------------------------------- workflow errors
@pytest.mark.django_db
def test_unknown_transition_is_404(people):
    response = api(people["coordinator"]).post(
        transition_url(people["experiment"], "explode"), {}, format="json"
    )
    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is no such action.",
        "code": "unknown_transition",
        "missing": [],
    }


@pytest.mark.django_db
def test_transition_not_possible_now_is_409(people):
    response = api(people["lead"]).post(
        transition_url(people["experiment"], "launch"), {}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "transition_not_possible"
    assert body["detail"] == "This action is not possible while the experiment is “Idea”."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, detail",
    [
        ("en", "Some conditions are not met yet."),
        ("fr", "Certaines conditions ne sont pas encore remplies."),
        ("it", "Alcune condizioni non sono ancora soddisfatte."),
    ],
)
def test_conditions_unmet_is_409_with_what_is_missing(people, language, detail):
    experiment = advance(
        people["experiment"],
        S.FORMALISATION,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    complete_sheet(experiment)
    experiment.objectives = ""
    experiment.save()
    response = api(people["lead"], language).post(
        transition_url(experiment, "formalise"), {}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == detail
    assert body["code"] == "conditions_unmet"
    assert [m["code"] for m in body["missing"]] == ["objectives"]
    assert set(body["missing"][0]) == {"code", "message"}
    experiment.refresh_from_db()
    assert experiment.state == S.FORMALISATION


@pytest.mark.django_db
def test_funding_gap_is_409_unless_a_coordinator_overrides_with_a_comment(people):
    experiment = advance(
        people["experiment"],
        S.SEEKING_FUNDING,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    client = api(people["coordinator"])
    refused = client.post(transition_url(experiment, "mark_funded"), {}, format="json")
    assert refused.status_code == 409
    assert refused.json()["missing"][0]["code"] == "funding"
    assert "12,000.00" in refused.json()["missing"][0]["message"]
    accepted = client.post(
        transition_url(experiment, "mark_funded"),
        {"comment": "Financement confirmé par courrier."},
        format="json",
    )
    assert accepted.status_code == 200
    assert accepted.json()["state"] == "funded"


@pytest.mark.django_db
def test_a_stale_expected_state_is_409(people):
    client = api(people["coordinator"])
    experiment = people["experiment"]
    ok = client.post(
        transition_url(experiment, "accept_idea"), {"expected_state": "idea"}, format="json"
    )
    assert ok.status_code == 200
    stale = client.post(
        transition_url(experiment, "abandon"),
        {"comment": "Plus de moyens.", "expected_state": "idea"},
        format="json",
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "experiment_changed"
    experiment.refresh_from_db()
    assert experiment.state == S.FORMALISATION


@pytest.mark.django_db
def test_an_unknown_expected_state_is_invalid_input(people):
    response = api(people["coordinator"]).post(
        transition_url(people["experiment"], "accept_idea"),
        {"expected_state": "flying"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"expected_state"}


@pytest.mark.django_db
def test_comment_required_is_400(people):
    response = api(people["coordinator"]).post(
        transition_url(people["experiment"], "decline_idea"), {"comment": "  "}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Please explain this decision in a comment.",
        "code": "comment_required",
        "missing": [],
    }


@pytest.mark.django_db
def test_transition_of_an_invisible_experiment_is_404_even_for_an_unknown_name(people):
    response = api(people["other"]).post(
        transition_url(people["experiment"], "explode"), {}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# ---------------------------------------------------------------------- PATCH rules
@pytest.mark.django_db
def test_state_is_never_writable(people):
    experiment = people["experiment"]
    response = api(people["coordinator"]).patch(
        detail_url(experiment), {"state": "running", "title": "Titre"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert "only through transitions" in body["errors"]["state"][0]
    assert "/transitions/" in body["errors"]["state"][0]
    experiment.refresh_from_db()
    assert experiment.state == S.IDEA
    assert experiment.title != "Titre"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload, field",
    [
        ({"secured_funding": "1000000"}, "secured_funding"),
        ({"slug": "autre"}, "slug"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"self_financing": "-5"}, "self_financing"),
        ({"self_financing": "beaucoup"}, "self_financing"),
        ({"start_date": "2027-02-30"}, "start_date"),
        ({"start_date": "2027-03-01", "end_date": "2027-02-01"}, "end_date"),
        ({"cooperation_forms": ["teleportation"]}, "cooperation_forms"),
        ({"themes": ["pas-un-theme"]}, "themes"),
        ({"territories": [{"slug": "gap"}]}, "territories"),
        ({"is_public": "peut-être"}, "is_public"),
    ],
)
def test_patch_with_bad_input_is_400_and_changes_nothing(people, payload, field):
    experiment = people["experiment"]
    before = Experiment.objects.get(pk=experiment.pk)
    response = api(people["lead"]).patch(detail_url(experiment), payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"]
    assert body["code"] == "invalid"
    assert body["detail"]
    after = Experiment.objects.get(pk=experiment.pk)
    assert (after.title, after.self_financing, after.end_date, after.updated_at) == (
        before.title,
        before.self_financing,
        before.end_date,
        before.updated_at,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, detail",
    [
        ("{not json", "Malformed request."),
        ("[1, 2]", "Invalid data. Expected a dictionary, but got list."),
    ],
)
def test_malformed_bodies_are_400(people, body, detail):
    response = api(people["lead"]).generic(
        "PATCH", detail_url(people["experiment"]), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == detail


@pytest.mark.django_db
def test_patch_changes_the_sheet_and_its_themes_and_territories(people):
    experiment = people["experiment"]
    theme = Theme.objects.canonical().get(slug="locaux-materiels")
    briancon = Territory.objects.get(slug="briancon")
    response = api(people["partner"], "it").patch(
        detail_url(experiment),
        {
            "summary": "Un véhicule partagé.",
            "self_financing": "2500.50",
            "start_date": "2027-01-15",
            "end_date": "2027-12-31",
            "cooperation_forms": ["equipment", "premises"],
            "themes": [theme.slug],
            "territories": [briancon.pk, "gap"],
            "is_public": True,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["self_financing"] == "2500.50"
    assert body["themes"] == [
        {"id": theme.pk, "slug": "locaux-materiels", "name": "Locali e attrezzature"}
    ]
    assert {t["slug"] for t in body["territories"]} == {"briancon", "gap"}
    experiment.refresh_from_db()
    assert experiment.self_financing == Decimal("2500.50")
    assert experiment.end_date == datetime.date(2027, 12, 31)
    assert experiment.cooperation_forms == ["equipment", "premises"]
    assert list(experiment.themes.all()) == [theme]
    assert experiment.is_public is True


@pytest.mark.django_db
def test_patch_of_a_finished_experiment_is_forbidden(people):
    experiment = ready(people, S.RUNNING)
    services.run_transition(experiment, "capitalise", by=people["lead"])
    response = api(people["lead"]).patch(detail_url(experiment), {"title": "x"}, format="json")
    assert response.status_code == 403


@pytest.mark.django_db
def test_an_edit_never_undoes_a_transition_made_meanwhile(people):
    stale = Experiment.objects.get(pk=people["experiment"].pk)  # loaded in `idea`
    services.run_transition(people["experiment"], "accept_idea", by=people["coordinator"])
    services.update_experiment(stale, by=people["lead"], changes={"summary": "Plus court."})
    fresh = Experiment.objects.get(pk=stale.pk)
    assert (fresh.state, fresh.summary) == (S.FORMALISATION, "Plus court.")
