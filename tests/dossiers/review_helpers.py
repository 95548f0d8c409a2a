"""Helpers of the review-page tests: a funder following a preset, people in each role, a dossier
walked to a stage. PDFs are deferred (`snapshots.pdfs_deferred`): these tests never read them."""

import pytest
from django.urls import reverse

import funding.dossiers.services as dossiers
import funding.dossiers.snapshots as snapshots
from funding.dossiers.models import FunderMembership, ReviewProcess, ReviewStage
from tests.dossiers.helpers import submitted
from tests.factories import UserFactory

STAGE_FIELDS = (
    "name",
    "code",
    "actors",
    "scores",
    "criteria",
    "required_reviews",
    "can_request_changes",
    "can_decline",
)


@pytest.fixture(autouse=True)
def _no_pdfs():
    with snapshots.pdfs_deferred():
        yield


def follow_preset(funder, preset: str) -> ReviewProcess:
    """The funder's own process, a copy of the shipped ``preset``'s stages."""
    shipped = ReviewProcess.objects.get(funder=None, preset=preset)
    process = ReviewProcess.objects.create(name=shipped.name, funder=funder, language="fr")
    for stage in shipped.stages.all():
        ReviewStage.objects.create(
            process=process,
            sort_order=stage.sort_order,
            **{name: getattr(stage, name) for name in STAGE_FIELDS},
        )
    return process


def person(funder, email: str, role: str):
    user = UserFactory(email=email, full_name=email.split("@")[0].replace("-", " ").title())
    FunderMembership.objects.create(user=user, funder=funder, role=role)
    return user


def review_url(application, route: str = "funding:review_dossier", **kwargs) -> str:
    return reverse(route, kwargs={"pk": application.pk, **kwargs})


def taken_up(world, by=None):
    """A dossier of call A submitted and taken up by ``by`` (call A's staff reviewer)."""
    application = submitted(world)
    return dossiers.run_transition(application, "start_review", by=by or world.reviewer_a)


def advance(application, by, comment: str = ""):
    return dossiers.run_transition(
        application, "advance", by=by, comment=comment, expected_state="under_review"
    )
