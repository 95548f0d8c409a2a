"""The permission matrix's entries for the review of dossiers (tests/test_permission_matrix.py):
the review processes in the admin (`funding/dossiers/admin.py`) and the review endpoints of the
API (`funding/dossiers/api/review.py`)."""

from tests.permission_rules import (
    FUNDER_API,
    OWN_PROCESS,
    PRESET_CHANGE,
    PROCESSES,
    Entry,
    preset,
    process_a,
    review,
)

REVIEW_ENTRIES = {
    # --- review processes in the admin (funding/dossiers/admin.py)
    "wagtailsnippets_funding_reviewprocess:list": Entry(PROCESSES),
    "wagtailsnippets_funding_reviewprocess:list_results": Entry(PROCESSES),
    "wagtailsnippets_funding_reviewprocess:edit": Entry(OWN_PROCESS, kwargs=process_a),
    "wagtailsnippets_funding_reviewprocess:edit#preset": Entry(PRESET_CHANGE, kwargs=preset),
    "wagtailsnippets_funding_reviewprocess:delete": Entry(OWN_PROCESS, kwargs=process_a),
    "wagtailsnippets_funding_reviewprocess:delete#preset": Entry(PRESET_CHANGE, kwargs=preset),
    "wagtailsnippets_funding_reviewprocess:inspect": Entry(OWN_PROCESS, kwargs=process_a),
    "wagtailsnippets_funding_reviewprocess:inspect#preset": Entry(PROCESSES, kwargs=preset),
    "wagtailsnippets_funding_reviewprocess:history": Entry(OWN_PROCESS, kwargs=process_a),
    "wagtailsnippets_funding_reviewprocess:history_results": Entry(PROCESSES, kwargs=preset),
    "wagtailsnippets_funding_reviewprocess:usage": Entry(PROCESSES, kwargs=preset),
    "wagtailsnippets_funding_reviewprocess:copy": Entry(PROCESSES, kwargs=preset),
    "wagtailsnippets_funding_reviewprocess:copy#own": Entry(OWN_PROCESS, kwargs=process_a),
    # The review (funding/dossiers/api/review.py): the experiment's side sees the dossier
    # but not its review (403); reviewer_a is the staff of its funder; ids 999999 exist nowhere.
    "api:application-reviews#get": Entry(FUNDER_API, kwargs=review),
    "api:application-stages": Entry({**FUNDER_API, "lead": 200, "coordinator": 200}, kwargs=review),
    "api:application-assignments": Entry(FUNDER_API, kwargs=review),
    "api:application-assignment": Entry(
        {**FUNDER_API, "reviewer_a": 404, "funder_reviewer": 404},
        kwargs=lambda w: {"pk": w.dossier.pk, "assignment_id": 999999},
        method="delete",
    ),
    "api:application-conflict": Entry(
        # staff are not an assigned reviewer; the assigned one leaves the dossier
        {**FUNDER_API, "reviewer_a": 403, "funder_reviewer": 204},
        kwargs=review,
        method="post",
        data={"reason": "Je siège au bureau."},
        json=True,
    ),
    "api:application-review-share": Entry(
        {**FUNDER_API, "reviewer_a": 404, "funder_reviewer": 404},
        kwargs=lambda w: {"pk": w.dossier.pk, "review_id": 999999},
        method="post",
        json=True,
    ),
}
