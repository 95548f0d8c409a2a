"""JSON API of an experiment's funding recommendations:

- `GET /api/v1/experiments/{id}/matches/` → `{"matches": [...], "near_misses": [...]}`;
- `GET /api/v1/experiments/{id}/funding-plan/` → `{need, covered, gap, public_share, lines}`.

For the experiment's members and the coordinators only
(`projects.experiments.permissions.can_view`); everyone else, signed in or not, gets 404, as for a
private experiment: the answer must not reveal that the experiment exists. The paths are declared
in `config/api/urls.py` (the `projects` app does not import `funding`). Reasons are written in the
request's language.
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

import projects.experiments.permissions as rules
from config.api.errors import ErrorSerializer
from config.api.parsers import API_PARSER_CLASSES
from funding.matching.planning import FundingPlan
from funding.matching.recommendations import (
    VERDICTS,
    Recommendations,
    explain_call,
    recommend,
)
from funding.matching.scoring import Match
from projects.experiments.models import Experiment


# ---------------------------------------------------------------------- serializers
class CallRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField(help_text="The call's page on this site (absolute URL).")


class CriterionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="territory, open, legal_form, amount, partnership…")
    met = serializers.BooleanField()
    message = serializers.CharField()
    fix = serializers.CharField(
        allow_null=True, help_text="What would make an unmet criterion met, if anything."
    )


class ScorePartSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="theme, text, amount_fit, time_left, cofinancing…")
    points = serializers.FloatField(help_text="Points this part brings to the score.")
    weight = serializers.FloatField()
    message = serializers.CharField()


class ReasonsSerializer(serializers.Serializer):
    met = CriterionSerializer(many=True, help_text="Hard criteria the experiment meets.")
    unmet = CriterionSerializer(many=True, help_text="Hard criteria it fails (near misses).")
    score = ScorePartSerializer(many=True, help_text="The parts of the soft score.")


class MatchSerializer(serializers.Serializer):
    call = CallRefSerializer()
    score = serializers.FloatField(help_text="0 to 100.")
    deadline = serializers.DateField(allow_null=True, help_text="null for ongoing calls.")
    reasons = ReasonsSerializer()


class CallVerdictSerializer(MatchSerializer):
    verdict = serializers.ChoiceField(
        choices=VERDICTS,
        help_text="match: the experiment can apply; near_miss: the unmet criteria say what to "
        "change; excluded: the unmet criteria say why not.",
    )


class MatchesSerializer(serializers.Serializer):
    matches = MatchSerializer(many=True)
    near_misses = MatchSerializer(many=True)


class PlanLineSerializer(serializers.Serializer):
    call = CallRefSerializer()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    deadline = serializers.DateField(allow_null=True)


class FundingPlanSerializer(serializers.Serializer):
    need = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Cash budget less self-financing and secured."
    )
    covered = serializers.DecimalField(max_digits=14, decimal_places=2)
    gap = serializers.DecimalField(max_digits=14, decimal_places=2)
    public_share = serializers.DecimalField(
        max_digits=5, decimal_places=1, help_text="Public funding, percent of the cash budget."
    )
    lines = PlanLineSerializer(many=True, help_text="In deadline order.")


# ---------------------------------------------------------------------- representation
def _call(call, request: Request) -> dict[str, Any]:
    return {
        "id": call.id,
        "name": call.name,
        "url": request.build_absolute_uri(call.url) if call.url else "",
    }


def _criterion(criterion) -> dict[str, Any]:
    fix = criterion.fix
    return {
        "code": criterion.code,
        "met": criterion.met,
        "message": str(criterion.message),
        "fix": str(fix) if fix is not None else None,
    }


def represent_match(match: Match, request: Request) -> dict[str, Any]:
    return {
        "call": _call(match.call, request),
        "score": round(match.score, 1),
        "deadline": match.deadline,
        "reasons": {
            "met": [_criterion(c) for c in match.met],
            "unmet": [_criterion(c) for c in match.unmet],
            "score": [
                {
                    "code": part.code,
                    "points": round(part.points, 1),
                    "weight": part.weight,
                    "message": str(part.message),
                }
                for part in match.parts
            ],
        },
    }


def represent_matches(found: Recommendations, request: Request) -> dict[str, Any]:
    return {
        "matches": [represent_match(m, request) for m in found.matches],
        "near_misses": [represent_match(m, request) for m in found.near_misses],
    }


def represent_plan(plan: FundingPlan, request: Request) -> dict[str, Any]:
    return {
        "need": plan.need,
        "covered": plan.covered,
        "gap": plan.gap,
        "public_share": plan.public_share,
        "lines": [
            {"call": _call(line.call, request), "amount": line.amount, "deadline": line.deadline}
            for line in plan.lines
        ],
    }


# ---------------------------------------------------------------------- views
class ExperimentRecommendationView(APIView):
    """Shared access rule: the experiment's members and the coordinators, 404 for others."""

    parser_classes = API_PARSER_CLASSES
    # Anonymous requests are answered too (404): a 401 would tell that the id exists.
    permission_classes = [permissions.AllowAny]

    def experiment(self, request: Request, pk: int) -> Experiment:
        experiment = Experiment.objects.filter(pk=pk).first()
        if experiment is None or not rules.can_view(request.user, experiment):
            raise NotFound()
        return experiment

    def recommendations(self, request: Request, pk: int) -> Recommendations:
        return recommend(self.experiment(request, pk))


