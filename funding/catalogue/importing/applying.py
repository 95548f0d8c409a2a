"""Applying mapped records: each call created, updated or left as it is, in one transaction,
with its funders and source; every record's outcome in the report."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from funding.catalogue.importing.mapping import (
    Lookups,
    MappedCall,
    Rejected,
    infer_kinds,
    map_record,
    text_value,
)
from funding.catalogue.importing.tables import mapping_key
from funding.catalogue.models import Funder, FundingCall, FundingSource, unique_slug

DEFAULT_SOURCE_NAME = "aides-territoires"
AIDES_TERRITOIRES_URL = "https://aides-territoires.beta.gouv.fr"


@dataclass(frozen=True)
class Outcome:
    """What happened to one record."""

    status: str  # created, updated, unchanged, rejected
    where: str  # "line 4" (CSV) or "record 2" (JSON)
    external_id: str
    name: str
    reason: str = ""
    call_id: int | None = None


@dataclass
class ImportReport:
    """Every record's outcome, in file order."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("created", "updated", "unchanged", "rejected")}


def _funder(name: str, lookups: Lookups, *, create: bool = True) -> Funder | None:
    """The canonical funder of that name (accents and case ignored), created if missing."""
    funder = lookups.funders.get(mapping_key(name))
    if funder is None and create:
        funder = Funder.objects.create(
            name=name, kind=infer_kinds(name)[0], locale=Locale.get_default()
        )
        lookups.funders[mapping_key(name)] = funder
    return funder


def _source(mapped: MappedCall, funder: Funder, lookups: Lookups) -> FundingSource:
    """The funder's source named after the record's programme (else after the funder)."""
    name = mapped.program or funder.name
    source = lookups.sources.get((funder.pk, mapping_key(name)))
    if source is None:
        kind = mapped.source_kind or infer_kinds(name)[1]
        source = FundingSource.objects.create(
            funder=funder, name=name, kind=kind, locale=Locale.get_default()
        )
        lookups.sources[(funder.pk, mapping_key(name))] = source
    return source


def _differs(call: FundingCall, values: dict[str, Any]) -> bool:
    return any(getattr(call, name) != value for name, value in values.items())


def _error_text(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def import_records(
    records: list[tuple[str, dict]],
    *,
    source_name: str = DEFAULT_SOURCE_NAME,
    licence: str = "",
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> ImportReport:
    """Create, update or keep the call of each record, in one transaction.

    A record is identified by (``source_name``, its ``id``). Funders named in ``financers`` are
    created when missing (the first is the call's funder, the others co-funders), and so is the
    source (the first of ``programs``, else one named after the funder). ``licence`` applies to
    records that do not give their own.
    """
    now = now or timezone.now()
    report = ImportReport()
    default_locale = Locale.get_default()
    with transaction.atomic():
        lookups = Lookups.load()
        existing = {
            call.external_id: call
            for call in FundingCall.objects.canonical()
            .filter(import_source=source_name)
            .prefetch_related("themes", "co_funders")
        }
        seen: set[str] = set()
        unchanged: list[int] = []
        for where, record in records:
            external_id = text_value(record.get("id"))
            name = text_value(record.get("name"))
            if not external_id:
                report.outcomes.append(Outcome("rejected", where, "", name, "no id"))
                continue
            if external_id in seen:
                report.outcomes.append(
                    Outcome("rejected", where, external_id, name, "same id as an earlier record")
                )
                continue
            seen.add(external_id)
            try:
                with transaction.atomic():
                    outcome = _write(
                        record,
                        existing.get(external_id),
                        lookups,
                        where=where,
                        external_id=external_id,
                        source_name=source_name,
                        licence=licence,
                        base_url=base_url,
                        now=now,
                        locale=default_locale,
                    )
            except Rejected as error:
                outcome = Outcome("rejected", where, external_id, name, str(error))
            except ValidationError as error:
                outcome = Outcome("rejected", where, external_id, name, _error_text(error))
            if outcome.status == "unchanged":
                unchanged.append(outcome.call_id)
            report.outcomes.append(outcome)
        if unchanged:
            # Only the fetch time changes: no signal needed (pages show nothing new).
            FundingCall.objects.filter(pk__in=unchanged).update(last_fetched_at=now)
    return report


def _write(
    record: dict,
    call: FundingCall | None,
    lookups: Lookups,
    *,
    where: str,
    external_id: str,
    source_name: str,
    licence: str,
    base_url: str,
    now: datetime.datetime,
    locale: Locale,
) -> Outcome:
    """Create, update or keep one call. Everything is checked before any funder or source is
    created, so that a rejected record leaves nothing behind."""
    mapped = map_record(record, lookups, base_url=base_url)
    values = dict(mapped.fields)
    values["licence"] = values["licence"] or licence
    funder_names = mapped.funder_names
    if call is None:
        call = FundingCall(import_source=source_name, external_id=external_id, locale=locale)
        call.slug = unique_slug(FundingCall, values["name"], locale.pk)
        status = "created"
    else:
        known = [_funder(name, lookups, create=False) for name in funder_names]
        same_funder = known[0] is not None and known[0].pk == call.source.funder_id
        same_co_funders = None not in known and {f.pk for f in known[1:]} - {
            call.source.funder_id
        } == {f.pk for f in call.co_funders.all()}
        same_themes = {t.pk for t in call.themes.all()} == mapped.theme_ids
        if same_funder and same_co_funders and same_themes and not _differs(call, values):
            return Outcome("unchanged", where, external_id, values["name"], call_id=call.pk)
        status = "updated"
    for name, value in values.items():
        setattr(call, name, value)
    call.last_fetched_at = now
    call.full_clean(exclude=["source"])
    funder = _funder(funder_names[0], lookups)
    if status == "created" or call.source.funder_id != funder.pk:
        call.source = _source(mapped, funder, lookups)
    co_funders = {_funder(name, lookups).pk for name in funder_names[1:]} - {funder.pk}
    call.save()
    call.themes.set(mapped.theme_ids)
    call.co_funders.set(co_funders)
    call.save()  # ParentalManyToManyField relations are written on save
    return Outcome(status, where, external_id, call.name, call_id=call.pk)
