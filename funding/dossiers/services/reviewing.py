"""The conversation about a dossier and its review: messages, notes, scores and summaries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
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
from funding.dossiers.services.stages import criteria_of


# ---------------------------------------------------------------------- messages and notes
def post_message(application: FundingApplication, *, by: User, body: str) -> ApplicationMessage:
    """A message between the experiment's people and the funder's reviewers; the other side
    is told."""
    if not permissions.can_write_message(by, application):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("The message is empty."))
    from_funder = permissions.staff(by, application)
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
    scores: dict[str, tuple[int, str]],
    comment: str = "",
    recommendation: str = "",
) -> Review:
    """A review at the dossier's current stage: scores from 0 to 5 (with comments) on the
    stage's criteria when it scores, a general comment and a recommendation. Saving again
    replaces the reviewer's previous review of the stage."""
    if not permissions.reviews_for(by, application):
        raise PermissionDenied
    if not permissions.can_review(by, application):
        raise TransitionNotPossible(
            _("Reviews are written while the dossier is under review at a stage you act at.")
        )
    stage = permissions.current_stage(application)
    criteria = {c["key"]: c for c in criteria_of(application, stage)}
    if criteria and not scores and not recommendation:
        raise ValidationError(_("Give at least one score."))
    if recommendation and recommendation not in Review.Recommendation.values:
        raise ValidationError(_("Choose one of the recommendations."))
    for key, (score, _comment) in scores.items():
        if key not in criteria:
            raise ValidationError(_("This criterion is not one of this stage's."))
        if not isinstance(score, int) or not 0 <= score <= MAX_SCORE:
            raise ValidationError(_("Scores go from 0 to 5."))
    with transaction.atomic():
        review, _created = Review.objects.update_or_create(
            application=application,
            stage=stage,
            reviewer=by,
            defaults={"comment": (comment or "").strip(), "recommendation": recommendation},
        )
        for key, (score, note) in scores.items():
            ReviewScore.objects.update_or_create(
                review=review,
                key=key,
                defaults={
                    "criterion_id": criteria[key].get("pk"),
                    "score": score,
                    "comment": (note or "").strip(),
                },
            )
    return review


def share_review_comment(review: Review, *, by: User, shared: bool = True) -> Review:
    """The staff share a review's general comment with the lead (or stop sharing it)."""
    if not permissions.can_share_review(by, review.application):
        raise PermissionDenied
    if shared and not review.comment:
        raise ValidationError(_("This review has no general comment to share."))
    review.shared_at = timezone.now() if shared else None
    review.shared_by = by if shared else None
    review.save(update_fields=["shared_at", "shared_by", "updated_at"])
    return review


@dataclass
class CriterionSummary:
    label: str
    weight: int
    average: Decimal | None
    scores: list = field(default_factory=list)  # ReviewScore, one per reviewer


@dataclass
class ReviewSummary:
    """Per-criterion averages, the weighted average over every reviewer's scores, and how many
    reviewers recommend what."""

    criteria: list[CriterionSummary]
    weighted_average: Decimal | None
    reviewers: int
    recommendations: dict[str, int] = field(default_factory=dict)

    @property
    def recommendation_counts(self) -> list[tuple[str, int]]:
        """(label, count) of each recommendation given, in the choices' order."""
        return [
            (label, self.recommendations[value])
            for value, label in Review.Recommendation.choices
            if self.recommendations.get(value)
        ]


def review_summary(application: FundingApplication, criteria=None, reviews=None) -> ReviewSummary:
    """Over ``reviews`` (default: every review of the dossier) and ``criteria`` (dicts of
    `criteria_of`; default: those of the current stage, not localized: for the averages of
    lists). Reads prefetched `reviews__scores`."""
    if criteria is None:
        criteria = criteria_of(application, permissions.current_stage(application), localized=False)
    reviews = list(reviews if reviews is not None else application.reviews.all())
    by_key: dict[str, list] = {c["key"]: [] for c in criteria}
    for review in reviews:
        for score in review.scores.all():
            by_key.setdefault(score.key, []).append(score)
    summaries, total, weights = [], Decimal(0), 0
    for criterion in criteria:
        found = by_key.get(criterion["key"], [])
        average = None
        if found:
            average = Decimal(sum(s.score for s in found)) / len(found)
            total += Decimal(sum(s.score for s in found)) * criterion["weight"]
            weights += criterion["weight"] * len(found)
        summaries.append(
            CriterionSummary(criterion["label"], criterion["weight"], average, scores=found)
        )
    weighted = (total / weights).quantize(Decimal("0.01")) if weights else None
    recommendations: dict[str, int] = {}
    for review in reviews:
        if review.recommendation:
            recommendations[review.recommendation] = (
                recommendations.get(review.recommendation, 0) + 1
            )
    return ReviewSummary(summaries, weighted, len(reviews), recommendations)