class ExperimentMatchesView(ExperimentRecommendationView):
    @extend_schema(
        operation_id="experiments_matches_retrieve",
        tags=["experiments"],
        responses={200: MatchesSerializer, 404: ErrorSerializer},
        summary="The calls an experiment can apply to, and its near misses",
        description=(
            "Calls not closed that the experiment can apply to, best first, each with its "
            "score and reasons (criteria met, score parts), then the near misses with the "
            "criteria they fail and what would fix them. For the experiment's members and the "
            "coordinators; 404 for everyone else."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        found = self.recommendations(request, pk)
        return Response(MatchesSerializer(represent_matches(found, request)).data)


class ExperimentFundingPlanView(ExperimentRecommendationView):
    @extend_schema(
        operation_id="experiments_funding_plan_retrieve",
        tags=["experiments"],
        responses={200: FundingPlanSerializer, 404: ErrorSerializer},
        summary="The proposed funding plan of an experiment",
        description=(
            "The set of matching calls and amounts that covers as much of the funding need "
            "(cash budget less self-financing and secured funding) as the calls' maximums, "
            "rates and the cap on public funding allow, with as few applications as possible; "
            "lines in deadline order. For the experiment's members and the coordinators; 404 "
            "for everyone else."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        plan = self.recommendations(request, pk).plan
        return Response(FundingPlanSerializer(represent_plan(plan, request)).data)


class ExperimentCallMatchView(ExperimentRecommendationView):
    @extend_schema(
        operation_id="experiments_call_match_retrieve",
        tags=["experiments"],
        responses={200: CallVerdictSerializer, 404: ErrorSerializer},
        summary="Why (not) this call? One call of the catalogue for an experiment",
        description=(
            "Any call of the catalogue, closed or elsewhere included: its verdict (match, near "
            "miss or excluded), its score (the same as in the list of matches) and every "
            "criterion, met or not, with what would fix an unmet one when the lead can really "
            "change it. For the experiment's members and the coordinators; 404 for everyone "
            "else and for an unknown call."
        ),
    )
    def get(self, request: Request, pk: int, call_pk: int) -> Response:
        explained = explain_call(self.experiment(request, pk), call_pk)
        if explained is None:
            raise NotFound()
        match, found = explained
        body = {**represent_match(match, request), "verdict": found}
        return Response(CallVerdictSerializer(body).data)
