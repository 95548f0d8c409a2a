"""The permission matrix's entries for matching (tests/test_permission_matrix.py): the funding
tab, « does this call fit? » and the alerts answer as the experiment's space; the matching
API; the digest's signed link."""

import datetime

from django.utils import timezone

from funding.matching.digest import unsubscribe_token
from tests.permission_rules import (
    API_EXPERIMENT,
    EVERYONE,
    EXPERIMENT_SPACE,
    REDIRECT,
    SIGNED_IN,
    Entry,
    exp,
)


def _call_opening_later():
    """A call opening in a month, to be watched (« Tell me when it opens »)."""
    from tests.factories import FundingCallFactory

    return FundingCallFactory(
        opens_on=timezone.localdate() + datetime.timedelta(days=30),
        closes_at=timezone.now() + datetime.timedelta(days=90),
    )


MATCHING_ENTRIES = {
    "funding:experiment_funding": Entry(EXPERIMENT_SPACE, kwargs=exp),
    "funding:experiment_call_fit": Entry(
        EXPERIMENT_SPACE, kwargs=lambda w: {**exp(w), "call_id": w.call.pk}
    ),
    # Any signed-in person may ask; only their own experiments are offered, and someone with
    # one experiment looking for funding (the partner) is sent straight to its answer.
    "funding:call_fit_choose": Entry(
        {**SIGNED_IN, "partner": REDIRECT}, kwargs=lambda w: {"call_id": w.call.pk}
    ),
    # A call open now has nothing to wait for (400); one opening later can be watched.
    "funding:call_watch": Entry(
        {**EXPERIMENT_SPACE, "partner": 400, "lead": 400, "coordinator": 400},
        kwargs=lambda w: {**exp(w), "call_id": w.call.pk},
        method="post",
        data={"action": "watch"},
    ),
    "funding:call_watch#later": Entry(
        {**EXPERIMENT_SPACE, "partner": REDIRECT, "lead": REDIRECT, "coordinator": REDIRECT},
        kwargs=lambda w: {**exp(w), "call_id": _call_opening_later().pk},
        method="post",
        data={"action": "watch"},
    ),
    "api:experiment-matches": Entry(API_EXPERIMENT, kwargs=exp),
    "api:experiment-call-match": Entry(
        API_EXPERIMENT, kwargs=lambda w: {**exp(w), "call_pk": w.call.pk}
    ),
    "api:experiment-funding-plan": Entry(API_EXPERIMENT, kwargs=exp),
    # The digest's signed link works for anyone who holds it, signed in or not; a forged one
    # is refused (400).
    "funding:digest_unsubscribe": Entry(
        EVERYONE, kwargs=lambda w: {"token": unsubscribe_token(w.user("lead"))}
    ),
    "funding:digest_unsubscribe#forged": Entry({"*": 400}, kwargs=lambda w: {"token": "bad"}),
}
