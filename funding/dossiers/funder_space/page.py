"""What the funder's review page shows besides the dossier: the stage bar, the reviewers assigned
at the current stage, the reviews one may read (grouped by stage), one's own assignment and the
actions of the current stage. Reads the prefetched rows of `review.funder_side`."""

from dataclasses import dataclass, field

from django.utils.translation import get_language

import funding.dossiers.permissions as permissions
import funding.dossiers.services as dossiers
from funding.dossiers.models import STAGE_NAMES, DossierStage, FundingApplication, Review

# The outcomes offered on the review page itself (the decisions are on the decision page).
STAGE_ACTIONS = ("start_review", "advance", "request_changes")


@dataclass
class StageStep:
    stage: DossierStage
    label: str
    current: bool
    lang: str  # the stage's language when its name is not translated and differs from the page's


@dataclass
class StageReviews:
    stage: DossierStage | None
    label: str
    reviews: list = field(default_factory=list)


def stage_bar(application: FundingApplication) -> list[StageStep]:
    """The dossier's stages in order, the current one marked."""
    page_language = (get_language() or "").split("-")[0]
    steps = []
    for stage in sorted(application.stages.all(), key=lambda s: s.position):
        translated = stage.code in STAGE_NAMES
        lang = "" if translated or stage.language == page_language else stage.language
        steps.append(StageStep(stage, str(stage.label), stage.pk == application.stage_id, lang))
    return steps


def _review_of(stage: DossierStage, reviewer_id: int) -> Review | None:
    return next((r for r in stage.reviews.all() if r.reviewer_id == reviewer_id), None)


def assignment_rows(application: FundingApplication) -> list[dict]:
    """The reviewers assigned at the current stage, with their review's state."""
    stage = permissions.current_stage(application)
    if stage is None:
        stages = list(application.stages.all())
        stage = stages[0] if stages else None
    if stage is None:
        return []
    stage = next((s for s in application.stages.all() if s.pk == stage.pk), stage)
    rows = []
    for assignment in application.assignments.all():
        if assignment.stage_id != stage.pk:
            continue
        review = _review_of(stage, assignment.reviewer_id)
        rows.append(
            {
                "assignment": assignment,
                "complete": bool(review and review.complete),
                "started": review is not None,
            }
        )
    return rows


def my_assignment(user, application: FundingApplication):
    """``user``'s active assignment to the dossier (the latest stage's), or None."""
    mine = [a for a in application.assignments.all() if a.reviewer_id == user.pk and a.active]
    return mine[-1] if mine else None


def readable_reviews(user, application: FundingApplication) -> list[StageReviews]:
    """The reviews ``user`` reads, grouped by stage in order: staff and committee every review
    of the current and earlier stages, anyone else their own."""
    current = permissions.current_stage(application)
    reviews = application.reviews.select_related("reviewer", "stage").prefetch_related("scores")
    if current is not None:
        reviews = reviews.filter(stage__position__lte=current.position)
    if not permissions.can_read_all_reviews(user, application):
        reviews = reviews.filter(reviewer=user)
    groups: dict[int | None, StageReviews] = {}
    for review in reviews.order_by("stage__position", "pk"):
        stage = review.stage
        label = "" if stage is None else str(stage.label)
        groups.setdefault(stage.pk if stage else None, StageReviews(stage, label)).reviews.append(
            review
        )
    return list(groups.values())


def next_stage(application: FundingApplication) -> DossierStage | None:
    stage = permissions.current_stage(application)
    if stage is None:
        return None
    return next((s for s in application.stages.all() if s.position == stage.position + 1), None)


def stage_actions(user, application: FundingApplication) -> list:
    """The outcomes of the current stage ``user`` may take from the review page."""
    return [
        t
        for t in dossiers.transitions_for(application, user)
        if t.name in STAGE_ACTIONS and t.allowed
    ]


def decision_open(user, application: FundingApplication) -> bool:
    """Whether the review page links to the decision page for ``user``: the deciders at the
    last stage or at a stage that declines, and the staff once a decision was taken."""
    if not permissions.deciders(user, application):
        return False
    if application.decided:
        return permissions.staff(user, application)
    if application.state != "under_review":
        return False
    stage = permissions.current_stage(application)
    return stage is None or stage.is_last or stage.can_decline


def inbox_facts(user, application: FundingApplication) -> dict:
    """What the inbox shows of a dossier's review: its stage, ``user``'s due date, the reviews
    done and needed at the current stage, their average (prefetched `stages__reviews__scores`)."""
    stage = next((s for s in application.stages.all() if s.pk == application.stage_id), None)
    reviews = list(stage.reviews.all()) if stage is not None else []
    criteria = dossiers.criteria_of(application, stage, localized=False)
    assignment = my_assignment(user, application)
    return {
        "stage": stage,
        "summary": dossiers.review_summary(application, criteria, reviews),
        "due_on": assignment.due_on if assignment else None,
        "mine": assignment is not None,
        "reviews_done": sum(1 for r in reviews if r.complete),
        "reviews_needed": stage.required_reviews if stage is not None else 0,
    }
