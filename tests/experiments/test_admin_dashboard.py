"""The coordinators' dashboard (the Wagtail admin's home page): four queue panels, shown to
those who steer the pipeline only, each listing its first items with a link and a total, in a
number of queries that does not grow with the items; and the state badges coloured from the
workflow declaration."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.dashboard import PANEL_SIZE
from core.workflow.badges import state_badge_html
from funding.catalogue.dashboard import calls_closing_soon
from funding.catalogue.models import FundingCall
from funding.dossiers.dashboard import AWAITING_FUNDER, dossiers_awaiting_funder
from funding.dossiers.models import FundingApplication
from projects.experiments.dashboard import ideas_awaiting_decision, stuck_experiments
from projects.experiments.models import Experiment
from tests.experiments.admin_support import url
from tests.factories import ExperimentFactory, FundingCallFactory

PANELS = (
    "dashboard-ideas-awaiting-decision",
    "dashboard-dossiers-awaiting-funder",
    "dashboard-calls-closing-soon",
    "dashboard-stuck-experiments",
)
LONG_AGO = datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)


def _home(client):
    return client.get(reverse("wagtailadmin_home"))


def _panel(html: str, name: str) -> str:
    """The markup of one dashboard panel (its section, heading to last item)."""
    start = html.index(f'id="dashboard-{name}')
    return html[start:].split("</section>")[0]


def _backdate(experiment: Experiment, moment: datetime.datetime) -> Experiment:
    Experiment.objects.filter(pk=experiment.pk).update(state_changed_at=moment)
    experiment.refresh_from_db()
    return experiment


# ------------------------------------------------------------------------------ who sees them
@pytest.mark.django_db
def test_coordinators_see_the_four_panels(coordinator_client):
    response = _home(coordinator_client)
    assert response.status_code == 200
    content = response.content.decode()
    for panel in PANELS:
        assert f'id="{panel}' in content, panel


@pytest.mark.django_db
def test_editors_reach_the_dashboard_without_the_panels(client, people):
    client.force_login(people["editor"])
    response = _home(client)
    assert response.status_code == 200
    content = response.content.decode()
    assert not any(panel in content for panel in PANELS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "lead", "partner"])
def test_people_outside_the_admin_are_sent_to_sign_in(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    response = _home(client)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.django_db
def test_funder_reviewers_do_not_see_the_panels(client):
    from accounts.models import User

    funder = User.objects.get(email="financeur@example.org")
    client.force_login(funder)
    response = _home(client)
    content = response.content.decode() if response.status_code == 200 else ""
    assert not any(panel in content for panel in PANELS)


# ------------------------------------------------------------------------------ what they list
@pytest.mark.django_db
def test_ideas_panel_lists_the_longest_waiting_idea_first_with_its_link(coordinator_client):
    idea = _backdate(ExperimentFactory(title="Idée ancienne"), LONG_AGO)
    queue = ideas_awaiting_decision(PANEL_SIZE)
    assert queue.experiments[0] == idea
    assert all(e.state == Experiment.State.IDEA for e in queue.experiments)
    assert queue.total == Experiment.objects.filter(state=Experiment.State.IDEA).count()
    panel = _panel(_home(coordinator_client).content.decode(), "ideas-awaiting-decision")
    assert url("inspect", idea.pk) in panel
    assert "Idée ancienne" in panel
    assert "state-badge--amber" in panel


@pytest.mark.django_db
def test_stuck_panel_counts_from_the_last_transition_and_skips_terminal_states():
    now = timezone.now()
    stuck = _backdate(ExperimentFactory(title="Bloquée"), now - datetime.timedelta(days=61))
    fresh = _backdate(ExperimentFactory(title="Récente"), now - datetime.timedelta(days=59))
    ended = ExperimentFactory(title="Close")
    Experiment.objects.filter(pk=ended.pk).update(
        state=Experiment.State.ABANDONED, state_changed_at=LONG_AGO
    )
    queue = stuck_experiments(1000, now=now)
    assert stuck in queue.experiments
    assert fresh not in queue.experiments
    assert ended not in queue.experiments
    assert all(not Experiment.State(e.state).terminal for e in queue.experiments)


@pytest.mark.django_db
def test_calls_panel_lists_calls_closing_within_14_days_soonest_first(coordinator_client):
    now = timezone.now()
    soon = FundingCallFactory(name="Appel imminent", closes_at=now + datetime.timedelta(hours=2))
    later = FundingCallFactory(name="Appel lointain", closes_at=now + datetime.timedelta(days=15))
    closed = FundingCallFactory(name="Appel clos", closes_at=now - datetime.timedelta(hours=1))
    queue = calls_closing_soon(1000, now=now)
    assert queue.calls[0] == soon
    assert later not in queue.calls and closed not in queue.calls
    edit = FundingCall.snippet_viewset.get_url_name("edit")
    panel = _panel(_home(coordinator_client).content.decode(), "calls-closing-soon")
    assert reverse(edit, args=(soon.pk,)) in panel


@pytest.mark.django_db
def test_dossiers_panel_lists_dossiers_waiting_for_their_funder(coordinator_client):
    waiting = FundingApplication.objects.filter(state__in=AWAITING_FUNDER)
    assert waiting.exists(), "the demo has submitted dossiers"
    queue = dossiers_awaiting_funder(1000)
    assert {d.pk for d in queue.dossiers} == set(waiting.values_list("pk", flat=True))
    assert queue.total == waiting.count()
    first = dossiers_awaiting_funder(PANEL_SIZE).dossiers[0]
    panel = _panel(_home(coordinator_client).content.decode(), "dossiers-awaiting-funder")
    link = reverse("funding:dossier", kwargs={"pk": first.experiment_id, "dossier_pk": first.pk})
    assert link in panel
    assert f"state-badge--{FundingApplication.State(first.state).badge}" in panel


@pytest.mark.django_db
def test_a_full_panel_says_how_many_more_and_links_to_the_listing(client, people):
    for _ in range(PANEL_SIZE + 2):
        ExperimentFactory()
    total = Experiment.objects.filter(state=Experiment.State.IDEA).count()
    coordinator = people["coordinator"]
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    with translation.override("en"):
        content = _home(client).content.decode()
    panel = _panel(content, "ideas-awaiting-decision")
    assert panel.count('class="queue-panel__item"') == PANEL_SIZE
    assert f"{total - PANEL_SIZE} more" in panel
    assert f'href="{url("index")}?state=idea"' in panel


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_queries_whatever_the_number_of_items(coordinator_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _home(coordinator_client).status_code == 200
        return len(queries)

    # Full panels (first items, then the count) against fuller ones: the same queries.
    for _ in range(PANEL_SIZE):
        _backdate(ExperimentFactory(), LONG_AGO)
        FundingCallFactory(closes_at=timezone.now() + datetime.timedelta(days=3))
    assert dossiers_awaiting_funder(PANEL_SIZE).total >= PANEL_SIZE, "the demo fills it"
    before = count()
    for _ in range(10):
        _backdate(ExperimentFactory(), LONG_AGO)
        FundingCallFactory(closes_at=timezone.now() + datetime.timedelta(days=3))
    assert count() == before


# ------------------------------------------------------------------------------ state badges
@pytest.mark.parametrize("state", list(Experiment.State) + list(FundingApplication.State))
def test_a_badge_takes_its_colour_from_the_declaration_and_keeps_its_label(state):
    model = Experiment if isinstance(state, Experiment.State) else FundingApplication
    html = str(state_badge_html(model(state=state.value)))
    assert f"state-badge--{state.badge}" in html
    assert f'data-state="{state.value}"' in html
    assert f">{state.label}<" in html


@pytest.mark.django_db
def test_the_listing_and_the_board_draw_coloured_badges(coordinator_client, people):
    content = coordinator_client.get(url("index")).content.decode()
    assert 'class="state-badge state-badge--amber" data-state="idea"' in content
    board = coordinator_client.get(url("board")).content.decode()
    assert 'class="state-badge state-badge--amber" data-state="idea"' in board


# ------------------------------------------------------------------------------ « Mon espace »
@pytest.mark.django_db
def test_the_coordinators_space_leads_to_the_admin_dashboard(coordinator_client):
    ExperimentFactory()  # at least one idea to decide on
    html = coordinator_client.get(reverse("projects:space")).content.decode()
    block = html.split('data-testid="space-coordination"')[1].split("</section>")[0]
    assert f'href="{reverse("wagtailadmin_home")}"' in block
    assert f'href="{url("board")}"' in block
    ideas = Experiment.objects.filter(state=Experiment.State.IDEA).count()
    assert f"{ideas} " in block


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["lead", "partner", "editor"])
def test_other_people_s_space_has_no_coordination_block(client, people, role):
    client.force_login(people[role])
    html = client.get(reverse("projects:space")).content.decode()
    assert 'data-testid="space-coordination"' not in html
    assert reverse("wagtailadmin_home") + '"' not in html.split("<main")[1]
