"""Importing funding calls from files in the shape of the Aides-territoires API.

`read_records` turns a JSON file (`{"results": [...]}`, as `/api/aids/` pages it) or a CSV file
(one column per key) into records, or raises `MalformedFile`; `import_records` creates, updates
or leaves each call as it is, idempotently by (source name, record id), and rejects the records
it cannot map with the reason. `docs/funding.md` documents the format and the mapping tables.
"""

import csv
import datetime
import html
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.models import Locale

from funding.catalogue.models import Funder, FundingCall, FundingSource, end_of_day, unique_slug
from projects.network.models import Organisation, Territory, Theme

DEFAULT_SOURCE_NAME = "aides-territoires"
AIDES_TERRITOIRES_URL = "https://aides-territoires.beta.gouv.fr"
SUMMARY_LENGTH = 300

LF = Organisation.LegalForm
ESS_COMPANIES = [LF.COMPANY, LF.SCIC, LF.SCOP, LF.COOPERATIVE, LF.ESUS]


def fold(text: str) -> str:
    """Lower case, without accents, apostrophes unified and spaces collapsed: the key every
    mapping table is looked up with."""
    text = str(text).replace("\u2019", "'")  # typographic apostrophe
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Mapping tables (keys folded with `fold`); docs/funding.md shows them to importers.
# ---------------------------------------------------------------------------------------------
AID_TYPES = {
    "subvention": "grant",
    "pret": "loan",
    "avance recuperable": "recoverable_advance",
    "garantie": "guarantee",
    "aide en nature": "in_kind",
    "ingenierie": "engineering",
    "ingenierie technique": "engineering",
    "ingenierie financiere": "engineering",
    "ingenierie juridique / administrative": "engineering",
    "accompagnement": "engineering",
    "financement participatif (don)": "crowdfunding_donation",
    "financement participatif (recompense)": "crowdfunding_reward",
    "financement participatif (pret)": "crowdfunding_loan",
    "financement participatif (capital)": "crowdfunding_equity",
}
DESTINATIONS = {
    "depenses de fonctionnement": "operating",
    "fonctionnement": "operating",
    "operation": "operating",
    "depenses d'investissement": "investment",
    "investissement": "investment",
}
RECURRENCES = {
    "ponctuelle": "one_off",
    "oneoff": "one_off",
    "permanente": "ongoing",
    "recurrente": "recurring",
}
# Targeted audiences → the legal forms they open the call to. An audience mapped to nothing
# (private persons) opens it to no organisation.
AUDIENCE_LEGAL_FORMS: dict[str, list[str]] = {
    "associations": [LF.ASSOCIATION],
    "association": [LF.ASSOCIATION],
    "entreprises privees": ESS_COMPANIES,
    "private_sector": ESS_COMPANIES,
    "entreprises de l'economie sociale et solidaire": [
        LF.ASSOCIATION,
        LF.SCIC,
        LF.SCOP,
        LF.COOPERATIVE,
        LF.MUTUAL,
        LF.FOUNDATION,
        LF.ESUS,
    ],
    "cooperatives": [LF.COOPERATIVE, LF.SCIC, LF.SCOP],
    "fondations": [LF.FOUNDATION],
    "mutuelles": [LF.MUTUAL],
    "communes": [LF.LOCAL_AUTHORITY],
    "commune": [LF.LOCAL_AUTHORITY],
    "epci": [LF.LOCAL_AUTHORITY],
    "intercommunalites / pays": [LF.LOCAL_AUTHORITY],
    "departements": [LF.LOCAL_AUTHORITY],
    "department": [LF.LOCAL_AUTHORITY],
    "regions": [LF.LOCAL_AUTHORITY],
    "region": [LF.LOCAL_AUTHORITY],
    "collectivites d'outre-mer a statuts particuliers": [LF.LOCAL_AUTHORITY],
    "special": [LF.LOCAL_AUTHORITY],
    "etablissements publics (ecoles, bibliotheques...) / services de l'etat": [LF.PUBLIC_BODY],
    "etablissements publics": [LF.PUBLIC_BODY],
    "public_org": [LF.PUBLIC_BODY],
    "entreprises publiques locales (sem, spl, semop)": [LF.COMPANY, LF.PUBLIC_BODY],
    "public_cies": [LF.COMPANY, LF.PUBLIC_BODY],
    "recherche": [LF.UNIVERSITY],
    "researcher": [LF.UNIVERSITY],
    "agriculteurs": [LF.COMPANY, LF.COOPERATIVE],
    "farmer": [LF.COMPANY, LF.COOPERATIVE],
    "particuliers": [],
    "private_person": [],
}
# Categories (or either half of "Thème | Catégorie") → theme slugs of the cooperation domains.
CATEGORY_THEMES: dict[str, str] = {
    "batiments et construction": "locaux-materiels",
    "equipement public": "locaux-materiels",
    "foncier": "locaux-materiels",
    "tiers-lieux": "locaux-materiels",
    "mutualisation de moyens": "locaux-materiels",
    "communication": "communication-echanges",
    "medias et communication": "communication-echanges",
    "numerique": "communication-echanges",
    "emploi": "competences-emploi-formation",
    "formation professionnelle": "competences-emploi-formation",
    "formation": "competences-emploi-formation",
    "insertion professionnelle": "competences-emploi-formation",
    "competences": "competences-emploi-formation",
    "economie sociale et solidaire": "diversification-financiere",
    "finance solidaire": "diversification-financiere",
    "financement participatif": "diversification-financiere",
    "mecenat": "diversification-financiere",
    "cooperation": "projets-communs",
    "cooperation transfrontaliere": "projets-communs",
    "cohesion sociale": "projets-communs",
    "lien social": "projets-communs",
    "services au public": "projets-communs",
    "vie associative": "projets-communs",
    "solidarites": "projets-communs",
    "innovation sociale": "projets-communs",
    "ingenierie de projet": "appui-ingenierie",
    "accompagnement de projets": "appui-ingenierie",
    "appui aux porteurs de projets": "appui-ingenierie",
}
# Perimeter names that are not a territory's name (folded) → territory slug.
PERIMETER_ALIASES = {
    "europe": "eu",
    "union europeenne": "eu",
    "region sud": "paca",
    "region provence-alpes-cote d'azur": "paca",
    "massif alpin": "massif-alpes",
    "massif des alpes": "massif-alpes",
    "alcotra": "alcotra",
    "interreg alcotra": "alcotra",
}
# Words in a funder's or programme's name → (funder kind, source kind), first match wins.
KIND_KEYWORDS: list[tuple[tuple[str, ...], str, str]] = [
    (("fondation", "foundation"), Funder.Kind.FOUNDATION, FundingSource.Kind.FOUNDATION),
    (
        (
            "feder",
            "feader",
            "fse",
            "fse+",
            "leader",
            "interreg",
            "erasmus+",
            "erasmus",
            "europe",
            "europeen",
            "europeenne",
            "union europeenne",
            "commission europeenne",
        ),
        Funder.Kind.EU,
        FundingSource.Kind.EU_PROGRAMME,
    ),
    (("region", "regional", "regionale"), Funder.Kind.LOCAL_AUTHORITY, FundingSource.Kind.REGION),
    (
        ("departement", "departemental", "departementale", "conseil departemental"),
        Funder.Kind.LOCAL_AUTHORITY,
        FundingSource.Kind.DEPARTEMENT,
    ),
    (
        ("commune", "communaute", "metropole", "mairie", "ville de", "petr", "gal", "parc"),
        Funder.Kind.LOCAL_AUTHORITY,
        FundingSource.Kind.LOCAL_AUTHORITY,
    ),
    (
        ("france active", "nef", "finance solidaire"),
        Funder.Kind.SOLIDARITY_FINANCE,
        FundingSource.Kind.SOLIDARITY_FINANCE,
    ),
    (("banque", "caisse", "credit", "bank"), Funder.Kind.BANK, FundingSource.Kind.BANK),
    (
        ("ministere", "etat", "prefecture", "agence", "ademe", "anct", "dreets", "direction"),
        Funder.Kind.STATE,
        FundingSource.Kind.STATE,
    ),
]
# Without a matching word: a public body (counted against the cap on public funding).
DEFAULT_KINDS = (Funder.Kind.OTHER, FundingSource.Kind.STATE)

