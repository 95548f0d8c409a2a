"""Helpers of the review-page tests: a funder following a preset, people in each role, a dossier
walked to a stage. PDFs are deferred (`snapshots.pdfs_deferred`): these tests never read them."""

import pytest
from django.urls import reverse

import funding.dossiers.services as dossiers
import funding.dossiers.snapshots as snapshots
from tests.dossiers.helpers import submitted
from tests.dossiers.stage_helpers import follow_preset, person  # noqa: F401 (re-exported)


@pytest.fixture(autouse=True)
def _no_pdfs():
    with snapshots.pdfs_deferred():
        yield


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
