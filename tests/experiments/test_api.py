"""The JSON API of the experiment workflow: roles by endpoints, errors, filters, query counts."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle
from wagtail.models import Locale

import projects.experiments.services as services
from projects.experiments.models import Experiment, ExperimentMember
from projects.network.models import Territory, Theme
from tests.experiments.conftest import ROLES
from tests.factories import (
    DEFAULT_PASSWORD,
    ExperimentFactory,
    OrganisationFactory,
    UserFactory,
    advance,
    complete_sheet,
)

S = Experiment.State

# transition → (state it starts from, roles allowed to run it)
MATRIX = {
    "accept_idea": (S.IDEA, {"coordinator"}),
    "decline_idea": (S.IDEA, {"coordinator"}),
    "formalise": (S.FORMALISATION, {"lead"}),
    "reopen": (S.FORMALISED, {"coordinator"}),
    "seek_funding": (S.FORMALISED, {"lead", "coordinator"}),
    "mark_funded": (S.SEEKING_FUNDING, {"coordinator"}),
    "launch": (S.FUNDED, {"lead"}),
    "capitalise": (S.RUNNING, {"lead"}),
    "abandon": (S.RUNNING, {"lead", "coordinator"}),
}
NEEDS_COMMENT = {"decline_idea", "reopen", "abandon", "mark_funded"}
# Fields only the full representation carries.
PRIVATE_FIELDS = {"budget_total", "members", "budget_lines", "self_financing", "description"}


# ---------------------------------------------------------------------- helpers
def api(user=None, language: str = "en") -> APIClient:
    """A client speaking ``language``, signed in by token as ``user`` (anonymous if None)."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None and user.is_authenticated:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def list_url() -> str:
    return reverse("api:experiment-list")


def detail_url(experiment: Experiment) -> str:
    return reverse("api:experiment-detail", kwargs={"pk": experiment.pk})


def transitions_url(experiment: Experiment) -> str:
    return reverse("api:experiment-transitions", kwargs={"pk": experiment.pk})


def transition_url(experiment: Experiment, name: str) -> str:
    return reverse("api:experiment-transition", kwargs={"pk": experiment.pk, "name": name})


def make_public(people: dict) -> Experiment:
    """The fixture's experiment, formalised with a public summary."""
    experiment = advance(
        people["experiment"], S.FORMALISED, lead=people["lead"], coordinator=people["coordinator"]
    )
    Experiment.objects.filter(pk=experiment.pk).update(is_public=True)
    experiment.refresh_from_db()
    return experiment


def ready(people: dict, state: str) -> Experiment:
    """The fixture's experiment in ``state``, with what the next forward step needs."""
    experiment = advance(
        people["experiment"], state, lead=people["lead"], coordinator=people["coordinator"]
    )
    if state == S.FORMALISATION:
        complete_sheet(experiment)
    if state == S.RUNNING:
        experiment.capitalisation_worked = "Le véhicule partagé."
        experiment.capitalisation_did_not_work = "Le planning papier."
        experiment.capitalisation_advice = "Commencer petit."
        experiment.save()
    return experiment


def ids(response) -> set[int]:
    return {item["id"] for item in response.json()["results"]}


# ---------------------------------------------------------------------- token authentication
@pytest.mark.django_db
def test_token_for_an_e_mail_address_in_any_case():
    user = UserFactory(email="lea@example.org")
    response = api().post(
        reverse("api:token"), {"email": "Lea@Example.ORG", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=user).key
    again = api().post(
        reverse("api:token"), {"email": "lea@example.org", "password": DEFAULT_PASSWORD}
    )
    assert again.json()["token"] == token


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email, password, active",
    [
        ("lea@example.org", "wrong-password", True),
        ("nobody@example.org", DEFAULT_PASSWORD, True),
        ("lea@example.org", DEFAULT_PASSWORD, False),
    ],
    ids=["wrong-password", "unknown-account", "inactive-account"],
)
def test_token_refused_with_one_message(email, password, active):
    UserFactory(email="lea@example.org", is_active=active)
    response = api().post(reverse("api:token"), {"email": email, "password": password})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Unable to sign in with this e-mail address and password."
    assert body["code"] == "invalid"
    assert body["errors"]["non_field_errors"] == [body["detail"]]
    assert not Token.objects.filter(user__email="lea@example.org").exists()


