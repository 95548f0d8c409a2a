"""The dossier as people read it: a frozen snapshot turned into sections of labelled values.

A snapshot (`snapshots.build_snapshot`) is plain JSON that keeps internal codes (« operating »)
and money as strings (« 15000.00 »). `read` turns any snapshot, whatever its `SCHEMA`, into
`Reading`: sections with headings, rows of label and value, amounts as `Decimal`, dates as
`date`, codes replaced by the labels of the model's choices in the active language. The funder's
screen (`funding/dossiers/_snapshot.html`), the PDF (`funding/dossiers/_snapshot_pdf.html`) and
the comparison of two versions (`parts`, used by `snapshots.diff`) all read this one structure,
so a value reads the same everywhere.

Text people typed keeps its language: a row carries ``lang`` (its value's language) and
``label_lang`` (its label's, for the call's questions) whenever it differs from the page's, for
the templates' ``lang`` attributes. Call it with the reader's language active.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from projects.experiments.models import BudgetLine

ZERO = Decimal("0.00")

# Kinds of value: each is formatted for the reader's locale by the templates and by `Row.text`.
TEXT, AMOUNT, DATE, LIST, DOCUMENT = "text", "amount", "date", "list", "document"
VERIFIED = "verified"

EXPERIMENT_TEXTS = ("title", "summary", "description", "objectives", "expected_results")


def _labels() -> dict[str, str]:
    """The labels of the experiment's fields (evaluated in the active language)."""
    return {
        "title": _("Title"),
        "summary": pgettext("abstract", "Summary"),
        "description": _("Description"),
        "objectives": _("Objectives"),
        "expected_results": _("Expected results"),
        "indicators": _("Indicators"),
        "start_date": _("Start date"),
        "end_date": _("End date"),
        "themes": _("Themes"),
        "territories": _("Territories"),
    }


def money(value) -> Decimal | None:
    """A snapshot's amount (« 15000.00 », a number, None) as a Decimal; None if unreadable."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None


def day(value) -> date | None:
    """A snapshot's ISO date as a date; None if empty or unreadable."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def format_amount(amount: Decimal) -> str:
    return f"{formats.number_format(amount, 2, force_grouping=True)}\u00a0€"


def format_share(share: Decimal) -> str:
    return _("%(value)s%%") % {"value": formats.number_format(share, 1, force_grouping=True)}


