"""Frozen versions of a dossier: the snapshot taken at submission, its PDF, the differences
between two versions and the ZIP of everything a funder received.

A snapshot is plain JSON built from the experiment and the dossier at the moment of submission;
nothing in it points at rows that may change later (labels and amounts are copied, not linked).
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.pdf import PdfUnavailable, load_weasyprint
from projects.experiments.models import Experiment

SCHEMA = 1

EXPERIMENT_FIELDS = (
    "title",
    "summary",
    "description",
    "objectives",
    "expected_results",
    "indicators",
)

LABELS = {
    "requested_amount": _("Requested amount (€)"),
    "experiment.title": _("Title"),
    "experiment.summary": pgettext_lazy("abstract", "Summary"),
    "experiment.description": _("Description"),
    "experiment.objectives": _("Objectives"),
    "experiment.expected_results": _("Expected results"),
    "experiment.indicators": _("Indicators"),
    "experiment.lead_organisation": _("Lead organisation"),
    "experiment.themes": _("Themes"),
    "experiment.territories": _("Territories"),
    "experiment.start_date": _("Start date"),
    "experiment.end_date": _("End date"),
    "experiment.self_financing": _("Self-financing"),
    "experiment.budget_total": _("Total budget"),
    "budget": _("Budget"),
    "partners": _("Partners"),
    "lead_identity.numbers": _("Lead organisation's SIREN, SIRET or RNA number"),
    "lead_identity.verified": _("Verification of the lead organisation"),
}


def _money(value) -> str:
    return f"{Decimal(value or 0):.2f}"


def build_snapshot(application) -> dict:
    """Everything a funder receives, as it is now (called under the dossier's row lock)."""
    experiment = (
        Experiment.objects.with_sheet()
        .prefetch_related("partner_links__organisation")
        .get(pk=application.experiment_id)
    )
    call = application.call
    answers = {a.requirement_id: a.text for a in application.answers.all()}
    documents = {d.requirement_id: d for d in application.documents.all()}
    requirements = list(call.requirements.all())
    return {
        "schema": SCHEMA,
        "call": {"id": call.pk, "name": call.name, "funder": call.source.funder.name},
        "requested_amount": _money(application.requested_amount),
        "experiment": {
            **{name: getattr(experiment, name) or "" for name in EXPERIMENT_FIELDS},
            "lead_organisation": experiment.lead_organisation.name,
            "themes": sorted(theme.name for theme in experiment.themes.all()),
            "territories": sorted(t.name for t in experiment.territories.all()),
            "start_date": experiment.start_date.isoformat() if experiment.start_date else "",
            "end_date": experiment.end_date.isoformat() if experiment.end_date else "",
            "self_financing": _money(experiment.self_financing),
            "budget_total": _money(experiment.budget_total),
        },
        "lead_identity": lead_identity(experiment.lead_organisation),
        "budget": [
            {
                "label": line.label,
                "nature": line.nature,
                "amount": _money(line.amount),
                "in_kind": line.in_kind,
            }
            for line in experiment.budget_lines.all()
        ],
        "partners": [
            {"name": link.organisation.name, "role": link.role}
            for link in experiment.partner_links.all()
            if link.is_accepted  # an invited organisation has not agreed to take part yet
        ],
        "answers": [
            {"requirement_id": r.pk, "label": r.label, "text": answers.get(r.pk, "")}
            for r in requirements
            if r.kind == "question"
        ],
        "documents": [
            {
                "requirement_id": r.pk,
                "label": r.label,
                "name": documents[r.pk].original_name,
                "size": documents[r.pk].size,
                "content_type": documents[r.pk].content_type,
            }
            for r in requirements
            if r.kind == "document" and r.pk in documents
        ],
    }


def lead_identity(organisation) -> dict:
    """The lead organisation's numbers and verification, frozen with the dossier: a funder
    reads whether it was verified when the dossier was submitted."""
    verified_at = organisation.verified_at
    return {
        "siret": organisation.siret,
        "rna": organisation.rna,
        "verified_on": verified_at.date().isoformat() if verified_at else "",
    }


def lead_verified_on(snapshot: dict) -> date | None:
    """The date the lead organisation was verified, as frozen in ``snapshot`` (None if it was
    not, or the snapshot predates the verification of organisations)."""
    text = (snapshot.get("lead_identity") or {}).get("verified_on") or ""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def flatten(snapshot: dict) -> dict[str, tuple[str, str]]:
    """key → (label, text) of every part of a snapshot, in reading order, for comparison."""
    found: dict[str, tuple[str, str]] = {}

    def put(key: str, text, label=None) -> None:
        found[key] = (str(label or LABELS.get(key, key)), str(text))

    put("requested_amount", snapshot.get("requested_amount", ""))
    for name, value in snapshot.get("experiment", {}).items():
        put(f"experiment.{name}", ", ".join(value) if isinstance(value, list) else value)
    if "lead_identity" in snapshot:
        identity = snapshot["lead_identity"]
        put(
            "lead_identity.numbers",
            " · ".join(n for n in (identity["siret"], identity["rna"]) if n),
        )
        verified_on = lead_verified_on(snapshot)
        put(
            "lead_identity.verified",
            _("Verified organisation (since %(date)s)")
            % {"date": formats.date_format(verified_on, "DATE_FORMAT")}
            if verified_on
            else _("Not verified"),
        )
    put(
        "budget",
        "\n".join(
            f"{line['label']} ({line['nature']}{', in kind' if line['in_kind'] else ''}): "
            f"{line['amount']} €"
            for line in snapshot.get("budget", [])
        ),
    )
    put(
        "partners",
        "\n".join(
            f"{p['name']} — {p['role']}" if p["role"] else p["name"]
            for p in snapshot.get("partners", [])
        ),
    )
    for answer in snapshot.get("answers", []):
        put(f"answer.{answer['requirement_id']}", answer["text"], answer["label"])
    for document in snapshot.get("documents", []):
        put(
            f"document.{document['requirement_id']}",
            f"{document['name']} ({document['size']} o)",
            document["label"],
        )
    return found


@dataclass(frozen=True)
class Change:
    """One part of the dossier that differs between two versions."""

    key: str
    label: str
    before: str
    after: str


def diff(older: dict, newer: dict) -> list[Change]:
    """The parts that changed from ``older`` to ``newer`` (added and removed ones included)."""
    old, new = flatten(older), flatten(newer)
    changes = []
    for key in [*new, *(k for k in old if k not in new)]:
        before = old.get(key, ("", ""))[1]
        after = new.get(key, ("", ""))[1]
        if before != after:
            label = (new.get(key) or old.get(key))[0]
            changes.append(Change(key=key, label=label, before=before, after=after))
    return changes


def render_pdf(snapshot: dict, *, number: int, submitted_at) -> bytes | None:
    """The version as a PDF in the platform's language; None when WeasyPrint is unavailable."""
    try:
        weasyprint = load_weasyprint()
    except PdfUnavailable:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "funding/dossier_pdf.html",
            {
                "snapshot": snapshot,
                "number": number,
                "submitted_at": submitted_at,
                "parts": flatten(snapshot).values(),
            },
        )
    # Built from this HTML alone: nothing is fetched from the network or the file system.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, base_url="/", url_fetcher=fetcher).write_pdf()


