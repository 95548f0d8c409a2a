"""Plain data the matcher and the planner work on, built from the database by one query each.

`funding.matching.scoring` and `funding.matching.planning` are pure functions over these
dataclasses: they are tested without a database, and the views/API feed them through
`funding.matching.queries`.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from funding.catalogue.vocabulary import (  # noqa: F401 (the matcher's vocabulary)
    AID_TYPES,
    COST_TYPES,
    CROWDFUNDING_AID_TYPES,
    NON_MONETARY_AID_TYPES,
    PUBLIC_SOURCE_KINDS,
    RECURRENCES,
    SOURCE_KINDS,
)
from projects.network.places import Place


@dataclass(frozen=True)
class CallFacts:
    """What the matcher needs to know about one funding call."""

    id: int
    name: str
    url: str  # the call's page on this site
    source_kind: str  # one of SOURCE_KINDS
    aid_types: frozenset[str]  # subset of AID_TYPES
    cost_types: frozenset[str]  # subset of COST_TYPES ("operating", "investment")
    territory_id: int | None  # None: anywhere
    territory_name: str
    territory_rank: int  # 1 commune … 9 EU (Territory.RANKS); 10 when anywhere
    eligible_legal_forms: frozenset[str]  # Organisation.LegalForm values; empty: any
    theme_ids: frozenset[int]  # canonical Theme ids; empty: any theme
    recurrence: str  # one of RECURRENCES
    opens_on: date | None
    closes_at: datetime | None  # timezone-aware; None for ongoing calls
    amount_min: Decimal | None
    amount_max: Decimal | None
    rate_min: Decimal | None  # co-financing rate of eligible costs, in percent
    rate_max: Decimal | None
    min_self_financing_rate: Decimal | None  # percent of the budget
    min_partners: int = 0  # partner organisations besides the lead
    required_countries: frozenset[str] = frozenset()  # ISO codes the partnership must include
    platform_fee_rate: Decimal | None = None  # crowdfunding platform fee, percent
    all_or_nothing: bool = False
    text: str = ""  # name, summary and description, for text relevance
    funder_name: str = ""
    territory_place: Place | None = None  # names and prepositions: « dans les Hautes-Alpes »

    @property
    def is_public_money(self) -> bool:
        return self.source_kind in PUBLIC_SOURCE_KINDS

    @property
    def is_crowdfunding(self) -> bool:
        return self.source_kind == "crowdfunding_platform" or bool(
            self.aid_types & CROWDFUNDING_AID_TYPES
        )

    @property
    def brings_money(self) -> bool:
        return bool(self.aid_types - NON_MONETARY_AID_TYPES)


@dataclass(frozen=True)
class ExperimentFacts:
    """What the matcher needs to know about one experiment."""

    id: int
    title: str
    text: str  # title, summary, description, objectives
    theme_ids: frozenset[int]
    territory_ids: frozenset[int]  # the experiment's territories
    territory_ancestor_ids: frozenset[int]  # every territory containing one of them
    territory_descendant_ids: frozenset[int]  # every territory inside one of them
    lead_legal_form: str
    lead_country: str
    partner_countries: frozenset[str]  # countries of the partner organisations
    partner_count: int  # partner organisations besides the lead
    operating_cost: Decimal  # cash budget (in-kind lines excluded)
    investment_cost: Decimal
    self_financing: Decimal
    secured_funding: Decimal
    start_date: date | None
    countries: frozenset[str] = field(default=frozenset())  # lead + partners
    # The public part of `secured_funding` (sources of PUBLIC_SOURCE_KINDS): it counts against
    # the cap on public funding of the plan.
    secured_public_funding: Decimal = Decimal("0")
    # Legal forms of the partner organisations (one of them may carry a dossier the lead's
    # form cannot).
    partner_legal_forms: frozenset[str] = field(default=frozenset())

    @property
    def cash_budget(self) -> Decimal:
        return self.operating_cost + self.investment_cost

    @property
    def funding_need(self) -> Decimal:
        """What remains to be found: the cash budget less self-financing and secured funding."""
        need = self.cash_budget - self.self_financing - self.secured_funding
        return max(need, Decimal("0"))


# ApplicationFacts.stage values: where a dossier stands, as far as the plan is concerned.
STAGE_DRAFT = "draft"  # being prepared: nothing asked yet
STAGE_PENDING = "pending"  # sent, the funder has not decided: the amount requested is on hold
STAGE_ACCEPTED = "accepted"  # granted: the amount counts as secured
STAGE_CLOSED = "closed"  # withdrawn or declined: the call may be applied to again
APPLICATION_STAGES = (STAGE_DRAFT, STAGE_PENDING, STAGE_ACCEPTED, STAGE_CLOSED)


@dataclass(frozen=True)
class ApplicationFacts:
    """What the funding tab and the planner need to know about one of the experiment's
    dossiers (read by the dossiers area, which knows its states:
    `funding.matching.applications`)."""

    id: int
    call_id: int
    call_name: str
    state: str  # the dossier's state value (its badge)
    state_label: str
    stage: str  # one of APPLICATION_STAGES
    requested_amount: Decimal
    secured_amount: Decimal = Decimal("0")  # accepted: granted (crowdfunding: what it secured)
    source_kind: str = ""  # one of SOURCE_KINDS, for the cap on public funding

    @property
    def is_public_money(self) -> bool:
        return self.source_kind in PUBLIC_SOURCE_KINDS

    @property
    def blocks_new_dossier(self) -> bool:
        """A draft, a pending or an accepted dossier: no second one for the same call."""
        return self.stage != STAGE_CLOSED

    @property
    def counted(self) -> bool:
        """Pending and accepted dossiers reduce the need the plan covers."""
        return self.stage in (STAGE_PENDING, STAGE_ACCEPTED)
