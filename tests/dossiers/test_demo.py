"""The demo's dossiers: two funders with their reviewers, every state, one experiment at both
funders, and a second loading that changes nothing."""

import pytest

from funding.dossiers.models import FunderMembership, FundingApplication, ReviewProcess
from home.demo import dossiers as demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_dossiers_in_every_state_and_two_reviewers():
    states = set(FundingApplication.objects.values_list("state", flat=True))
    assert states == set(FundingApplication.State.values)
    reviewers = dict(FunderMembership.objects.values_list("user__email", "funder__name"))
    assert reviewers["relecteur@example.org"] == "Fondation de France"
    assert reviewers["financeur@example.org"] == "France Active Provence-Alpes-Côte d'Azur"
    assert reviewers["financeur2@example.org"] == "Fondation de France"
    treasury = FundingApplication.objects.filter(experiment__title=demo.TREASURY)
    funders = {a.call.source.funder.name for a in treasury.select_related("call__source__funder")}
    assert len(funders) == 2


def test_the_demo_has_dossiers_at_every_stage_of_a_three_stage_funder():
    at = {
        a.stage.code: a
        for a in FundingApplication.objects.filter(
            call__source__funder__name="Fondation de France", state="under_review"
        ).select_related("stage")
    }
    assert set(at) == {"screening", "external_review", "committee"}
    external = at["external_review"]
    assert external.assignments.count() == 2 and external.reviews.count() == 1
    roles = dict(FunderMembership.objects.values_list("user__email", "role"))
    assert roles["relecteur@example.org"] == roles["relectrice@example.org"] == "reviewer"
    assert roles["comite@example.org"] == "committee"
    assert roles["financeur@example.org"] == roles["financeur2@example.org"] == "staff"
    presets = set(
        ReviewProcess.objects.exclude(funder=None).values_list("stages__code", flat=True).distinct()
    )
    assert {"review", "screening", "eligibility"} <= presets


def test_loading_the_demo_dossiers_again_changes_nothing():
    before = FundingApplication.objects.count(), ReviewProcess.objects.count()
    demo.load()
    assert (FundingApplication.objects.count(), ReviewProcess.objects.count()) == before


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