@pytest.mark.django_db
def test_token_request_with_missing_fields_names_them():
    response = api().post(reverse("api:token"), {"email": "not-an-address"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"email", "password"}
    assert errors["password"] == ["This field is required."]


@pytest.mark.django_db
def test_token_authenticates_and_can_be_revoked(people):
    lead = people["lead"]
    key = (
        api()
        .post(reverse("api:token"), {"email": lead.email, "password": DEFAULT_PASSWORD})
        .json()["token"]
    )
    client = APIClient(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en")
    assert client.get(detail_url(people["experiment"])).json()["access"] == "full"
    assert client.delete(reverse("api:token")).status_code == 204
    refused = client.get(detail_url(people["experiment"]))
    assert refused.status_code == 401
    assert refused.json() == {"detail": "Invalid token.", "code": "authentication_failed"}
    assert refused.headers["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_token_requests_are_throttled(monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/minute"})
    UserFactory(email="lea@example.org")
    attempts = [
        api().post(reverse("api:token"), {"email": "lea@example.org", "password": "guess"})
        for _ in range(3)
    ]
    assert [a.status_code for a in attempts] == [400, 400, 429]
    assert attempts[-1].json()["code"] == "throttled"


@pytest.mark.django_db
def test_revoking_needs_a_signed_in_user():
    response = api().delete(reverse("api:token"))
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_session_authentication_works_too(people):
    client = APIClient()
    client.force_login(people["lead"])
    assert client.get(detail_url(people["experiment"])).json()["access"] == "full"


@pytest.mark.django_db
def test_session_requests_that_change_things_need_the_csrf_token(people):
    client = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(people["lead"])
    response = client.patch(detail_url(people["experiment"]), {"title": "Nouveau"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "Authentication credentials were not provided."),
        ("fr", "Informations d'authentification non fournies."),
        ("it", "Non sono state immesse le credenziali di autenticazione."),
    ],
)
def test_anonymous_requests_that_need_a_user_get_401_in_their_language(people, language, message):
    response = api(language=language).post(list_url(), {"title": "x"}, format="json")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.headers["Content-Language"] == language
    assert response.json() == {"detail": message, "code": "not_authenticated"}


# ---------------------------------------------------------------------- role by endpoint matrix
@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status, access",
    [
        ("anonymous", 404, None),
        ("other", 404, None),
        ("editor", 404, None),
        ("partner", 200, "full"),
        ("lead", 200, "full"),
        ("coordinator", 200, "full"),
    ],
)
def test_detail_of_a_private_experiment(people, role, status, access):
    response = api(people[role]).get(detail_url(people["experiment"]))
    assert response.status_code == status
    if status == 404:
        assert response.json() == {"detail": "Not found.", "code": "not_found"}
    else:
        body = response.json()
        assert body["access"] == access
        assert set(body) >= PRIVATE_FIELDS


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, access",
    [
        ("anonymous", "public"),
        ("other", "public"),
        ("editor", "public"),
        ("partner", "full"),
        ("lead", "full"),
        ("coordinator", "full"),
    ],
)
def test_detail_of_a_public_experiment(people, role, access):
    experiment = make_public(people)
    response = api(people[role]).get(detail_url(experiment))
    assert response.status_code == 200
    body = response.json()
    assert body["access"] == access
    assert body["id"] == experiment.pk
    assert body["state"] == "formalised"
    space = "http://testserver" + services.space_url(experiment)
    if access == "public":
        assert not PRIVATE_FIELDS & set(body)
        assert body["url"] != space
    else:
        assert set(body) >= PRIVATE_FIELDS
        assert body["url"] == space


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_list_shows_private_experiments_to_members_and_coordinators(people, role):
    private = people["experiment"]
    public = ExperimentFactory()
    Experiment.objects.filter(pk=public.pk).update(state=S.RUNNING, is_public=True)
    hidden = ExperimentFactory()  # public flag but not formalised yet: still private
    Experiment.objects.filter(pk=hidden.pk).update(is_public=True)

    response = api(people[role]).get(list_url(), {"page_size": 100})
    assert response.status_code == 200
    by_id = {item["id"]: item for item in response.json()["results"]}
    assert by_id[public.pk]["access"] == ("full" if role == "coordinator" else "public")
    sees_private = role in {"partner", "lead", "coordinator"}
    assert (private.pk in by_id) is sees_private
    assert (hidden.pk in by_id) is (role == "coordinator")
    if sees_private:
        assert by_id[private.pk]["access"] == "full"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status",
    [
        ("anonymous", 401),
        ("other", 404),
        ("editor", 404),
        ("partner", 200),
        ("lead", 200),
        ("coordinator", 200),
    ],
)
def test_patch_a_private_experiment(people, role, status):
    experiment = people["experiment"]
    response = api(people[role]).patch(
        detail_url(experiment), {"title": "Un titre revu"}, format="json"
    )
    assert response.status_code == status
    experiment.refresh_from_db()
    assert (experiment.title == "Un titre revu") is (status == 200)
    if status == 200:
        assert response.json()["title"] == "Un titre revu"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other", "editor"])
