"""Why a criterion is met or not and what would fix it, why a part has its value: lazy strings
built from the codes and parameters of the results, rendered in the language active when they
are displayed."""

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from funding.matching.scoring.constants import (
    AMOUNT_FIT,
    CENT,
    COFINANCING,
    HUNDRED,
    NARROWNESS,
    TEXT,
    THEME,
    TIME_LEFT,
)
from funding.matching.wording import (
    COST_TYPE_LABELS,
    ELIDED,
    SOURCE_KIND_LABELS,
    add_partner_from,
    country_name,
    day,
    elides_before,
    joined,
    legal_form_label,
    located_in,
    money,
    percent,
)


def _kind_label(kind: str):
    return SOURCE_KIND_LABELS.get(kind, kind)


def _partnership_message(detail: Mapping[str, Any]) -> str:
    pieces = []
    if detail["missing_partners"]:
        count = detail["min_partners"]
        pieces.append(
            format_lazy(
                ngettext_lazy(
                    "needs at least {count} partner besides the lead (has {partners})",
                    "needs at least {count} partners besides the lead (has {partners})",
                    count,
                ),
                count=count,
                partners=detail["partners"],
            )
        )
    if detail["missing_countries"]:
        countries = joined(country_name(code) for code in detail["countries"])
        pieces.append(format_lazy(_("needs partners from {countries}"), countries=countries))
    return joined(pieces, "; ")


def _partnership_fix(detail: Mapping[str, Any]) -> str:
    missing_countries = detail["missing_countries"]
    pieces = [add_partner_from(code) for code in missing_countries]
    # Partners from the missing countries also count towards the minimum number.
    extra = detail["missing_partners"] - len(missing_countries)
    if extra > 0:
        pieces.append(
            format_lazy(
                ngettext_lazy("add {count} partner", "add {count} partners", extra), count=extra
            )
        )
    return joined(pieces, "; ")


def _cost_types(detail: Mapping[str, Any]) -> str:
    return joined(COST_TYPE_LABELS[kind] for kind in detail["types"])


def _too_soon(detail: Mapping[str, Any]) -> str:
    return format_lazy(
        ngettext_lazy(
            "closes on {date}, in {days} day: a call of this kind ({kind}) needs "
            "at least {min_days} days",
            "closes on {date}, in {days} days: a call of this kind ({kind}) needs "
            "at least {min_days} days",
            detail["days"],
        ),
        date=day(detail["closes_on"]),
        days=detail["days"],
        kind=_kind_label(detail["kind"]),
        min_days=detail["min_days"],
    )


_Builder = Callable[[Mapping[str, Any]], Any]
CRITERION_MESSAGES: dict[str, tuple[_Builder, _Builder | None]] = {
    # territory
    "anywhere": (lambda d: _("open to projects anywhere"), None),
    # {where} is the territory with its preposition: « en France », « nelle Alte Alpi ».
    "covers": (
        lambda d: format_lazy(_("open to projects {where}"), where=located_in(d["territory"])),
        None,
    ),
    "inside": (
        lambda d: format_lazy(
            _("the call is only for projects {where}, a part of the experiment's area"),
            where=located_in(d["territory"]),
        ),
        lambda d: format_lazy(_("only for projects {where}"), where=located_in(d["territory"])),
    ),
    "elsewhere": (
        lambda d: format_lazy(
            _("the call is for projects {where}, outside the experiment's area"),
            where=located_in(d["territory"]),
        ),
        None,
    ),
    "no_territory": (
        lambda d: _("the experiment has no territory yet"),
        lambda d: _("give the experiment its territory"),
    ),
    # open
    "ongoing": (lambda d: _("open all year round"), None),
    "open_until": (
        lambda d: format_lazy(_("open until {date}"), date=day(d["closes_on"])),
        None,
    ),
    "opening": (lambda d: format_lazy(_("opens on {date}"), date=day(d["opens_on"])), None),
    "opening_until": (
        lambda d: format_lazy(
            _("opens on {start}, closes on {end}"),
            start=day(d["opens_on"]),
            end=day(d["closes_on"]),
        ),
        None,
    ),
    "opens_later": (
        lambda d: format_lazy(_("not open yet: opens on {date}"), date=day(d["opens_on"])),
        lambda d: format_lazy(_("opens on {date}"), date=day(d["opens_on"])),
    ),
    "too_soon": (
        _too_soon,
        lambda d: format_lazy(
            _("apply by {date} only if the dossier is ready"), date=day(d["closes_on"])
        ),
    ),
    "closed": (lambda d: format_lazy(_("closed on {date}"), date=day(d["closes_on"])), None),
    "closed_recurring": (
        lambda d: format_lazy(_("closed on {date}"), date=day(d["closes_on"])),
        lambda d: _("a recurring call: watch for its next session"),
    ),
    # legal form
    "any_form": (lambda d: _("open to every legal form"), None),
    "eligible_form": (
        lambda d: format_lazy(
            _("open to the lead organisation's legal form: {form}"),
            form=legal_form_label(d["form"]),
        ),
        None,
    ),
    "ineligible_form": (
        lambda d: format_lazy(
            _("only for {forms}; not open to the lead organisation's legal form: {form}"),
            forms=joined(legal_form_label(f) for f in d["forms"]),
            form=legal_form_label(d["form"]),
        ),
        None,  # not fixable: see criteria.py
    ),
    "partner_may_lead": (
        lambda d: format_lazy(
            _("not open to the lead organisation's legal form: {form}"),
            form=legal_form_label(d["form"]),
        ),
        lambda d: format_lazy(
            _("let a partner that is {forms} lead the dossier"),
            forms=joined(legal_form_label(f) for f in d["carriers"]),
        ),
    ),
    # amount
    "no_need": (lambda d: _("nothing left to fund: the budget is covered"), None),
    "within": (
        lambda d: format_lazy(
            _("the need ({need}) fits the call's amounts"), need=money(d["need"])
        ),
        None,
    ),
    "capped": (
        lambda d: format_lazy(
            _("at most {max} for a need of {need}: the call covers part of it"),
            max=money(d["max"]),
            need=money(d["need"]),
        ),
        None,
    ),
    "below_min": (
        lambda d: format_lazy(
            _("the call starts at {min}, more than the need ({need})"),
            min=money(d["min"]),
            need=money(d["need"]),
        ),
        None,  # not fixable: see criteria.py
    ),
    "unreachable": (
        lambda d: format_lazy(
            _(
                "at most {rate} of the eligible costs, that is {reachable}: below the call's "
                "minimum of {min}"
            ),
            rate=percent(d["rate"]),
            reachable=money(d["reachable"]),
            min=money(d["min"]),
        ),
        None,
    ),
    # self-financing
    "no_self_financing_rule": (lambda d: _("no self-financing rule"), None),
    "self_financing_met": (
        lambda d: format_lazy(
            _("self-financing reaches the {rate} required ({amount})"),
            rate=percent(d["rate"]),
            amount=money(d["required"]),
        ),
        None,
    ),
    "self_financing_low": (
        lambda d: format_lazy(
            _("self-financing ({amount}) is below the {rate} required ({required})"),
            amount=money(d["self_financing"]),
            rate=percent(d["rate"]),
            required=money(d["required"]),
        ),
        None,
    ),
    # partnership
    "no_partnership_rule": (lambda d: _("no partnership rule"), None),
    "partnership_met": (lambda d: _("the partnership meets the call's rules"), None),
    "partnership_unmet": (_partnership_message, _partnership_fix),
    # cost type
    "cost_compatible": (
        lambda d: format_lazy(_("funds {types}, which the budget has"), types=_cost_types(d)),
        None,
    ),
    "cost_missing": (
        lambda d: format_lazy(
            _("funds only {types}, which the budget does not have"), types=_cost_types(d)
        ),
        None,  # not fixable: see criteria.py
    ),
    "no_costs": (lambda d: _("the budget has no costs yet"), lambda d: _("fill in the budget")),
}


