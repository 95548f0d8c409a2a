"""The coordinators pipeline in the admin: who reaches it, and its query counts."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from projects.experiments.admin.access import PipelinePermissionPolicy
from projects.experiments.models import BudgetLine, Experiment, ExperimentEvent, ExperimentPartner
from projects.experiments.permissions import can_steer_pipeline
from projects.network.models import Territory, Theme
from tests.experiments.admin_support import S, _admin_language, _pipeline_urls, url
from tests.experiments.conftest import ROLES
from tests.factories import (
    ExperimentFactory,
    OrganisationFactory,
)


# ------------------------------------------------------------------------------ access
@pytest.mark.django_db
def test_coordinator_opens_every_pipeline_view(coordinator_client, people):
    for path in _pipeline_urls(people["experiment"]):
        response = coordinator_client.get(path)
        assert response.status_code == 200, path


@pytest.mark.django_db
def test_superuser_opens_the_pipeline(client, people):
    from accounts.models import User

    client.force_login(User.objects.create_superuser("root@example.org", "pw", full_name="Root"))
    assert client.get(url("board")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_get_403_everywhere(client, people, moderator, role):
    user = moderator if role == "moderator" else people["editor"]
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # they do use the admin
    experiment = people["experiment"]
    for path in _pipeline_urls(experiment):
        assert client.get(path).status_code == 403, path
    response = client.post(
        url("transition", experiment.pk, "accept_idea"),
        {"comment": "Non.", "expected_state": S.IDEA},
    )
    assert response.status_code == 403
    experiment.refresh_from_db()
    assert experiment.state == S.IDEA
    assert not ExperimentEvent.objects.filter(experiment=experiment).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, "moderator"])
def test_only_coordinators_steer_the_pipeline(people, moderator, role):
    user = moderator if role == "moderator" else people[role]
    steers = role == "coordinator"
    assert can_steer_pipeline(user) is steers
    policy = PipelinePermissionPolicy(Experiment)
    assert policy.user_has_permission(user, "view") is steers
    assert policy.user_has_permission(user, "change") is steers
    for action in ("add", "delete"):  # never, not even for coordinators
        assert policy.user_has_permission(user, action) is False
    if role != "anonymous":
        assert (user in policy.users_with_permission("change")) is steers
        assert user not in policy.users_with_permission("delete")


@pytest.mark.django_db
def test_lead_without_admin_access_is_turned_away(client, people):
    client.force_login(people["lead"])
    response = client.get(url("board"))
    assert response.status_code == 302
    assert response["Location"] != url("board")


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_admin_login(client, people):
    for path in _pipeline_urls(people["experiment"]):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"), [("coordinator", True), ("editor", False), ("moderator", False)]
)
def test_menu_item_only_for_coordinators(people, moderator, role, shown):
    request = RequestFactory().get("/admin/")
    request.user = moderator if role == "moderator" else people[role]
    urls = [item.url for item in admin_menu.menu_items_for_request(request)]
    assert (url("index") in urls) is shown


@pytest.mark.django_db
def test_dashboard_sidebar_links_the_pipeline_for_coordinators_only(client, people):
    client.force_login(people["coordinator"])
    assert url("index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(people["editor"])
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()


# ------------------------------------------------------------------------------ query counts
def _query_count(client, path: str) -> int:
    def fetch():
        response = client.get(path)
        assert response.status_code == 200
        if response.streaming:  # an export runs its queries while it streams
            b"".join(response.streaming_content)

    fetch()  # warm Wagtail's per-process caches (site, content types, menu)
    with CaptureQueriesContext(connection) as queries:
        fetch()
    return len(queries)


def _experiments(count: int, lead, themes, territory) -> None:
    states = [S.IDEA, S.FORMALISATION, S.SEEKING_FUNDING, S.RUNNING, S.CAPITALISED, S.DECLINED]
    for n in range(count):
        experiment = ExperimentFactory(lead=lead)
        experiment.themes.set(themes)
        experiment.territories.set([territory])
        BudgetLine.objects.create(experiment=experiment, label="Poste", amount="1000")
        ExperimentPartner.objects.create(experiment=experiment, organisation=OrganisationFactory())
        Experiment.objects.filter(pk=experiment.pk).update(state=states[n % len(states)])


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("view", "query"),
    [("index", ""), ("index", "?ordering=state&theme=1"), ("index", "?export=csv"), ("board", "")],
    ids=["listing", "listing-filtered", "csv", "board"],
)
def test_query_count_does_not_grow_with_experiments(
    coordinator_client, people, view, query, language
):
    path = url(view) + query
    _admin_language(people["coordinator"], language)
    themes = list(Theme.objects.canonical()[:2])
    territory = Territory.objects.get(slug="gap")
    # The coordinator also leads some: their role is read for every card of the board.
    _experiments(10, people["coordinator"], themes, territory)
    few = _query_count(coordinator_client, path)
    _experiments(50, people["coordinator"], themes, territory)
    assert Experiment.objects.count() >= 60
    many = _query_count(coordinator_client, path)
    assert few == many
