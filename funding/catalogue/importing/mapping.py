"""Mapping one record to a call's field values and relations, or `Rejected` with the reason."""

import datetime
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.text import Truncator

from funding.catalogue.importing.tables import (
    AID_TYPES,
    AUDIENCE_LEGAL_FORMS,
    CATEGORY_THEMES,
    DEFAULT_KINDS,
    DESTINATIONS,
    KIND_KEYWORDS,
    PERIMETER_ALIASES,
    RECURRENCES,
    mapping_key,
)
from funding.catalogue.models import Funder, FundingCall, FundingSource, end_of_day
from projects.network.models import Territory, Theme

SUMMARY_LENGTH = 300


class Rejected(Exception):
    """One record cannot be mapped; the others are imported."""


@dataclass
class Lookups:
    """What records are mapped against, loaded once per import."""

    territories: dict[str, Territory]
    themes: dict[str, Theme]
    funders: dict[str, Funder]
    sources: dict[tuple[int, str], FundingSource]

    @classmethod
    def load(cls) -> "Lookups":
        territories: dict[str, Territory] = {}
        for territory in Territory.objects.all():
            for key in (territory.slug, territory.name, territory.code):
                if key:
                    territories.setdefault(mapping_key(key), territory)
        by_slug = {t.slug: t for t in territories.values()}
        for alias, slug in PERIMETER_ALIASES.items():
            if slug in by_slug:
                territories.setdefault(alias, by_slug[slug])
        return cls(
            territories=territories,
            themes={theme.slug: theme for theme in Theme.objects.canonical()},
            funders={mapping_key(f.name): f for f in Funder.objects.canonical()},
            sources={
                (s.funder_id, mapping_key(s.name)): s for s in FundingSource.objects.canonical()
            },
        )


@dataclass
class MappedCall:
    """A record turned into a call's field values and relations."""

    fields: dict[str, Any]
    theme_ids: set[int]
    funder_names: list[str]
    program: str
    source_kind: str


def text_value(value: Any) -> str:
    """A record's value as stripped text (an object's ``name``; "" for nothing)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("name", "")
    return str(value).strip()


def _list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, list):
        raise Rejected(f"expected a list, got {value!r}")
    items = []
    for item in value:
        text = text_value(item)
        if text and text not in items:
            items.append(text)
    return items


def html_to_text(value: str) -> str:
    """Plain text from the source's HTML: paragraphs and list items on their own lines."""
    text = re.sub(r"(?i)<br\s*/?>", "\n", value or "")
    text = re.sub(r"(?i)</(p|div|li|h[1-6]|tr)>", "\n\n", text)
    text = re.sub(r"(?i)<li[^>]*>", "- ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decimal(value: Any, name: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").replace(" ", "").replace("\xa0", ""))
    except InvalidOperation as error:
        raise Rejected(f"{name}: “{value}” is not a number") from error
    if not number.is_finite():
        raise Rejected(f"{name}: “{value}” is not a number")
    return number


