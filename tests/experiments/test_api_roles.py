"""The experiments API: what each role may read, change and run, endpoint by endpoint."""

import pytest

import projects.experiments.services as services
from projects.experiments.models import Experiment, ExperimentMember
from tests.experiments.api_support import (
    MATRIX,
    NEEDS_COMMENT,
    PRIVATE_FIELDS,
    S,
    api,
    detail_url,
    list_url,
    make_public,
    ready,
    transition_url,
    transitions_url,
)
from tests.experiments.conftest import ROLES
from tests.factories import (
    ExperimentFactory,
    UserFactory,
    advance,
)


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
