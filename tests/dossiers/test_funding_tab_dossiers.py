"""The funding tab knows the experiment's dossiers: each call shows its dossier instead of a
second « Prepare a dossier », the plan deducts what is pending and counts grants once, in a
number of queries that does not grow with the dossiers."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import funding.dossiers.services as dossiers
from funding.matching.recommendations import recommend
from tests.dossiers.helpers import draft, make_call, prepare, submitted, under_review
from tests.factories import advance

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeking(world):
    advance(world.experiment, "seeking_funding", lead=world.lead, coordinator=world.coordinator)
    return world


def tab(client, world):
    return client.get(reverse("funding:experiment_funding", kwargs={"pk": world.experiment.pk}))


def row_for(response, call):
    return next((d for m, d in response.context["match_rows"] if m.call.id == call.pk), "absent")


def start_url(world, call) -> str:
    return reverse("funding:dossier_start", kwargs={"pk": world.experiment.pk, "call_id": call.pk})


def test_a_call_with_a_dossier_links_to_it_instead_of_preparing_another(client, seeking):
    world = seeking
    client.force_login(world.lead)
    before = tab(client, world)
    assert row_for(before, world.call_a) is None, "call A must be among the matches"
    assert start_url(world, world.call_a) in before.content.decode()
    application = submitted(world, amount="4000")
    html = tab(client, world).content.decode()
    assert start_url(world, world.call_a) not in html
    dossier_url = reverse(
        "funding:dossier", kwargs={"pk": world.experiment.pk, "dossier_pk": application.pk}
    )
    assert f'href="{dossier_url}"' in html
    assert 'data-dossier-state="submitted"' in html
    assert "4 000,00 €" in html.replace("\u202f", " ").replace("\xa0", " ")  # formatted
    # Withdrawn, the call may be applied to again.
    dossiers.run_transition(application, "withdraw", by=world.lead)
    html = tab(client, world).content.decode()
    assert start_url(world, world.call_a) in html and 'data-dossier-state="withdrawn"' in html


def test_the_plan_shows_pending_requests_and_grants_once(client, seeking):
    world = seeking
    client.force_login(world.lead)
    need = recommend(world.experiment).plan.need
    pending = submitted(world, world.call_b, amount="3000")
    plan = tab(client, world).context["plan"]
    assert plan.commitments.pending_total == Decimal(3000)
    assert plan.need == need - 3000
    assert world.call_b.pk not in {line.call.id for line in plan.lines}
    accepted = under_review(world)
    dossiers.run_transition(
        accepted, "accept", by=world.reviewer_a, granted_amount=Decimal(2500)
    )  # the workflow writes the grant into the experiment's secured funding
    world.experiment.refresh_from_db()
    assert world.experiment.secured_funding == Decimal(2500)
    response = tab(client, world)
    plan = response.context["plan"]
    assert plan.commitments.granted_total == Decimal(2500)
    assert plan.need == need - 3000 - 2500  # the grant counted once, not twice
    html = response.content.decode()
    assert 'data-committed="granted"' in html and 'data-committed="pending"' in html
    assert pending.pk and 'data-testid="pending-total"' in html


def test_the_tab_costs_the_same_queries_whatever_the_number_of_dossiers(client, seeking):
    world = seeking
    client.force_login(world.lead)
    prepare(draft(world), world.lead)
    tab(client, world)  # warm per-process caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert tab(client, world).status_code == 200
        return len(queries)

    few = count()
    for index in range(4):
        call = make_call(world.call_a.source.funder, name=f"Appel supplémentaire {index}")
        dossiers.start_application(world.experiment, call, by=world.lead)
    assert count() == few
