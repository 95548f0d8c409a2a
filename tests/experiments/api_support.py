"""What the tests of the experiments API share: the roles-by-transition matrix and helpers."""

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from projects.experiments.models import Experiment
from tests.factories import (
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