def _date(value: Any, name: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    try:
        return datetime.datetime.fromisoformat(text).date()
    except ValueError as error:
        raise Rejected(f"{name}: “{value}” is not a date (YYYY-MM-DD)") from error


def _deadline(value: Any, name: str) -> datetime.datetime | None:
    """A deadline given as a date means the end of that day, Paris time."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if "T" in text or " " in text:
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError as error:
            raise Rejected(f"{name}: “{value}” is not a date or a date and time") from error
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=end_of_day(moment.date()).tzinfo)
        return moment
    day = _date(value, name)
    return end_of_day(day) if day else None


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return mapping_key(str(value or "")) in {"true", "1", "oui", "yes", "vrai"}


def _mapped(values: Iterable[str], table: dict[str, str], codes: Iterable[str]) -> list[str]:
    codes = set(codes)
    found = []
    for value in values:
        key = mapping_key(value)
        code = key if key in codes else table.get(key)
        if code and code not in found:
            found.append(code)
    return found


def _legal_forms(audiences: list[str]) -> list[str]:
    """The legal forms the audiences open the call to; [] (any) when none is known."""
    known = [mapping_key(a) for a in audiences if mapping_key(a) in AUDIENCE_LEGAL_FORMS]
    forms = []
    for audience in known:
        for form in AUDIENCE_LEGAL_FORMS[audience]:
            if form not in forms:
                forms.append(str(form))
    if known and not forms:
        raise Rejected("open to private persons only, not to organisations")
    return forms


def _themes(categories: list[str], lookups: Lookups) -> set[int]:
    ids = set()
    for category in categories:
        for part in [category, *re.split(r"[|>/]", category)]:
            slug = CATEGORY_THEMES.get(mapping_key(part))
            if slug and slug in lookups.themes:
                ids.add(lookups.themes[slug].pk)
    return ids


def _territory(record: dict, lookups: Lookups) -> Territory | None:
    perimeter = record.get("perimeter")
    candidates = []
    if isinstance(perimeter, dict):
        candidates = [perimeter.get("code"), perimeter.get("name")]
    elif perimeter not in (None, ""):
        candidates = [perimeter]
    else:
        return None
    for candidate in candidates:
        if candidate and mapping_key(candidate) in lookups.territories:
            return lookups.territories[mapping_key(candidate)]
    raise Rejected(f"unknown perimeter “{text_value(perimeter) or perimeter}”")


def infer_kinds(name: str) -> tuple[str, str]:
    """(funder kind, source kind) guessed from a funder's or programme's name."""
    key = mapping_key(name)
    words = set(re.findall(r"[a-z0-9+]+", key))
    for keywords, funder_kind, source_kind in KIND_KEYWORDS:
        for keyword in keywords:
            if keyword in words or (" " in keyword and keyword in key):
                return str(funder_kind), str(source_kind)
    return str(DEFAULT_KINDS[0]), str(DEFAULT_KINDS[1])


def map_record(record: dict, lookups: Lookups, *, base_url: str = "") -> MappedCall:
    """The call a record describes; `Rejected` with the reason when it cannot be mapped."""
    # A call's name is one line (line breaks of the source are spaces here).
    name = " ".join(text_value(record.get("name")).split())
    if not name:
        raise Rejected("no name")
    funders = _list(record.get("financers"))
    if not funders:
        raise Rejected("no funder (“financers” is empty)")
    aid_labels = _list(record.get("aid_types"))
    aid_types = _mapped(aid_labels, AID_TYPES, FundingCall._meta.get_field("aid_types").item_values)
    if not aid_types:
        shown = ", ".join(aid_labels) or "none given"
        raise Rejected(f"no known aid type ({shown})")
    closes_at = _deadline(record.get("submission_deadline"), "submission_deadline")
    recurrence_label = mapping_key(text_value(record.get("recurrence"))).replace("-", "_")
    if recurrence_label:
        recurrence = (
            recurrence_label
            if recurrence_label in FundingCall.Recurrence.values
            else RECURRENCES.get(recurrence_label)
        )
        if recurrence is None:
            raise Rejected(f"unknown recurrence “{record.get('recurrence')}”")
    else:
        recurrence = "one_off" if closes_at else "ongoing"
    description = html_to_text(text_value(record.get("description")))
    eligibility = html_to_text(text_value(record.get("eligibility")))
    if eligibility:
        description = f"{description}\n\n{eligibility}".strip()
    summary = text_value(record.get("summary")) or Truncator(description.split("\n\n", 1)[0]).chars(
        SUMMARY_LENGTH
    )
    audiences = _list(record.get("targeted_audiences"))
    page = text_value(record.get("url"))
    if page.startswith("/"):  # the record's page at the source, relative to its site
        page = base_url.rstrip("/") + page if base_url else ""
    origin = text_value(record.get("origin_url"))
    loan_max = record.get("loan_amount") or record.get("recoverable_advance_amount")
    fields = {
        "name": name,
        "summary": summary,
        "description": description,
        "territory": _territory(record, lookups),
        "eligible_legal_forms": _legal_forms(audiences),
        "eligible_audiences": audiences,
        "aid_types": aid_types,
        "cost_types": _mapped(
            _list(record.get("destinations")), DESTINATIONS, ("operating", "investment")
        ),
        "recurrence": recurrence,
        "opens_on": _date(record.get("start_date"), "start_date"),
        "pre_deposit_at": _deadline(record.get("predeposit_date"), "predeposit_date"),
        "closes_at": closes_at,
        "amount_min": _decimal(record.get("amount_min"), "amount_min"),
        "amount_max": _decimal(record.get("amount_max") or loan_max, "amount_max"),
        "rate_min": _decimal(record.get("subvention_rate_lower_bound"), "rate lower bound"),
        "rate_max": _decimal(record.get("subvention_rate_upper_bound"), "rate upper bound"),
        "min_self_financing_rate": _decimal(
            record.get("min_self_financing_rate"), "min_self_financing_rate"
        ),
        "min_partners": int(_decimal(record.get("min_partners"), "min_partners") or 0),
        "required_countries": [c.upper() for c in _list(record.get("required_countries"))],
        "platform_fee_rate": _decimal(record.get("platform_fee_rate"), "platform_fee_rate"),
        "all_or_nothing": _boolean(record.get("all_or_nothing")),
        "application_url": text_value(record.get("application_url")) or origin,
        "source_url": page or origin,
        "licence": text_value(record.get("import_share_licence") or record.get("licence")),
        "raw_record": record,
    }
    programs = _list(record.get("programs"))
    program = programs[0] if programs else ""
    source_kind = text_value(record.get("source_kind"))
    if source_kind and source_kind not in FundingSource.Kind.values:
        raise Rejected(f"unknown source kind “{source_kind}”")
    return MappedCall(
        fields=fields,
        theme_ids=_themes(_list(record.get("categories")), lookups),
        funder_names=funders,
        program=program,
        source_kind=source_kind,
    )
