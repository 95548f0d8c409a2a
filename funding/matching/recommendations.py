"""What the platform recommends to an experiment: matching calls, near misses and a funding plan.

The one place that feeds the pure matcher and planner from the database (one query for the
calls, a few for the experiment); used by the leads' tab, the API, the coordinators' matrix and
the weekly digest.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from funding.catalogue.models import FundingCall
from funding.matching.applications import applications_of
from funding.matching.facts import ApplicationFacts, CallFacts, ExperimentFacts
from funding.matching.planning import FundingPlan, PlanningSettings, plan_funding
from funding.matching.queries import call_facts, experiment_facts, experiments_facts
from funding.matching.scoring import Match, MatchingSettings, evaluate_call, match_calls
from projects.experiments.models import Experiment


@dataclass(frozen=True)
class Recommendations:
    experiment: ExperimentFacts
    matches: tuple[Match, ...]
    near_misses: tuple[Match, ...]
    plan: FundingPlan
    today: date
    applications: tuple[ApplicationFacts, ...] = ()  # the experiment's dossiers, newest first

    @property
    def apply_now(self) -> tuple[Match, ...]:
        """The matches open today: the calls the lead can apply to now."""
        return tuple(m for m in self.matches if not self._opens_later(m))

    @property
    def opening_later(self) -> tuple[Match, ...]:
        """The matches not open yet (within the opening horizon): their opening date is shown."""
        return tuple(m for m in self.matches if self._opens_later(m))

    def _opens_later(self, match: Match) -> bool:
        return match.call.opens_on is not None and match.call.opens_on > self.today


# A recurring call closed within this many days is still shown, as a near miss: « a recurring
# call: watch for its next session » (docs/funding-matching.md).
RECURRING_LOOKBACK_DAYS = 365


def candidate_queryset(facts: ExperimentFacts | None = None, *, now=None):
    """The calls worth evaluating: not closed, or recurring and closed within the last year
    (their next session is expected). For one experiment (``facts``), only the calls open
    anywhere or on a territory it touches (its own, those containing them, those inside them):
    any other fails the territory criterion, which no change can fix, so it would be dropped
    after being read (« Does this call fit? » still evaluates any call)."""
    now = now or timezone.now()
    recently_closed_recurring = Q(
        recurrence=FundingCall.Recurrence.RECURRING,
        closes_at__gt=now - timedelta(days=RECURRING_LOOKBACK_DAYS),
    )
    calls = FundingCall.objects.canonical().filter(
        Q(closes_at__isnull=True) | Q(closes_at__gt=now) | recently_closed_recurring
    )
    if facts is not None and facts.territory_ids:
        # (Without territories, every call is a near miss « say where the experiment takes
        # place »: nothing to narrow.)
        touched = (
            facts.territory_ids | facts.territory_ancestor_ids | facts.territory_descendant_ids
        )
        calls = calls.filter(Q(territory__isnull=True) | Q(territory_id__in=touched))
    return calls


def candidate_calls(facts: ExperimentFacts | None = None) -> list[CallFacts]:
    """`candidate_queryset` as plain facts (one query)."""
    return call_facts(candidate_queryset(facts))


def recommend(
    experiment: Experiment,
    *,
    calls: list[CallFacts] | None = None,
    today: date | None = None,
) -> Recommendations:
    """Matches, near misses and the proposed plan for ``experiment``.

    ``calls`` may be given when recommending for several experiments at once (the matrix, the
    digest) so that the calls are read once.
    """
    today = today or timezone.localdate()
    facts = experiment_facts(experiment)
    calls = candidate_calls(facts) if calls is None else calls
    applications = applications_of([facts.id])[facts.id]
    return recommend_facts(facts, calls, today=today, applications=applications)


MATCH = "match"
NEAR_MISS = "near_miss"
EXCLUDED = "excluded"
VERDICTS = (MATCH, NEAR_MISS, EXCLUDED)


def verdict(match: Match, settings: MatchingSettings) -> str:
    """Where ``match`` stands: a match, a near miss (few failures, all fixable) or excluded."""
    if match.is_match:
        return MATCH
    unmet = match.unmet
    if len(unmet) <= settings.max_near_miss_failures and all(c.fixable for c in unmet):
        return NEAR_MISS
    return EXCLUDED


def explain_call(
    experiment: Experiment, call_id: int, *, today: date | None = None
) -> tuple[Match, str] | None:
    """« Why not this call? »: every criterion and score part of one call of the catalogue for
    ``experiment``, and its verdict; None when there is no such call. The same scorer as
    `recommend`, so the score is the one the tab and the API list."""
    today = today or timezone.localdate()
    found = call_facts(FundingCall.objects.canonical().filter(pk=call_id))
    if not found:
        return None
    settings = MatchingSettings.from_settings()
    match = evaluate_call(experiment_facts(experiment), found[0], today=today, settings=settings)
    return match, verdict(match, settings)


def recommend_many(
    experiment_ids: Iterable[int],
    *,
    calls: list[CallFacts] | None = None,
    today: date | None = None,
) -> dict[int, Recommendations]:
    """`recommend` for several experiments in a constant number of queries (their facts in
    one batch, the calls once): the coordinators' matrix and the weekly digest."""
    today = today or timezone.localdate()
    facts = experiments_facts(experiment_ids)
    if calls is None:
        calls = candidate_calls() if facts else []
    applications = applications_of(facts) if facts else {}
    return {
        pk: recommend_facts(f, calls, today=today, applications=applications[pk])
        for pk, f in facts.items()
    }


def recommend_facts(
    facts: ExperimentFacts,
    calls: list[CallFacts],
    *,
    today: date,
    applications: tuple[ApplicationFacts, ...] = (),
) -> Recommendations:
    """The pure part: match ``calls`` and plan the matches for an experiment's facts, counting
    its dossiers (``applications``: pending requests and grants reduce the need).

    The one scorer: the tab and the API (`recommend`), the matrix and the digest
    (`recommend_many`) all come here, and a pair's score depends on nothing but the experiment,
    the call and the day. The text part is the matcher's own relevance (a pure function of the
    two texts), not the search layer's rank, which is relative to the other calls ranked with
    it (1 for the best) and would give a pair a different score in the tab, in a filtered matrix
    or asked about alone.
    """
    result = match_calls(
        facts,
        calls,
        today=today,
        settings=MatchingSettings.from_settings(),
    )
    plan = plan_funding(
        facts,
        # An off-topic call (no theme, few words in common) is listed, never planned: a food
        # fund does not finance a bicycle workshop because its amounts fit.
        [match.call for match in result.matches if not match.off_topic],
        today=today,
        settings=PlanningSettings.from_settings(),
        applications=applications,
    )
    return Recommendations(
        experiment=facts,
        matches=result.matches,
        near_misses=result.near_misses,
        plan=plan,
        today=today,
        applications=applications,
    )
