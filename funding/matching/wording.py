"""Lazy, translatable renderings of the values that reasons quote: money, dates, labels.

The matcher and the planner keep their reasons as data (a code and its parameters); these
helpers turn the parameters into text in the language active when the message is rendered, not
when it was built, so one result can be shown in French, English or Italian.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from projects.network.places import Place

SOURCE_KIND_LABELS = {
    "eu_programme": _("EU programme"),
    "state": _("State"),
    "region": _("Region"),
    "departement": _("Département"),
    "local_authority": _("Local authority"),
    "foundation": _("Foundation"),
    "corporate_sponsorship": _("Corporate sponsorship"),
    "crowdfunding_platform": _("Crowdfunding platform"),
    "solidarity_finance": _("Solidarity finance"),
    "bank": _("Bank"),
}

COST_TYPE_LABELS = {
    "operating": _("operating costs"),
    "investment": _("investment costs"),
}

COUNTRY_NAMES = {
    "FR": _("France"),
    "IT": _("Italy"),
    "CH": _("Switzerland"),
    "MC": _("Monaco"),
    "ES": _("Spain"),
    "DE": _("Germany"),
    "AT": _("Austria"),
    "SI": _("Slovenia"),
    "BE": _("Belgium"),
    "LU": _("Luxembourg"),
}

# "add an Italian partner" reads better than "add a partner from Italy" for the usual cases.
ADD_PARTNER_FROM = {
    "FR": _("add a French partner"),
    "IT": _("add an Italian partner"),
    "CH": _("add a Swiss partner"),
    "ES": _("add a Spanish partner"),
}


# The context of a message whose number, read aloud, starts with a vowel: Italian elides the
# article before it (« fino all'80 % », « l'11 % richiesto »); French and English read alike.
ELIDED = "number read with a vowel"


def elides_before(value) -> bool:
    """Whether a number read in Italian starts with a vowel: uno, otto, undici, ottanta…, 800…,
    8 000, 11 000 (undicimila). The article before it elides: « all'80 % », not « al 80 % »."""
    digits = str(abs(int(value)))
    return (
        digits.startswith("8")
        or digits == "1"
        or (digits.startswith("11") and len(digits) in {2, 5})
    )


def _money_text(value: Decimal) -> str:
    decimals = 0 if value == value.to_integral_value() else 2
    return f"{number_format(value, decimals, use_l10n=True, force_grouping=True)}\u00a0€"


def _percent_text(value: Decimal) -> str:
    decimals = 0 if value == value.to_integral_value() else 1
    return f"{number_format(value, decimals, use_l10n=True)}\u00a0%"


def _date_text(value: date) -> str:
    return date_format(value, "j F Y")


def _join_text(items: tuple, separator: str) -> str:
    return separator.join(str(item) for item in items)


money = lazy(_money_text, str)
"""`money(Decimal("12500"))` renders "12 500 €" in French, "12,500 €" in English."""

percent = lazy(_percent_text, str)
"""`percent(Decimal("80"))` renders "80 %"."""

day = lazy(_date_text, str)
"""`day(date(2026, 3, 1))` renders "1 mars 2026" in French, "1 March 2026" in English."""

_joined = lazy(_join_text, str)


def _located_in_text(where: Place | str) -> str:
    place = where if isinstance(where, Place) else Place(name=str(where))
    return place.located_in()


located_in = lazy(_located_in_text, str)
"""`located_in(place)` renders « dans les Hautes-Alpes » in French, « nelle Alte Alpi » in Italian,
« in Hautes-Alpes » in English: the territory with its preposition (`projects/network/places.py`).
A bare name (plain test facts) gets the default rule."""


def joined(items: Iterable, separator: str = ", ") -> str:
    """A list of (lazy) labels joined by `separator`, rendered at display time."""
    return _joined(tuple(items), separator)


def plan_summary(covered: Decimal, need: Decimal, count: int, gap: Decimal) -> str:
    """« 10 000 € sur 30 000 € couverts par 1 dossier ; 20 000 € restent à trouver »."""
    return format_lazy(
        ngettext_lazy(
            "{covered} of {need} covered by {count} application; {gap} still to find",
            "{covered} of {need} covered by {count} applications; {gap} still to find",
            count,
        ),
        covered=money(covered),
        need=money(need),
        count=count,
        gap=money(gap),
    )


def country_name(code: str):
    return COUNTRY_NAMES.get(code, code)


def add_partner_from(code: str):
    """The fix for a missing country: "add an Italian partner"."""
    if code in ADD_PARTNER_FROM:
        return ADD_PARTNER_FROM[code]
    return format_lazy(_("add a partner from {country}"), country=country_name(code))


def legal_form_label(value: str):
    """The label of an `Organisation.LegalForm` value (imported late: no app registry needed)."""
    from projects.network.models import Organisation

    try:
        return Organisation.LegalForm(value).label
    except ValueError:
        return value
