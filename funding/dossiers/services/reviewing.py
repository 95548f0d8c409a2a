"""The conversation about a dossier and its review: messages, notes, scores and summaries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import funding.dossiers.permissions as permissions
from accounts.models import User
from accounts.notifications import Message, notify
from core.workflow import TransitionNotPossible
from funding.dossiers.models import (
    MAX_SCORE,
    ApplicationMessage,
    ApplicationNote,
    FundingApplication,
    Review,
    ReviewScore,
)
from funding.dossiers.services.people import experiment_people, funder_url, lead_url, reviewers_of


# ---------------------------------------------------------------------- messages and notes
def post_message(application: FundingApplication, *, by: User, body: str) -> ApplicationMessage:
    """A message between the experiment's people and the funder's reviewers; the other side
    is told."""
    if not permissions.can_write_message(by, application):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("The message is empty."))
    from_funder = permissions.reviews_for(by, application)
    with transaction.atomic():
        message = ApplicationMessage.objects.create(
            application=application, author=by, from_funder=from_funder, body=body
        )
        if from_funder:
            recipients, page = experiment_people(application, coordinators=False), lead_url
        else:
            recipients, page = reviewers_of(application), funder_url

        def compose(user: User) -> Message:
            return Message(
                title=_("New message about the dossier “%(experiment)s”")
                % {"experiment": application.experiment.title},
                body=f"{by.get_full_name()}: {body[:500]}",
                url=page(application) + "#messages",
            )

        notify([u for u in recipients if u.pk != by.pk], compose)
    return message


def add_note(application: FundingApplication, *, by: User, body: str) -> ApplicationNote:
    """A note internal to the funder's reviewers."""
    if not permissions.can_use_notes(by, application):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("The note is empty."))
    return ApplicationNote.objects.create(application=application, author=by, body=body)


# ---------------------------------------------------------------------- review
def save_review(
    application: FundingApplication,
    *,
    by: User,
    scores: dict[int, tuple[int, str]],
    comment: str = "",
) -> Review:
    """A reviewer's scores (0 to 5, with comments) on the call's criteria; scoring again
    replaces their previous scores."""
    if not permissions.reviews_for(by, application):
        raise PermissionDenied
    if not permissions.can_review(by, application):
        raise TransitionNotPossible(
            _("Scores are given while the dossier is under review (now “%(state)s”).")
            % {"state": application.get_state_display()}
        )
    criteria = {c.pk for c in application.call.criteria.all()}
    if not scores:
        raise ValidationError(_("Give at least one score."))
    for criterion_id, (score, _comment) in scores.items():
        if criterion_id not in criteria:
            raise ValidationError(_("This criterion is not one of the call's."))
        if not isinstance(score, int) or not 0 <= score <= MAX_SCORE:
            raise ValidationError(_("Scores go from 0 to 5."))
    with transaction.atomic():
        review, _created = Review.objects.update_or_create(
            application=application, reviewer=by, defaults={"comment": (comment or "").strip()}
        )
        for criterion_id, (score, note) in scores.items():
            ReviewScore.objects.update_or_create(
                review=review,
                criterion_id=criterion_id,
                defaults={"score": score, "comment": (note or "").strip()},
            )
    return review


@dataclass
class CriterionSummary:
    label: str
    weight: int
    average: Decimal | None
    scores: list = field(default_factory=list)  # ReviewScore, one per reviewer


@dataclass
class ReviewSummary:
    """Per-criterion averages and the weighted average over every reviewer's scores."""

    criteria: list[CriterionSummary]
    weighted_average: Decimal | None
    reviewers: int


def review_summary(application: FundingApplication, criteria=None, reviews=None) -> ReviewSummary:
    """Reads prefetched ``criteria`` and ``reviews__scores`` when present."""
    criteria = list(criteria if criteria is not None else application.call.criteria.all())
    reviews = list(reviews if reviews is not None else application.reviews.all())
    by_criterion: dict[int, list] = {c.pk: [] for c in criteria}
    for review in reviews:
        for score in review.scores.all():
            by_criterion.setdefault(score.criterion_id, []).append(score)
    summaries, total, weights = [], Decimal(0), 0
    for criterion in criteria:
        found = by_criterion.get(criterion.pk, [])
        average = None
        if found:
            average = Decimal(sum(s.score for s in found)) / len(found)
            total += Decimal(sum(s.score for s in found)) * criterion.weight
            weights += criterion.weight * len(found)
        summaries.append(CriterionSummary(criterion.label, criterion.weight, average, scores=found))
    weighted = (total / weights).quantize(Decimal("0.01")) if weights else None
    return ReviewSummary(summaries, weighted, len(reviews))