REQUIRED_KEYS = ("id", "name")
LIST_KEYS = (
    "financers",
    "programs",
    "targeted_audiences",
    "aid_types",
    "categories",
    "destinations",
    "required_countries",
)


class MalformedFile(Exception):
    """The file as a whole cannot be read: nothing is imported."""


class Rejected(Exception):
    """One record cannot be mapped; the others are imported."""


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


# ---------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------
def read_records(path: str | Path, file_format: str | None = None) -> list[tuple[str, dict]]:
    """(where, record) for each record of a JSON or CSV file; `MalformedFile` if unreadable."""
    path = Path(path)
    file_format = (file_format or path.suffix.lstrip(".")).lower()
    if file_format not in {"json", "csv"}:
        raise MalformedFile(f"Unknown format “{file_format}”: give a .json or .csv file.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise MalformedFile(f"No such file: {path}") from error
    except UnicodeDecodeError as error:
        raise MalformedFile(f"The file is not UTF-8 text ({error.reason}).") from error
    if not text.strip():
        raise MalformedFile("The file is empty.")
    return parse_json(text) if file_format == "json" else parse_csv(text)


def parse_json(text: str) -> list[tuple[str, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedFile(
            f"Invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}."
        ) from error
    if isinstance(data, dict):
        if "results" not in data:
            raise MalformedFile("The JSON object has no “results” list.")
        data = data["results"]
    if not isinstance(data, list):
        raise MalformedFile("“results” must be a list of records.")
    records = []
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise MalformedFile(f"Record {number} is not an object.")
        records.append((f"record {number}", record))
    return records


def parse_csv(text: str) -> list[tuple[str, dict]]:
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error as error:
        raise MalformedFile("The CSV header line cannot be read.") from error
    reader = csv.DictReader(io.StringIO(text), dialect=dialect, restkey="__extra__")
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [key for key in REQUIRED_KEYS if key not in header]
    if missing:
        raise MalformedFile(f"The CSV header lacks the column(s): {', '.join(missing)}.")
    reader.fieldnames = header
    records = []
    try:
        for row in reader:
            line = f"line {reader.line_num}"
            if "__extra__" in row:
                raise MalformedFile(f"CSV {line} has more fields than the header.")
            if None in row.values():
                raise MalformedFile(f"CSV {line} has fewer fields than the header.")
            records.append((line, {key: _csv_value(key, value) for key, value in row.items()}))
    except csv.Error as error:
        raise MalformedFile(f"CSV error at line {reader.line_num}: {error}.") from error
    return records


def _csv_value(key: str, value: str) -> Any:
    value = value.strip()
    if key in LIST_KEYS:
        if value.startswith("["):
            try:
                parsed = json.loads(value)
            except json.JSONDecodeError:
                parsed = None
            if isinstance(parsed, list):
                return parsed
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


# ---------------------------------------------------------------------------------------------
# Mapping one record
# ---------------------------------------------------------------------------------------------
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
                    territories.setdefault(fold(key), territory)
        by_slug = {t.slug: t for t in territories.values()}
        for alias, slug in PERIMETER_ALIASES.items():
            if slug in by_slug:
                territories.setdefault(alias, by_slug[slug])
        return cls(
            territories=territories,
            themes={theme.slug: theme for theme in Theme.objects.canonical()},
            funders={fold(f.name): f for f in Funder.objects.canonical()},
            sources={(s.funder_id, fold(s.name)): s for s in FundingSource.objects.canonical()},
        )


@dataclass
class MappedCall:
    """A record turned into a call's field values and relations."""

    fields: dict[str, Any]
    theme_ids: set[int]
    funder_names: list[str]
    program: str
    source_kind: str


def _text(value: Any) -> str:
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
        text = _text(item)
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
    return fold(str(value or "")) in {"true", "1", "oui", "yes", "vrai"}


def _mapped(values: Iterable[str], table: dict[str, str], codes: Iterable[str]) -> list[str]:
    codes = set(codes)
    found = []
    for value in values:
        key = fold(value)
        code = key if key in codes else table.get(key)
        if code and code not in found:
            found.append(code)
    return found


def _legal_forms(audiences: list[str]) -> list[str]:
    """The legal forms the audiences open the call to; [] (any) when none is known."""
    known = [fold(a) for a in audiences if fold(a) in AUDIENCE_LEGAL_FORMS]
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
            slug = CATEGORY_THEMES.get(fold(part))
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
        if candidate and fold(candidate) in lookups.territories:
            return lookups.territories[fold(candidate)]
    raise Rejected(f"unknown perimeter “{_text(perimeter) or perimeter}”")


def infer_kinds(name: str) -> tuple[str, str]:
    """(funder kind, source kind) guessed from a funder's or programme's name."""
    key = fold(name)
    words = set(re.findall(r"[a-z0-9+]+", key))
    for keywords, funder_kind, source_kind in KIND_KEYWORDS:
        for keyword in keywords:
            if keyword in words or (" " in keyword and keyword in key):
                return str(funder_kind), str(source_kind)
    return str(DEFAULT_KINDS[0]), str(DEFAULT_KINDS[1])


def map_record(record: dict, lookups: Lookups, *, base_url: str = "") -> MappedCall:
    """The call a record describes; `Rejected` with the reason when it cannot be mapped."""
    name = _text(record.get("name"))
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
    recurrence_label = fold(_text(record.get("recurrence"))).replace("-", "_")
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
    description = html_to_text(_text(record.get("description")))
    eligibility = html_to_text(_text(record.get("eligibility")))
    if eligibility:
        description = f"{description}\n\n{eligibility}".strip()
    summary = _text(record.get("summary")) or Truncator(description.split("\n\n", 1)[0]).chars(
        SUMMARY_LENGTH
    )
    audiences = _list(record.get("targeted_audiences"))
    page = _text(record.get("url"))
    if page.startswith("/"):  # the record's page at the source, relative to its site
        page = base_url.rstrip("/") + page if base_url else ""
    origin = _text(record.get("origin_url"))
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
        "application_url": _text(record.get("application_url")) or origin,
        "source_url": page or origin,
        "licence": _text(record.get("import_share_licence") or record.get("licence")),
        "raw_record": record,
    }
    programs = _list(record.get("programs"))
    program = programs[0] if programs else ""
    source_kind = _text(record.get("source_kind"))
    if source_kind and source_kind not in FundingSource.Kind.values:
        raise Rejected(f"unknown source kind “{source_kind}”")
    return MappedCall(
        fields=fields,
        theme_ids=_themes(_list(record.get("categories")), lookups),
        funder_names=funders,
        program=program,
        source_kind=source_kind,
    )


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def _funder(name: str, lookups: Lookups, *, create: bool = True) -> Funder | None:
    """The canonical funder of that name (accents and case ignored), created if missing."""
    funder = lookups.funders.get(fold(name))
    if funder is None and create:
        funder = Funder.objects.create(
            name=name, kind=infer_kinds(name)[0], locale=Locale.get_default()
        )
        lookups.funders[fold(name)] = funder
    return funder


def _source(mapped: MappedCall, funder: Funder, lookups: Lookups) -> FundingSource:
    """The funder's source named after the record's programme (else after the funder)."""
    name = mapped.program or funder.name
    source = lookups.sources.get((funder.pk, fold(name)))
    if source is None:
        kind = mapped.source_kind or infer_kinds(name)[1]
        source = FundingSource.objects.create(
            funder=funder, name=name, kind=kind, locale=Locale.get_default()
        )
        lookups.sources[(funder.pk, fold(name))] = source
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
            external_id = _text(record.get("id"))
            name = _text(record.get("name"))
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
