"""The matcher's context: the experiment's figures that every call is compared with."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from funding.matching.facts import COST_TYPES, CallFacts, ExperimentFacts
from funding.matching.scoring.constants import OFF_TOPIC_CAP, SCORE_PARTS, THEME, ZERO
from funding.matching.scoring.score import SCORERS
from funding.matching.scoring.tuning import MatchingSettings

_COST_TYPE_SETS = (
    frozenset(),
    frozenset({"operating"}),
    frozenset({"investment"}),
    frozenset({"operating", "investment"}),
)


@dataclass(frozen=True, slots=True)
class Context:
    """What every call is compared with, computed once per experiment."""

    experiment: ExperimentFacts
    today: date
    settings: MatchingSettings
    tz: ZoneInfo
    need: Decimal
    need_float: float
    cost_by_type: Mapping[str, Decimal]
    budget_types: frozenset[str]
    countries: frozenset[str]
    area: frozenset[int]  # territories a covering call may be on: the experiment's and above
    inside: frozenset[int]  # territories strictly inside the experiment's area
    weight_total: float
    eligible_by_types: Mapping[frozenset[str], Decimal]  # eligible costs by funded cost types
    scorers: tuple  # (code, scorer, weight, points for a value of 1) of each score part
    off_topic_cap: float  # the highest score of a call with no theme and little text in common

    @classmethod
    def build(
        cls,
        experiment: ExperimentFacts,
        today: date,
        settings: MatchingSettings,
    ) -> "Context":
        cost_by_type = {
            "operating": experiment.operating_cost,
            "investment": experiment.investment_cost,
        }
        countries = experiment.countries | experiment.partner_countries
        if experiment.lead_country:
            countries |= {experiment.lead_country}
        area = experiment.territory_ids | experiment.territory_ancestor_ids
        weight_total = float(sum(settings.weights.get(code, 0) for code in SCORE_PARTS))
        if weight_total <= 0:
            raise ValueError("MatchingSettings.weights must have a positive sum")
        scorers = []
        for code, scorer in SCORERS:
            weight = float(settings.weights.get(code, 0))
            scorers.append((code, scorer, weight, weight * 100.0 / weight_total))
        theme_points = float(settings.weights.get(THEME, 0)) * 100.0 / weight_total
        return cls(
            experiment=experiment,
            today=today,
            settings=settings,
            tz=ZoneInfo(settings.timezone),
            need=experiment.funding_need,
            need_float=float(experiment.funding_need),
            cost_by_type=cost_by_type,
            budget_types=frozenset(kind for kind, cost in cost_by_type.items() if cost > 0),
            countries=frozenset(countries),
            area=area,
            inside=experiment.territory_descendant_ids - area,
            weight_total=weight_total,
            scorers=tuple(scorers),
            off_topic_cap=round(OFF_TOPIC_CAP * theme_points, 1),
            eligible_by_types={
                types: sum((cost_by_type[kind] for kind in (types or COST_TYPES)), ZERO)
                for types in _COST_TYPE_SETS
            },
        )

    def eligible_costs(self, call: CallFacts) -> Decimal:
        """The experiment's costs of the types the call funds (every type when unspecified)."""
        found = self.eligible_by_types.get(call.cost_types)
        if found is None:  # a cost type this module does not know: only the known ones count
            found = sum((self.cost_by_type.get(kind, ZERO) for kind in call.cost_types), ZERO)
        return found

    def elsewhere(self, territory_id: int | None) -> bool:
        """The call is on a territory unrelated to the experiment's: no match, no near miss."""
        return (
            territory_id is not None
            and bool(self.experiment.territory_ids)
            and territory_id not in self.area
            and territory_id not in self.inside
        )