def test_patch_a_public_experiment_without_the_right_is_forbidden(people, role):
    experiment = make_public(people)
    response = api(people[role]).patch(detail_url(experiment), {"title": "Pirate"}, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "You may not change this experiment.",
        "code": "permission_denied",
    }
    experiment.refresh_from_db()
    assert experiment.title != "Pirate"


@pytest.mark.django_db
def test_a_viewer_member_sees_the_sheet_but_may_not_change_it(people):
    viewer = UserFactory()
    ExperimentMember.objects.create(
        experiment=people["experiment"], user=viewer, role=ExperimentMember.Role.VIEWER
    )
    client = api(viewer)
    body = client.get(detail_url(people["experiment"])).json()
    assert body["access"] == "full"
    assert body["can_edit"] is False
    response = client.patch(detail_url(people["experiment"]), {"title": "x"}, format="json")
    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status",
    [
        ("anonymous", 401),
        ("other", 404),
        ("editor", 404),
        ("partner", 200),
        ("lead", 200),
        ("coordinator", 200),
    ],
)
def test_transitions_list_of_a_private_experiment(people, role, status):
    response = api(people[role]).get(transitions_url(people["experiment"]))
    assert response.status_code == status
    if status == 200:
        items = {item["name"]: item for item in response.json()}
        assert list(items) == list(services.WORKFLOW.names)
        assert set(items["accept_idea"]) >= {
            "name",
            "label",
            "target",
            "allowed",
            "missing",
            "comment_required",
        }
        assert items["accept_idea"]["target"] == "formalisation"
        assert items["accept_idea"]["allowed"] is (role == "coordinator")
        assert items["decline_idea"]["comment_required"] is True
        assert items["launch"]["allowed"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other", "editor"])
def test_transitions_list_of_a_public_experiment_is_for_members(people, role):
    response = api(people[role]).get(transitions_url(make_public(people)))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.django_db
def test_transitions_list_says_what_is_missing(people):
    experiment = advance(
        people["experiment"],
        S.FORMALISATION,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    response = api(people["lead"]).get(transitions_url(experiment))
    formalise = {item["name"]: item for item in response.json()}["formalise"]
    assert formalise["allowed"] is False
    assert {m["code"] for m in formalise["missing"]} == {
        "partners",
        "themes",
        "territories",
        "description",
        "objectives",
        "budget",
        "start_date",
    }
    assert "Choose at least one theme." in {m["message"] for m in formalise["missing"]}


def _expected_status(role: str, allowed: set[str]) -> int:
    if role == "anonymous":
        return 401
    if role in {"other", "editor"}:
        return 404  # the experiment is private: they may not know it exists
    return 200 if role in allowed else 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_every_transition_for_every_role(people, name, role):
    state, allowed = MATRIX[name]
    experiment = ready(people, state)
    payload = {"comment": "Une raison." if name in NEEDS_COMMENT else ""}
    response = api(people[role]).post(transition_url(experiment, name), payload, format="json")
    expected = _expected_status(role, allowed)
    assert response.status_code == expected, response.json()
    experiment.refresh_from_db()
    target = getattr(Experiment, name)._django_fsm.get_transition(state).target
    if expected == 200:
        assert response.json()["state"] == experiment.state == target
        assert response.json()["access"] == "full"
    else:
        assert experiment.state == state
        assert set(response.json()) == {"detail", "code"}


@pytest.mark.django_db
def test_a_public_experiment_visitor_may_not_run_a_transition(people):
    experiment = make_public(people)
    response = api(people["other"]).post(
        transition_url(experiment, "seek_funding"), {}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Your role does not allow this action."


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


# ---------------------------------------------------------------------- POST: propose an idea
@pytest.mark.django_db
def test_propose_an_idea(people):
    lead_org = OrganisationFactory()
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
    assert body["lead_organisation"] == {"id": lead_org.pk, "name": lead_org.name}
    assert body["partners"] == [{"id": partner.pk, "name": partner.name, "role": ""}]
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


# ---------------------------------------------------------------------- JSON everywhere
@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/experiments/999999/",
        "/api/v1/experiments/99999999999999999999999999/",
        "/api/v1/experiments/abc/",
        "/api/v1/nowhere/",
    ],
)
def test_unknown_api_urls_answer_json_404_without_a_language_redirect(path):
    response = api(language="fr").get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Non trouvé.", "code": "not_found"}


@pytest.mark.django_db
def test_site_pages_still_get_their_language_redirect(client):
    response = client.get("/compte/connexion/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/compte/connexion/"


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