def _theme_message(detail: Mapping[str, Any]) -> str:
    reason = detail["reason"]
    if reason == "any_theme":
        return _("open to every theme")
    if reason == "no_experiment_theme":
        return _("the experiment has no theme yet")
    if reason == "no_overlap":
        return _("no theme in common")
    count = detail["common"]
    return format_lazy(
        ngettext_lazy("{count} theme in common", "{count} themes in common", count), count=count
    )


def _amount_fit_message(detail: Mapping[str, Any]) -> str:
    if detail["min"] is not None and detail["need"] < detail["min"]:
        return format_lazy(_("the call starts at {min}"), min=money(detail["min"]))
    if detail["max"] is None:
        return _("no maximum amount")
    return format_lazy(
        _("up to {max} for a need of {need}"), max=money(detail["max"]), need=money(detail["need"])
    )


def _time_left_message(detail: Mapping[str, Any]) -> str:
    days = detail["days"]
    if days is None:
        return _("no deadline")
    if days < 0:
        return _("closed")
    return format_lazy(ngettext_lazy("{days} day left", "{days} days left", days), days=days)


def _cofinancing_message(detail: Mapping[str, Any]) -> str:
    pieces = []
    if detail["rate_max"] is None:
        pieces.append(_("no maximum rate"))
    else:
        # Italian elides the article before a number read with a vowel: « fino all'80 % ».
        template = (
            pgettext_lazy(ELIDED, "up to {rate} of {eligible} of eligible costs, that is {amount}")
            if elides_before(detail["rate_max"])
            else _("up to {rate} of {eligible} of eligible costs, that is {amount}")
        )
        pieces.append(
            format_lazy(
                template,
                rate=percent(detail["rate_max"]),
                eligible=money(detail["eligible"]),
                amount=money((detail["rate_max"] * detail["eligible"] / HUNDRED).quantize(CENT)),
            )
        )
    if "min_self_rate" in detail:
        elided = elides_before(detail["min_self_rate"])
        if detail["self_ok"]:
            template = (
                pgettext_lazy(ELIDED, "self-financing reaches the {rate} required")
                if elided
                else _("self-financing reaches the {rate} required")
            )
        else:
            template = (
                pgettext_lazy(ELIDED, "self-financing is below the {rate} required ({amount})")
                if elided
                else _("self-financing is below the {rate} required ({amount})")
            )
        pieces.append(
            format_lazy(
                template,
                rate=percent(detail["min_self_rate"]),
                amount=money(detail["required"]),
            )
        )
    return joined(pieces, "; ")


def _narrowness_message(detail: Mapping[str, Any]) -> str:
    if detail["territory"] is None:
        return _("no territorial focus")
    return format_lazy(_("a call for projects {where}"), where=located_in(detail["territory"]))


PART_MESSAGES: dict[str, _Builder] = {
    THEME: _theme_message,
    TEXT: lambda d: format_lazy(
        _("text relevance {value}"), value=percent(Decimal(round(d["relevance"] * 100)))
    ),
    AMOUNT_FIT: _amount_fit_message,
    TIME_LEFT: _time_left_message,
    COFINANCING: _cofinancing_message,
    NARROWNESS: _narrowness_message,
}
