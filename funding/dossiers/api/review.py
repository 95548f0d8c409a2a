"""The review of a dossier through the API: its stages, the reviewers assigned, conflicts of
interest, the reviews and their sharing with the lead (`/api/v1/applications/{id}/…`).

Mixed into `FundingApplicationViewSet` (`funding/dossiers/api/__init__.py`), whose
`get_object` answers 404 for a dossier the person may not see. Here: 403 for someone who sees
the dossier but whose role does not allow the action (the experiment's people, a reviewer
assigning), 400 for invalid input, 409 for what the dossier's state does not allow now. Every
rule is `funding.dossiers.permissions`; every change a service.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

import funding.dossiers.permissions as rules
import funding.dossiers.services as dossiers
from accounts.models import User
from config.api.errors import ErrorSerializer
from core.workflow import TransitionNotPossible
from funding.dossiers.models import Actors, FundingApplication, Review, ReviewAssignment


def _errors(*codes: int) -> dict:
    return dict.fromkeys(codes, ErrorSerializer)


# ---------------------------------------------------------------------- representations
class StageSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    label = serializers.CharField(help_text="The stage's name, in your language for presets.")
    actors = serializers.ChoiceField(choices=Actors.choices)
    actors_label = serializers.CharField()
    scores = serializers.BooleanField(help_text="Whether the stage is scored.")
    required_reviews = serializers.IntegerField()
    current = serializers.BooleanField()
    entered_at = serializers.DateTimeField(allow_null=True)
    left_at = serializers.DateTimeField(allow_null=True)


def stage_dict(stage, *, current: bool) -> dict:
    return {
        "position": stage.position,
        "label": str(stage.label),
        "actors": stage.actors,
        "actors_label": str(Actors(stage.actors).label),
        "scores": stage.scores,
        "required_reviews": stage.required_reviews,
        "current": current,
        "entered_at": stage.entered_at,
        "left_at": stage.left_at,
    }


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reviewer = PersonSerializer()
    stage = serializers.CharField(help_text="The stage the reviewer is assigned at.")
    due_on = serializers.DateField(allow_null=True)
    conflict_declared = serializers.BooleanField(
        help_text="The reviewer declared a conflict of interest and left the dossier."
    )


def _stage_labels(application: FundingApplication) -> dict[int, str]:
    return {s.pk: str(s.label) for s in application.stages.all()}


def assignment_dict(assignment: ReviewAssignment, labels: dict[int, str]) -> dict:
    return {
        "id": assignment.pk,
        "reviewer": {"id": assignment.reviewer_id, "name": assignment.reviewer.get_full_name()},
        "stage": labels.get(assignment.stage_id, ""),
        "due_on": assignment.due_on,
        "conflict_declared": not assignment.active,
    }


def assignments_for(user, application: FundingApplication) -> list[dict] | None:
    """What ``user`` reads of the dossier's assignments: staff and committee all of them, a
    reviewer their own; None for who is not on the funder's side."""
    if not rules.reviews_for(user, application):
        return None
    labels = _stage_labels(application)
    everyone = rules.can_read_all_reviews(user, application)
    return [
        assignment_dict(a, labels)
        for a in application.assignments.all()
        if everyone or a.reviewer_id == user.pk
    ]


