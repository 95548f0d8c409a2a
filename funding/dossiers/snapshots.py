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
from django.utils import translation
from django.utils.text import slugify

import funding.dossiers.reading as reading
from core.pdf import PdfUnavailable, archival_pdf
from projects.experiments.models import Experiment

# 2: the languages of the experiment and of the call, and the funding already secured.
# Older snapshots stay as they were frozen: `reading` reads every schema.
SCHEMA = 2

EXPERIMENT_FIELDS = (
    "title",
    "summary",
    "description",
    "objectives",
    "expected_results",
    "indicators",
)


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
        # What the experiment's people typed is in the platform's language: experiments do not
        # record another one (yet); `reading` marks it when a page is in another language.
        "language": getattr(experiment, "language", "") or settings.LANGUAGE_CODE,
        "call": {
            "id": call.pk,
            "name": call.name,
            "funder": call.source.funder.name,
            "language": call.locale.language_code,
        },
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
        "secured_funding": secured_funding(application),
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


def secured_funding(application) -> list[dict]:
    """The experiment's other dossiers already accepted, with what each secured (for a
    crowdfunding dossier, what its campaign secured), as the funder of this one reads them."""
    from funding.dossiers.models import FundingApplication

    accepted = (
        FundingApplication.objects.filter(
            experiment_id=application.experiment_id, state=FundingApplication.State.ACCEPTED
        )
        .exclude(pk=application.pk)
        .select_related("call__source__funder", "campaign")
        .order_by("pk")
    )
    found = []
    for other in accepted:
        if other.is_crowdfunding:
            campaign = getattr(other, "campaign", None)
            amount = campaign.secured if campaign else None
        else:
            amount = other.granted_amount
        if amount:
            found.append(
                {
                    "funder": other.call.source.funder.name,
                    "call": other.call.name,
                    "amount": _money(amount),
                }
            )
    return found


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
    return reading.day((snapshot.get("lead_identity") or {}).get("verified_on"))


def flatten(snapshot: dict) -> dict[str, tuple[str, str]]:
    """key → (label, text) of every part of a snapshot, in reading order, as the reader reads
    it in the active language (labels, amounts and dates formatted), for comparison."""
    return reading.parts(reading.read(snapshot))


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


def pdf_language(snapshot: dict) -> str:
    """The language of a version's PDF: the call's, else the platform's (French)."""
    language = reading.call_language(snapshot)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render_pdf(snapshot: dict, *, number: int, submitted_at) -> bytes | None:
    """The version as a tagged PDF/A in the call's language; None when WeasyPrint is
    unavailable. The lead and the funder download this same file."""
    language = pdf_language(snapshot)
    with translation.override(language):
        html = render_to_string(
            "funding/dossier_pdf.html",
            {
                "snapshot": snapshot,
                "reading": reading.read(snapshot),
                "language": language,
                "number": number,
                "submitted_at": submitted_at,
            },
        )
    try:
        return archival_pdf(html)
    except PdfUnavailable:
        return None


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
