"""The permission matrix's entries for matching (tests/test_permission_matrix.py): the funding
tab and « does this call fit? » answer as the experiment's space; the digest's signed link."""

from funding.matching.digest import unsubscribe_token
from tests.permission_rules import EVERYONE, EXPERIMENT_SPACE, REDIRECT, SIGNED_IN, Entry, exp

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
    # The digest's signed link works for anyone who holds it, signed in or not; a forged one
    # is refused (400).
    "funding:digest_unsubscribe": Entry(
        EVERYONE, kwargs=lambda w: {"token": unsubscribe_token(w.user("lead"))}
    ),
    "funding:digest_unsubscribe#forged": Entry({"*": 400}, kwargs=lambda w: {"token": "bad"}),
}