def share_of(amount: Decimal, total: Decimal) -> Decimal | None:
    """``amount`` as a percentage of ``total`` (one decimal); None when there is no total."""
    if not total:
        return None
    return (amount * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Row:
    """One labelled value of the dossier."""

    key: str  # stable between versions: the comparison matches rows on it
    label: str
    value: object = ""
    kind: str = TEXT
    lang: str = ""  # the value's language, when it is not the page's
    label_lang: str = ""  # the label's language, when it is not the page's
    share: Decimal | None = None  # percentage of the budget (funding rows)
    size: int | None = None  # bytes (documents)
    url: str = ""  # where to download it (documents, on screen)
    total: bool = False  # a total line of a table

    @property
    def is_empty(self) -> bool:
        return self.value is None or self.value == "" or self.value == []

    @property
    def text(self) -> str:
        """The value as the reader reads it, in the active language (for the comparison)."""
        value = self.value
        if self.is_empty:
            return ""
        if self.kind == AMOUNT:
            text = format_amount(value)
            return f"{text} ({format_share(self.share)})" if self.share is not None else text
        if self.kind == DATE:
            return formats.date_format(value, "DATE_FORMAT")
        if self.kind == LIST:
            return ", ".join(value)
        if self.kind == DOCUMENT:
            return f"{value} ({filesizeformat(self.size or 0)})"
        if self.kind == VERIFIED:
            return _("Verified organisation (since %(date)s)") % {
                "date": formats.date_format(value, "DATE_FORMAT")
            }
        return str(value)


@dataclass(frozen=True)
class BudgetItem:
    label: str
    amount: Decimal
    in_kind: bool
    lang: str = ""


@dataclass(frozen=True)
class BudgetGroup:
    """The lines of one type of expense (operating, investment) and their subtotal."""

    nature: str  # the code, for markup only: never shown
    label: str
    items: tuple[BudgetItem, ...]
    subtotal: Decimal


@dataclass(frozen=True)
class Budget:
    groups: tuple[BudgetGroup, ...]
    total: Decimal
    in_kind: Decimal


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: tuple[Row, ...] = ()
    budget: Budget | None = None
    empty: str = ""  # what to say when there are no rows


@dataclass(frozen=True)
class Reading:
    """A frozen dossier, ready to be read in the active language."""

    title: str
    call: str
    funder: str
    language: str  # the page's language
    content_lang: str  # the language of what people typed, when it is not the page's
    call_lang: str  # the language of the call's texts, when it is not the page's
    sections: tuple[Section, ...] = field(default=())

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def _language(code: str | None) -> str:
    return (code or settings.LANGUAGE_CODE).split("-")[0].lower()


def content_language(snapshot: dict) -> str:
    """The language the experiment was written in (the platform's for older snapshots)."""
    return _language(snapshot.get("language"))


def call_language(snapshot: dict) -> str:
    """The language of the call (its name and questions); the platform's when not recorded."""
    return _language((snapshot.get("call") or {}).get("language"))


def nature_label(code: str) -> str:
    try:
        return str(BudgetLine.Nature(code).label)
    except ValueError:
        return _("Other expenses")


def read(snapshot: dict, *, document_url: Callable[[dict], str | None] | None = None) -> Reading:
    """The snapshot as sections for the reader (the active language); ``document_url`` gives
    the download address of a document of the snapshot, on screen."""
    page = _language(translation.get_language())
    content = content_language(snapshot)
    content_lang = content if content != page else ""
    call_lang = call_language(snapshot) if call_language(snapshot) != page else ""
    experiment = snapshot.get("experiment") or {}
    call = snapshot.get("call") or {}
    budget = _budget(snapshot, content_lang)
    sections = (
        Section("project", _("The project"), _project_rows(experiment, content_lang)),
        Section("lead", _("Lead organisation"), _lead_rows(snapshot)),
        Section(
            "partners",
            _("Partners"),
            tuple(
                Row("partners", p.get("name", ""), p.get("role", ""), lang=content_lang)
                for p in snapshot.get("partners") or []
            ),
            empty=_("No partner."),
        ),
        Section("budget", _("Budget"), budget=budget),
        Section("funding", _("Funding"), _funding_rows(snapshot, budget, call)),
        Section(
            "answers",
            _("Answers"),
            tuple(
                Row(
                    f"answer.{a.get('requirement_id')}",
                    a.get("label", ""),
                    a.get("text", ""),
                    lang=content_lang,
                    label_lang=call_lang,
                )
                for a in snapshot.get("answers") or []
            ),
            empty=_("The call asks no question."),
        ),
        Section(
            "documents",
            _("Documents"),
            tuple(
                Row(
                    f"document.{d.get('requirement_id')}",
                    d.get("label", ""),
                    d.get("name", ""),
                    kind=DOCUMENT,
                    label_lang=call_lang,
                    size=d.get("size") or 0,
                    url=(document_url(d) or "") if document_url else "",
                )
                for d in snapshot.get("documents") or []
            ),
            empty=_("No document."),
        ),
    )
    return Reading(
        title=experiment.get("title", ""),
        call=call.get("name", ""),
        funder=call.get("funder", ""),
        language=page,
        content_lang=content_lang,
        call_lang=call_lang,
        sections=sections,
    )


def _project_rows(experiment: dict, lang: str) -> tuple[Row, ...]:
    labels = _labels()
    rows = [
        Row(f"experiment.{name}", labels[name], experiment.get(name) or "", lang=lang)
        for name in (*EXPERIMENT_TEXTS, "indicators")
    ]
    for name in ("start_date", "end_date"):
        rows.append(Row(f"experiment.{name}", labels[name], day(experiment.get(name)), DATE))
    for name in ("themes", "territories"):
        values = experiment.get(name) or []
        rows.append(Row(f"experiment.{name}", labels[name], list(values), LIST, lang=lang))
    return tuple(rows)


def _lead_rows(snapshot: dict) -> tuple[Row, ...]:
    experiment = snapshot.get("experiment") or {}
    rows = [Row("experiment.lead_organisation", _("Name"), experiment.get("lead_organisation"))]
    identity = snapshot.get("lead_identity")
    if identity is None:  # frozen before organisations' numbers were recorded
        return tuple(rows)
    number = (identity.get("siret") or "").replace(" ", "")
    numbers = (
        ("lead_identity.siren", _("SIREN"), number[:9]),
        ("lead_identity.siret", _("SIRET"), number if len(number) == 14 else ""),
        ("lead_identity.rna", _("RNA number"), identity.get("rna") or ""),
    )
    rows += [Row(key, label, value) for key, label, value in numbers if value]
    verified_on = day(identity.get("verified_on"))
    rows.append(
        Row("lead_identity.verified", _("Verification"), verified_on, VERIFIED)
        if verified_on
        else Row("lead_identity.verified", _("Verification"), _("Not verified"))
    )
    return tuple(rows)


def _budget(snapshot: dict, lang: str) -> Budget:
    groups: dict[str, list[BudgetItem]] = {code: [] for code in BudgetLine.Nature.values}
    for line in snapshot.get("budget") or []:
        item = BudgetItem(
            label=line.get("label", ""),
            amount=money(line.get("amount")) or ZERO,
            in_kind=bool(line.get("in_kind")),
            lang=lang,
        )
        groups.setdefault(line.get("nature") or "", []).append(item)
    built = tuple(
        BudgetGroup(
            nature=code,
            label=nature_label(code),
            items=tuple(items),
            subtotal=sum((i.amount for i in items), ZERO),
        )
        for code, items in groups.items()
        if items
    )
    total = sum((g.subtotal for g in built), ZERO)
    if not built:  # a snapshot without lines still says its total
        total = money((snapshot.get("experiment") or {}).get("budget_total")) or ZERO
    in_kind = sum((i.amount for g in built for i in g.items if i.in_kind), ZERO)
    return Budget(groups=built, total=total, in_kind=in_kind)


def _funding_rows(snapshot: dict, budget: Budget, call: dict) -> tuple[Row, ...]:
    """Who pays what: self-financing, contributions in kind, this request and the funding
    already secured (as frozen), each with its share of the budget; then what is still to find."""
    total = budget.total
    experiment = snapshot.get("experiment") or {}
    self_financing = money(experiment.get("self_financing")) or ZERO
    requested = money(snapshot.get("requested_amount")) or ZERO

    def row(key: str, label: str, amount: Decimal, **extra) -> Row:
        return Row(key, label, amount, AMOUNT, share=share_of(amount, total), **extra)

    rows = [row("experiment.self_financing", _("Self-financing"), self_financing)]
    if budget.in_kind:
        rows.append(row("funding.in_kind", _("In kind"), budget.in_kind))
    funder = call.get("funder") or ""
    rows.append(
        row(
            "requested_amount",
            _("This request (%(funder)s)") % {"funder": funder} if funder else _("This request"),
            requested,
        )
    )
    secured = [
        (f"{s.get('funder', '')} — {s.get('call', '')}", money(s.get("amount")) or ZERO)
        for s in snapshot.get("secured_funding") or []
    ]
    rows += [row("funding.secured", label, amount) for label, amount in secured]
    covered = self_financing + budget.in_kind + requested + sum((a for _l, a in secured), ZERO)
    rows.append(row("funding.total", _("Total of the resources"), covered, total=True))
    rows.append(
        row("funding.remaining", _("Still to find"), max(total - covered, ZERO), total=True)
    )
    return tuple(rows)


def parts(reading: Reading) -> dict[str, tuple[str, str]]:
    """key → (label, text) of every part of the dossier, in reading order, for comparison.

    Rows that share a key (partners, secured funding) make one part, a line each; the budget
    is one part of lines plus its subtotals and total, so that adding a line shows as one change.
    """
    grouped = {"partners": _("Partners"), "funding.secured": _("Secured funding")}
    found: dict[str, tuple[str, list[str]]] = {}
    for section in reading.sections:
        if section.budget is not None:
            _budget_parts(found, section)
        for row in section.rows:
            if row.key in grouped:
                line = f"{row.label} — {row.text}" if row.text else row.label
                found.setdefault(row.key, (grouped[row.key], []))[1].append(line)
            else:
                found[row.key] = (row.label, [row.text])
    return {key: (str(label), "\n".join(lines)) for key, (label, lines) in found.items()}


def _budget_parts(found: dict, section: Section) -> None:
    budget = section.budget
    lines = []
    for group in budget.groups:
        for item in group.items:
            kind = f"{group.label} · {_('In kind')}" if item.in_kind else group.label
            lines.append(
                _("%(label)s (%(type)s): %(amount)s")
                % {"label": item.label, "type": kind, "amount": format_amount(item.amount)}
            )
    found["budget"] = (section.title, lines)
    for group in budget.groups:
        found[f"budget.{group.nature}"] = (
            _("Subtotal: %(type)s") % {"type": group.label},
            [format_amount(group.subtotal)],
        )
    found["experiment.budget_total"] = (_("Total budget"), [format_amount(budget.total)])