class ScoreInSerializer(serializers.Serializer):
    criterion = serializers.CharField(
        help_text="The criterion's key (`call-12`, `own-0`) as `reviews/` lists it; a call "
        "criterion's id alone (12) is read as `call-12`."
    )
    score = serializers.IntegerField(min_value=0, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    def validate_criterion(self, value: str) -> str:
        value = value.strip()
        return f"call-{value}" if value.isdigit() else value


class ReviewRequestSerializer(serializers.Serializer):
    scores = ScoreInSerializer(many=True, required=False, default=list)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    recommendation = serializers.ChoiceField(
        choices=Review.Recommendation.choices, required=False, allow_blank=True, default=""
    )


class ScoreOutSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    score = serializers.IntegerField()
    comment = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reviewer = PersonSerializer()
    stage = serializers.CharField()
    scores = ScoreOutSerializer(many=True)
    comment = serializers.CharField()
    recommendation = serializers.CharField(help_text="Empty while the review is not complete.")
    recommendation_label = serializers.CharField()
    complete = serializers.BooleanField()
    shared_with_lead = serializers.BooleanField()


class ReviewResultSerializer(ReviewSerializer):
    average_score = serializers.CharField(allow_null=True)


def review_dict(review: Review, labels: dict[int, str]) -> dict:
    return {
        "id": review.pk,
        "reviewer": {"id": review.reviewer_id, "name": review.reviewer.get_full_name()},
        "stage": labels.get(review.stage_id, ""),
        "scores": [
            {"criterion": s.key, "score": s.score, "comment": s.comment}
            for s in review.scores.all()
        ],
        "comment": review.comment,
        "recommendation": review.recommendation,
        "recommendation_label": str(review.get_recommendation_display() or ""),
        "complete": review.complete,
        "shared_with_lead": review.shared_at is not None,
    }


class AssignRequestSerializer(serializers.Serializer):
    reviewer = serializers.IntegerField(help_text="The id of one of the funder's people.")
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


class ConflictRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ShareRequestSerializer(serializers.Serializer):
    shared = serializers.BooleanField(required=False, default=True)


# ---------------------------------------------------------------------- endpoints
class ReviewActionsMixin:
    """The review endpoints of the dossiers' viewset."""

    def _funder_side(self, request: Request, application: FundingApplication) -> None:
        if not rules.reviews_for(request.user, application):
            self.permission_denied(request, message=_("Only the funder's people review dossiers."))

    @extend_schema(
        responses={200: StageSerializer(many=True), **_errors(401, 404)},
        summary="The dossier's review stages",
        description="The stages the dossier walks (frozen when the funder took it up; before, "
        "those of its funder's process), the current one marked.",
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def stages(self, request: Request, pk: str) -> Response:
        application = self.get_object()
        stages = list(application.stages.all())
        if not stages:
            process = dossiers.process_for(application.call)
            stages = list(process.stages.all()) if process else []
            for position, stage in enumerate(stages, start=1):
                stage.position, stage.entered_at, stage.left_at = position, None, None
        current = application.stage_id
        rows = [stage_dict(s, current=current is not None and s.pk == current) for s in stages]
        return Response(StageSerializer(rows, many=True).data)

    @extend_schema(
        methods=["GET"],
        responses={200: AssignmentSerializer(many=True), **_errors(401, 403, 404)},
        summary="The reviewers assigned",
        description="The funder's staff and committee read every assignment, a reviewer their own.",
    )
    @extend_schema(
        methods=["POST"],
        request=AssignRequestSerializer,
        responses={201: AssignmentSerializer, **_errors(400, 401, 403, 404, 409)},
        summary="Assign a reviewer (staff)",
        description="One of the funder's people, at the dossier's current stage, with an "
        "optional due date (not in the past). 409 once the dossier is decided.",
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def assignments(self, request: Request, pk: str) -> Response:
        application = self.get_object()
        self._funder_side(request, application)
        if request.method == "GET":
            return Response(assignments_for(request.user, application))
        if not rules.staff(request.user, application):
            self.permission_denied(request, message=_("Only the funder's staff assign reviewers."))
        serializer = AssignRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        reviewer = User.objects.filter(pk=data["reviewer"], is_active=True).first()
        if reviewer is None:
            raise serializers.ValidationError({"reviewer": [_("No person has this id.")]})
        if not rules.can_assign(request.user, application):
            raise TransitionNotPossible(_("Reviewers are assigned before the decision."))
        assignment = dossiers.assign_reviewer(
            application, by=request.user, reviewer=reviewer, due_on=data["due_on"]
        )
        application = self.get_object()
        body = assignment_dict(assignment, _stage_labels(application))
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={204: None, **_errors(401, 403, 404, 409)},
        summary="Remove an assignment (staff)",
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"assignments/(?P<assignment_id>\d+)",
        url_name="assignment",
        filter_backends=[],
        pagination_class=None,
    )
    def remove_assignment(self, request: Request, pk: str, assignment_id: str) -> Response:
        application = self.get_object()
        self._funder_side(request, application)
        assignment = next(
            (a for a in application.assignments.all() if a.pk == int(assignment_id)), None
        )
        if assignment is None:
            raise NotFound(_("This dossier has no assignment with this id."))
        if not rules.staff(request.user, application):
            self.permission_denied(request, message=_("Only the funder's staff assign reviewers."))
        if not rules.can_assign(request.user, application):
            raise TransitionNotPossible(_("Reviewers are assigned before the decision."))
        dossiers.remove_assignment(assignment, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=ConflictRequestSerializer,
        responses={204: None, **_errors(400, 401, 403, 404)},
        summary="Declare a conflict of interest (reviewers)",
        description="The reviewer leaves the dossier: it is then a 404 for them, and their "
        "reviews of it are removed.",
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def conflict(self, request: Request, pk: str) -> Response:
        application = self.get_object()
        if not rules.can_declare_conflict(request.user, application):
            self.permission_denied(
                request, message=_("Only a reviewer assigned to the dossier declares a conflict.")
            )
        serializer = ConflictRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dossiers.declare_conflict(
            application, by=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        methods=["GET"],
        responses={200: ReviewSerializer(many=True), **_errors(401, 403, 404)},
        summary="The reviews",
        description="The funder's staff and committee: every review of the current and "
        "earlier stages; a reviewer: their own.",
    )
    @extend_schema(
        methods=["POST"],
        request=ReviewRequestSerializer,
        responses={201: ReviewResultSerializer, **_errors(400, 401, 403, 404, 409)},
        summary="Write your review",
        description="Those who act at the current stage, while the dossier is under review: "
        "scores on the stage's criteria, a comment, a recommendation (the review counts as "
        "complete with it). Writing again replaces your review of the stage.",
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def reviews(self, request: Request, pk: str) -> Response:
        application = self.get_object()
        self._funder_side(request, application)
        if request.method == "GET":
            return Response(self._readable_reviews(request.user, application))
        serializer = ReviewRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        review = dossiers.save_review(
            application,
            by=request.user,
            scores={s["criterion"]: (s["score"], s["comment"]) for s in data["scores"]},
            comment=data["comment"],
            recommendation=data["recommendation"],
        )
        application = self.get_object()
        review = next(r for r in application.reviews.all() if r.pk == review.pk)
        body = review_dict(review, _stage_labels(application))
        body["average_score"] = self._represent(application)["average_score"]
        return Response(body, status=status.HTTP_201_CREATED)

    def _readable_reviews(self, user, application: FundingApplication) -> list[dict]:
        labels = _stage_labels(application)
        positions = {s.pk: s.position for s in application.stages.all()}
        current = positions.get(application.stage_id, 0)
        everyone = rules.can_read_all_reviews(user, application)
        return [
            review_dict(r, labels)
            for r in application.reviews.all()
            if (everyone and positions.get(r.stage_id, 0) <= current) or r.reviewer_id == user.pk
        ]

    @extend_schema(
        request=ShareRequestSerializer,
        responses={200: ReviewSerializer, **_errors(400, 401, 403, 404)},
        summary="Share a review's comment with the lead (staff)",
        description="`shared: false` stops sharing it. 400 for a review without a comment.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"reviews/(?P<review_id>\d+)/share",
        url_name="review-share",
        filter_backends=[],
        pagination_class=None,
    )
    def share_review(self, request: Request, pk: str, review_id: str) -> Response:
        application = self.get_object()
        self._funder_side(request, application)
        review = next((r for r in application.reviews.all() if r.pk == int(review_id)), None)
        if review is None:
            raise NotFound(_("This dossier has no review with this id."))
        if not rules.can_share_review(request.user, application):
            self.permission_denied(request, message=_("Only the funder's staff share reviews."))
        serializer = ShareRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            review = dossiers.share_review_comment(
                review, by=request.user, shared=serializer.validated_data["shared"]
            )
        except PermissionDenied:
            self.permission_denied(request, message=_("Only the funder's staff share reviews."))
        return Response(review_dict(review, _stage_labels(application)))
