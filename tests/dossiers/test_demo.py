"""The demo's dossiers: two funders with their reviewers, every state, one experiment at both
funders, and a second loading that changes nothing."""

import pytest

from funding.dossiers.models import FunderMembership, FundingApplication
from home.demo import dossiers as demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_dossiers_in_every_state_and_two_reviewers():
    states = set(FundingApplication.objects.values_list("state", flat=True))
    assert states == set(FundingApplication.State.values)
    reviewers = dict(FunderMembership.objects.values_list("user__email", "funder__name"))
    assert reviewers["financeur@example.org"] == "France Active Provence-Alpes-Côte d'Azur"
    assert reviewers["financeur2@example.org"] == "Fondation de France"
    treasury = FundingApplication.objects.filter(experiment__title=demo.TREASURY)
    funders = {a.call.source.funder.name for a in treasury.select_related("call__source__funder")}
    assert len(funders) == 2


def test_loading_the_demo_dossiers_again_changes_nothing():
    before = FundingApplication.objects.count()
    demo.load()
    assert FundingApplication.objects.count() == before


def test_the_demo_reviewers_see_their_inbox(client, demo_user):
    from django.urls import reverse

    client.force_login(demo_user("financeur"))
    page = client.get(reverse("funding:review_inbox"))
    assert page.status_code == 200
    ids = set(
        FundingApplication.objects.filter(
            call__source__funder__name="Fondation de France", version_number__gt=0
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        assert f'data-dossier="{pk}"' not in page.content.decode()
    client.force_login(demo_user("financeur2"))
    page = client.get(reverse("funding:review_inbox")).content.decode()
    for pk in ids:
        assert f'data-dossier="{pk}"' in page