_pdfs_deferred = contextvars.ContextVar("pdfs_deferred", default=False)


@contextlib.contextmanager
def pdfs_deferred() -> Iterator[None]:
    """Submit without rendering PDFs now (the demo loader): each version's PDF is rendered from
    its frozen snapshot the first time someone downloads it, then kept."""
    token = _pdfs_deferred.set(True)
    try:
        yield
    finally:
        _pdfs_deferred.reset(token)


def rendering_deferred() -> bool:
    return _pdfs_deferred.get()


def ensure_pdf(version):
    """The version with its PDF, rendered now from the frozen snapshot if it was deferred."""
    from django.core.files.base import ContentFile

    from funding.dossiers.models import ApplicationVersion

    if version.pdf:
        return version
    pdf = render_pdf(version.snapshot, number=version.number, submitted_at=version.created_at)
    if pdf is None:
        return version
    field = version.pdf
    name = field.field.generate_filename(
        version, f"dossier-{version.application_id}-v{version.number}.pdf"
    )
    stored = field.storage.save(name, ContentFile(pdf))
    # Only a missing PDF is ever filled in; a version's PDF is never replaced.
    updated = ApplicationVersion.objects.filter(pk=version.pk, pdf="").update(pdf=stored)
    if not updated:
        field.storage.delete(stored)
        return ApplicationVersion.objects.get(pk=version.pk)
    version.pdf.name = stored
    return version


def document_file_name(label: str, original_name: str) -> str:
    return f"{slugify(label)[:60] or 'document'}-{original_name}"


def build_zip(application, versions) -> bytes:
    """Every submitted version of the dossier: snapshot, PDF and documents, one folder each."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for version in versions:
            version = ensure_pdf(version)
            folder = f"v{version.number}"
            archive.writestr(
                f"{folder}/snapshot.json",
                json.dumps(version.snapshot, ensure_ascii=False, indent=2),
            )
            if version.pdf:
                with version.pdf.open("rb") as handle:
                    archive.writestr(
                        f"{folder}/dossier-{application.pk}-v{version.number}.pdf", handle.read()
                    )
            for document in version.documents.all():
                with document.file.open("rb") as handle:
                    archive.writestr(
                        f"{folder}/documents/"
                        + document_file_name(document.label, document.original_name),
                        handle.read(),
                    )
    return buffer.getvalue()
