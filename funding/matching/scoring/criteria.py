"""The hard criteria: each a function of the call, the context and the call's closing date."""

from collections.abc import Callable, Iterable
from datetime import date

from funding.matching.facts import COST_TYPES, CallFacts
from funding.matching.scoring.constants import (
    AMOUNT,
    CENT,
    COST_TYPE,
    LEGAL_FORM,
    OPEN,
    PARTNERSHIP,
    SELF_FINANCING,
    TERRITORY,
)
from funding.matching.scoring.context import Context
from funding.matching.scoring.results import Criterion


def check_territory(call: CallFacts, context: Context, deadline: date | None) -> Criterion:
    """The call's territory is the experiment's, contains it, or is anywhere."""
    if call.territory_id is None:
        return Criterion(TERRITORY, True, "anywhere")
    detail = {"territory": call.territory_place or call.territory_name}
    if not context.experiment.territory_ids:
        return Criterion(TERRITORY, False, "no_territory", fixable=True)
    if call.territory_id in context.area:
        return Criterion(TERRITORY, True, "covers", detail=detail)
    if call.territory_id in context.inside:
        return Criterion(TERRITORY, False, "inside", fixable=True, detail=detail)
    return Criterion(TERRITORY, False, "elsewhere", detail=detail)


def check_open(call: CallFacts, context: Context, deadline: date | None) -> Criterion:
    """Open or opening soon, with enough days left before closing for this kind of call."""
    today = context.today
    settings = context.settings
    opens_on = call.opens_on if call.opens_on and call.opens_on > today else None
    if opens_on and (opens_on - today).days > settings.opening_horizon_days:
        return Criterion(OPEN, False, "opens_later", fixable=True, detail={"opens_on": opens_on})
    if deadline is None:
        if opens_on:
            return Criterion(OPEN, True, "opening", detail={"opens_on": opens_on})
        return Criterion(OPEN, True, "ongoing")
    days_left = (deadline - today).days
    if days_left < 0:
        recurring = call.recurrence == "recurring"
        reason = "closed_recurring" if recurring else "closed"
        return Criterion(OPEN, False, reason, fixable=recurring, detail={"closes_on": deadline})
    min_days = settings.min_days(call)
    if days_left < min_days:
        detail = {
            "closes_on": deadline,
            "days": days_left,
            "min_days": min_days,
            "kind": call.source_kind,
        }
        return Criterion(OPEN, False, "too_soon", fixable=True, detail=detail)
    if opens_on:
        return Criterion(
            OPEN, True, "opening_until", detail={"opens_on": opens_on, "closes_on": deadline}
        )
    return Criterion(OPEN, True, "open_until", detail={"closes_on": deadline})


def check_legal_form(call: CallFacts, context: Context, deadline: date | None) -> Criterion:
    """The lead organisation's legal form is one the call accepts."""
    forms = call.eligible_legal_forms
    if not forms:
        return Criterion(LEGAL_FORM, True, "any_form")
    form = context.experiment.lead_legal_form
    if form in forms:
        return Criterion(LEGAL_FORM, True, "eligible_form", detail={"form": form})
    carriers = tuple(sorted(context.experiment.partner_legal_forms & forms))
    detail = {"form": form, "forms": tuple(sorted(forms)), "carriers": carriers}
    # Honest only when one of the experiment's partners has an eligible form and may carry the
    # dossier; otherwise the call is not for this partnership.
    reason = "partner_may_lead" if carriers else "ineligible_form"
    return Criterion(LEGAL_FORM, False, reason, fixable=bool(carriers), detail=detail)


def check_amount(call: CallFacts, context: Context, deadline: date | None) -> Criterion:
    """The need reaches the call's minimum; a maximum below the need only caps the plan."""
    need = context.need
    if need <= 0:
        return Criterion(AMOUNT, False, "no_need")
    detail = {"need": need, "min": call.amount_min, "max": call.amount_max}
    if call.amount_min is not None and need < call.amount_min:
        # Not fixable: raising the need to the call's minimum would inflate the budget.
        return Criterion(AMOUNT, False, "below_min", detail=detail)
    if call.amount_min is not None and call.rate_max is not None:
        # The most the call may bring (its maximum rate of the eligible costs) is below its
        # own minimum: no application can reach it.
        reachable = (call.rate_max * context.eligible_costs(call) / 100).quantize(CENT)
        if reachable < call.amount_min:
            detail = {**detail, "reachable": reachable, "rate": call.rate_max}
            return Criterion(AMOUNT, False, "unreachable", detail=detail)
    if call.amount_max is not None and call.amount_max < need:
        return Criterion(AMOUNT, True, "capped", detail=detail)
    return Criterion(AMOUNT, True, "within", detail=detail)


def check_self_financing(call: CallFacts, context: Context, deadline: date | None) -> Criterion:
    """The experiment's self-financing reaches the share of its cash budget the call requires."""
    rate = call.min_self_financing_rate
    if not rate:
        return Criterion(SELF_FINANCING, True, "no_self_financing_rule")
    experiment = context.experiment
    required = (rate * experiment.cash_budget / 100).quantize(CENT)
    detail = {"rate": rate, "required": required, "self_financing": experiment.self_financing}
    if experiment.self_financing >= required:
        return Criterion(SELF_FINANCING, True, "self_financing_met", detail=detail)
    return Criterion(SELF_FINANCING, False, "self_financing_low", detail=detail)


def check_partnership(call: CallFacts, context: Context, deadline: date | None) -> Criterion:
    """Enough partners besides the lead, and the countries the call requires."""
    if not call.min_partners and not call.required_countries:
        return Criterion(PARTNERSHIP, True, "no_partnership_rule")
    experiment = context.experiment
    missing_partners = max(0, call.min_partners - experiment.partner_count)
    missing_countries = tuple(sorted(call.required_countries - context.countries))
    detail = {
        "min_partners": call.min_partners,
        "partners": experiment.partner_count,
        "missing_partners": missing_partners,
        "countries": tuple(sorted(call.required_countries)),
        "missing_countries": missing_countries,
    }
    if missing_partners or missing_countries:
        # Plausible: one country to add at most, and a few partners (`max_partners_to_add`).
        plausible = (
            len(missing_countries) <= 1
            and max(missing_partners, len(missing_countries))
            <= context.settings.max_partners_to_add
        )
        return Criterion(PARTNERSHIP, False, "partnership_unmet", fixable=plausible, detail=detail)
    return Criterion(PARTNERSHIP, True, "partnership_met", detail=detail)


def check_cost_type(call: CallFacts, context: Context, deadline: date | None) -> Criterion:
    """The call funds a cost type (operating, investment) the budget has."""
    if not context.budget_types:
        return Criterion(COST_TYPE, False, "no_costs", fixable=True)
    funded = call.cost_types or frozenset(COST_TYPES)
    common = funded & context.budget_types
    if common:
        return Criterion(COST_TYPE, True, "cost_compatible", detail={"types": _ordered(common)})
    detail = {"types": _ordered(funded)}
    # Not fixable: adding costs of a type the budget does not have changes the project to fit
    # the money.
    return Criterion(COST_TYPE, False, "cost_missing", detail=detail)


def _ordered(cost_types: Iterable[str]) -> tuple[str, ...]:
    return tuple(kind for kind in COST_TYPES if kind in cost_types)


CHECKS: tuple[Callable[[CallFacts, Context, date | None], Criterion], ...] = (
    check_territory,
    check_open,
    check_legal_form,
    check_amount,
    check_self_financing,
    check_partnership,
    check_cost_type,
)
