"""The permission matrix's entries for the funders' space (tests/test_permission_matrix.py):
France Active's dossier under review at its single (staff) stage, seen by its staff
(reviewer_a) and the reviewer assigned to it; a reviewer not assigned, the committee (no
committee stage reached) and everyone else never learn it exists."""

from tests.permission_rules import (
    FUNDER_A,
    FUNDER_A_EMPTY,
    FUNDER_SPACE,
    LOGIN,
    REDIRECT,
    Entry,
    decision_letter,
    review,
)

FUNDER_SPACE_MATRIX = {
    # A decision's letter (the demo declines Julien's shared accountant at France Active):
    # the experiment's side and that funder's staff; 404 for anyone else.
    "funding:dossier_letter": Entry(
        {"anonymous": LOGIN, "lead": 200, "coordinator": 200, "reviewer_a": 200, "*": 404},
        kwargs=decision_letter,
    ),
    "funding:review_inbox": Entry(FUNDER_SPACE),
    "funding:review_dossier": Entry(FUNDER_A, kwargs=review),
    # A draft is never shown to its funder.
    "funding:review_dossier#draft": Entry(
        {"anonymous": LOGIN, "*": 404}, kwargs=lambda w: {"pk": w.draft.pk}
    ),
    "funding:review_pdf": Entry(
        FUNDER_A, kwargs=lambda w: {"pk": w.dossier.pk, "number": w.version.number}
    ),
    "funding:review_document": Entry(
        FUNDER_A,
        kwargs=lambda w: {
            "pk": w.dossier.pk,
            "number": w.version.number,
            "document_pk": w.version_document.pk,
        },
    ),
    "funding:review_zip": Entry(FUNDER_A, kwargs=review),
    # Empty forms are refused (400) to the reviewer, the others never learn the dossier exists.
    # The assigned reviewer does not act at the dossier's (staff) stage.
    "funding:review_score": Entry(
        {**FUNDER_A_EMPTY, "funder_reviewer": 403}, kwargs=review, method="post"
    ),
    "funding:review_note": Entry(
        {**FUNDER_A_EMPTY, "funder_reviewer": 400}, kwargs=review, method="post"
    ),
    "funding:review_message": Entry(
        {**FUNDER_A_EMPTY, "funder_reviewer": 400}, kwargs=review, method="post"
    ),
    "funding:review_transition": Entry(
        # Changes requested without a comment: refused, back to the page (post/redirect/get);
        # the assigned reviewer does not take the stage's outcomes (403, before any form).
        {**FUNDER_A_EMPTY, "reviewer_a": REDIRECT, "funder_reviewer": 403},
        kwargs=lambda w: {"pk": w.dossier.pk, "name": "request_changes"},
        method="post",
    ),
    "funding:review_campaign": Entry(
        {**FUNDER_A, "reviewer_a": 403, "funder_reviewer": 403}, kwargs=review, method="post"
    ),
    # The decision page: whom the stage allows (the staff at this staff stage).
    "funding:review_decision": Entry({**FUNDER_A, "funder_reviewer": 403}, kwargs=review),
    # A decline without its reason: 400 for the staff.
    "funding:review_decide": Entry(
        {**FUNDER_A_EMPTY, "funder_reviewer": 403},
        kwargs=lambda w: {"pk": w.dossier.pk, "name": "decline"},
        method="post",
    ),
    # Assigning without a person: 400 for the staff.
    "funding:review_assign": Entry(
        {**FUNDER_A_EMPTY, "funder_reviewer": 403}, kwargs=review, method="post"
    ),
    "funding:review_unassign": Entry(
        {**FUNDER_A, "reviewer_a": REDIRECT, "funder_reviewer": 403},
        kwargs=lambda w: {
            "pk": w.dossier.pk,
            "assignment_pk": w.dossier.assignments.get(reviewer=w.user("funder_reviewer")).pk,
        },
        method="post",
    ),
    # Only an assigned reviewer declares a conflict (without its reason: 400).
    "funding:review_conflict": Entry(
        {**FUNDER_A, "reviewer_a": 403, "funder_reviewer": 400}, kwargs=review, method="post"
    ),
    "funding:review_share": Entry(
        {**FUNDER_A, "reviewer_a": REDIRECT, "funder_reviewer": 403},
        kwargs=lambda w: {"pk": w.dossier.pk, "review_pk": w.review.pk},
        method="post",
        data={"shared": "1"},
    ),
}
