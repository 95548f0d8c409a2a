"""The "Funding" tab of an experiment's space: who sees it (as the space itself), what it
shows for the demo experiments seeking funding (a plan covering their budget), and its cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from funding.catalogue.models import FundingCall
from funding.matching.recommendations import recommend
from projects.experiments.models import Experiment, ExperimentMember
from projects.network.models import OrganisationMembership
from tests.factories import FundingCallFactory, OrganisationFactory, UserFactory

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"
TREASURY = "Trésorerie mutualisée entre associations du Gapençais"


def tab_url(experiment: Experiment) -> str:
    return reverse("funding:experiment_funding", kwargs={"pk": experiment.pk})


def space_url(experiment: Experiment) -> str:
    return reverse("projects:experiment", kwargs={"pk": experiment.pk})


@pytest.fixture
def cross_border(db) -> Experiment:
    return Experiment.objects.get(title=CROSS_BORDER)


@pytest.fixture
def people(cross_border, demo_user):
    partner = UserFactory(email="tab-partner@example.org")
    ExperimentMember.objects.create(
        experiment=cross_border,
        user=partner,
        role=ExperimentMember.Role.CONTRIBUTOR,
        organisation=OrganisationFactory(),
    )
    outsider = UserFactory(email="tab-outsider@example.org")
    OrganisationMembership.objects.create(user=outsider, organisation=OrganisationFactory())
    return {
        "lead": demo_user("porteur"),
        "partner": partner,
        "coordinator": demo_user("coordination"),
        "outsider": outsider,
        "funder": demo_user("financeur"),
        "anonymous": None,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status",
    [
        ("lead", 200),
        ("partner", 200),
        ("coordinator", 200),
        ("outsider", 404),
        ("funder", 404),
        ("anonymous", 302),
    ],
)
def test_the_tab_answers_as_the_experiment_space(client, people, cross_border, role, status):
    if people[role] is not None:
        client.force_login(people[role])
    response = client.get(tab_url(cross_border))
    assert response.status_code == status
    assert client.get(space_url(cross_border)).status_code == status
    if status == 302:
        assert "?next=" in response["Location"]  # to the sign-in page, then back here
    if status == 200:
        space = client.get(space_url(cross_border)).content.decode()
        assert f'href="{tab_url(cross_border)}"' in space  # the tab is listed in the space


@pytest.mark.django_db
@pytest.mark.parametrize("title", [CROSS_BORDER, TREASURY])
def test_the_demo_experiments_get_a_plan_covering_their_budget(client, demo_user, title):
    experiment = Experiment.objects.get(title=title)
    client.force_login(demo_user("porteur"))
    response = client.get(tab_url(experiment))
    assert response.status_code == 200
    plan = response.context["plan"]
    expected = recommend(experiment).plan
    assert plan.covered == plan.need and plan.gap == 0
    # Cross-border: a draft and a dossier with changes requested (20 000 € pending) leave
    # 34 000 € to find; the treasury's two pending requests cover all its need.
    assert plan.need == {CROSS_BORDER: 34000, TREASURY: 0}[title]
    assert [(line.call.id, line.amount) for line in plan.lines] == [
        (line.call.id, line.amount) for line in expected.lines
    ]
    html = response.content.decode()
    if plan.lines:
        assert 'class="coverage__bar"' in html
    for line in plan.lines:
        assert escape(line.call.name) in html
    matches = response.context["recommendations"].matches
    assert [m.call.id for m in matches] == [m.call.id for m in recommend(experiment).matches]


def _sources(experiment: Experiment) -> dict[str, object]:
    """Plan amounts by the source of each call."""
    plan = recommend(experiment).plan
    sources = dict(
        FundingCall.objects.filter(pk__in=[line.call.id for line in plan.lines]).values_list(
            "pk", "source__name"
        )
    )
    return {sources[line.call.id]: line.amount for line in plan.lines}


@pytest.mark.django_db
def test_the_demo_plans_use_the_expected_calls():
    # Queyras: not LEADER of the Grand Briançonnais, which requires 20 % self-financing (the
    # experiment has less: issue 18, it was proposed with the failed condition among its
    # reasons), but Erasmus+ (France Active, asked already, is not proposed again).
    queyras = _sources(Experiment.objects.get(title=CROSS_BORDER))
    assert not any("Grand Briançonnais" in name for name in queyras), queyras
    assert any("Erasmus" in name for name in queyras), queyras
    assert not any("France Active" in name for name in queyras), queyras
    # The treasury's pending dossiers (France Active, Fondation de France) cover its need.
    treasury = _sources(Experiment.objects.get(title=TREASURY))
    assert treasury == {}
    for title, sources in ((CROSS_BORDER, queyras), (TREASURY, treasury)):
        experiment = Experiment.objects.get(title=title)
        assert sum(sources.values()) == recommend(experiment).plan.need
        by_call = {line.call.id: line for line in recommend(experiment).plan.lines}
        for call in FundingCall.objects.filter(pk__in=by_call):
            if call.amount_max is not None:
                assert by_call[call.pk].amount <= call.amount_max


@pytest.mark.django_db
def test_the_tab_takes_the_same_queries_whatever_the_number_of_calls(
    client, demo_user, cross_border
):
    client.force_login(demo_user("porteur"))
    client.get(tab_url(cross_border))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(tab_url(cross_border)).status_code == 200
        return len(queries)

    few = count()
    FundingCallFactory.create_batch(20)
    assert count() == few


@pytest.mark.django_db
def test_ideas_have_no_funding_tab(client, demo_user):
    idea = Experiment.objects.filter(state=Experiment.State.IDEA).first()
    client.force_login(demo_user("coordination"))
    assert client.get(tab_url(idea)).status_code == 404


@pytest.mark.django_db
def test_off_topic_calls_are_folded_after_the_calls_on_the_experiments_themes(
    client, demo_user, cross_border
):
    found = recommend(cross_border)
    off = [m for m in found.apply_now if m.off_topic]
    assert off, "the demo lists a call open to everyone with no theme in common (the DLA)"
    client.force_login(demo_user("porteur"))
    html = client.get(tab_url(cross_border)).content.decode()
    section = html.split('id="matches-title"')[1].split("</section>")[0]
    listed, folded = section.split('data-testid="off-topic"')
    for match in found.apply_now:
        where = folded if match.off_topic else listed
        assert escape(match.call.name) in where, match.call.name
    assert f"{len(found.apply_now) - len(off)} appels" in listed.split("</h3>")[0]
