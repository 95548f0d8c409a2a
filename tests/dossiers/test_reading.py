"""What the funder reads: the frozen dossier on the review page and in the PDF, in the reader's
language, with labels instead of codes and amounts and dates formatted for the locale
(funding/dossiers/reading.py)."""

import io
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

import funding.dossiers.reading as reading
import funding.dossiers.snapshots as snapshots
from tests.dossiers.readable import (
    CODES,
    ISO_DATE,
    RAW_DECIMAL,
    rich_dossier,
    snapshot_part,
    visible_text,
)

pytestmark = pytest.mark.django_db

# In each language: the in-kind line's amount, the investment subtotal, a label and a date.
EXPECTED = {
    "fr": ("1\xa0200,00\xa0€", "4\xa0350,50\xa0€", "Investissement", "31 décembre 2027"),
    "it": ("1.200,00\xa0€", "4.350,50\xa0€", "Investimento", "31 dicembre 2027"),
    "en": ("1,200.00\xa0€", "4,350.50\xa0€", "Investment", "Dec. 31, 2027"),
}


def _assert_readable(text: str, language: str) -> None:
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    if language != "en":  # in English 9,600.00 is how amounts are written
        assert not RAW_DECIMAL.search(text), RAW_DECIMAL.search(text)
        assert not CODES.search(text), CODES.search(text)
    for expected in EXPECTED[language]:
        assert expected in text, expected


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_the_funder_reads_the_dossier_in_their_language(client, world, language):
    application = rich_dossier(world)
    client.force_login(world.reviewer_a)
    with translation.override(language):
        url = reverse("funding:review_dossier", kwargs={"pk": application.pk})
    page = client.get(url).content.decode()
    text = visible_text(snapshot_part(page))
    _assert_readable(text, language)
    # The sections, the partners with their roles, the answer under its question.
    assert "Partenaire 0" in text and "Cuisine du mardi 0" in text
    assert "Pourquoi coopérer ?" in text and "Trois associations partagent" in text
    assert "356000000" in text and "35600000000048" in text and "W051000123" in text
    assert 'data-testid="verified-badge"' in snapshot_part(page)
    # Shares of the budget (35 150,50): 10 000 requested, 3 000 secured at another funder.
    assert "Fondation des Alpes — Appel des Alpes" in text
    decimal = "." if language == "en" else ","
    assert f"28{decimal}4" in text and f"8{decimal}5" in text
    # Documents with their type, size and download link.
    assert "Statuts" in text and "statuts.pdf" in text and "devis.pdf" in text
    assert f"/{application.pk}/" in page and 'href="' in snapshot_part(page)
    # Typed text keeps its (French) language inside an English or Italian page.
    marked = 'lang="fr"' in snapshot_part(page)
    assert marked is (language != "fr")


@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_the_pdf_is_readable_in_the_calls_language(world, language):
    application = rich_dossier(world)
    version = application.versions.get()
    snapshot = {**version.snapshot, "call": {**version.snapshot["call"], "language": language}}
    pdf = snapshots.render_pdf(snapshot, number=1, submitted_at=version.created_at)
    text = _pdf_text(pdf)
    _assert_readable(text, language)
    assert "Cuisine du mardi 0" in text and "Pourquoi coopérer" in text
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == language


def test_the_stored_pdf_is_a_tagged_pdf_a_in_the_calls_language(world):
    application = rich_dossier(world, pdf=True)
    version = application.versions.get()
    assert version.snapshot["call"]["language"] == "fr"
    with version.pdf.open("rb") as handle:
        pdf = handle.read()
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="A"' in xmp
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "fr"
    assert "/OutputIntents" in catalog  # the colour profile archival readers need
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Cuisine partagée à Gap — Appel du financeur A"
    assert "Fonctionnement" in _pdf_text(pdf)


# Snapshots frozen before this version of the reading: codes, money as strings, no languages,
# no secured funding; the oldest without the lead's numbers.
SCHEMA_1 = {
    "schema": 1,
    "call": {"id": 1, "name": "Appel ancien", "funder": "Financeur ancien"},
    "requested_amount": "15000.00",
    "experiment": {
        "title": "Ancienne expérimentation",
        "summary": "",
        "description": "Une description.",
        "objectives": "",
        "expected_results": "",
        "indicators": "",
        "lead_organisation": "Structure ancienne",
        "themes": ["Locaux et matériels"],
        "territories": ["Gap"],
        "start_date": "2027-03-01",
        "end_date": "",
        "self_financing": "5000.00",
        "budget_total": "30000.00",
    },
    "lead_identity": {"siret": "356000000", "rna": "", "verified_on": ""},
    "budget": [
        {"label": "Loyer", "nature": "operating", "amount": "9600.00", "in_kind": False},
        {"label": "Véhicule", "nature": "investment", "amount": "20000.00", "in_kind": False},
        {"label": "Prêt de salle", "nature": "operating", "amount": "400.00", "in_kind": True},
    ],
    "partners": [{"name": "Partenaire ancien", "role": "hébergement"}],
    "answers": [{"requirement_id": 7, "label": "Pourquoi ?", "text": "Parce que."}],
    "documents": [
        {
            "requirement_id": 8,
            "label": "Statuts",
            "name": "statuts.pdf",
            "size": 2048,
            "content_type": "application/pdf",
        }
    ],
}
OLDEST = {k: v for k, v in SCHEMA_1.items() if k not in {"schema", "lead_identity"}}


@pytest.mark.parametrize("snapshot", [SCHEMA_1, OLDEST], ids=["schema-1", "oldest"])
@pytest.mark.parametrize("language", ["fr", "it"])
def test_old_snapshots_read_with_labels_and_formatted_figures(snapshot, language):
    with translation.override(language):
        read = reading.read(snapshot)
        screen = render_to_string("funding/dossiers/_snapshot.html", {"reading": read})
        pdf_html = render_to_string(
            "funding/dossier_pdf.html",
            {"snapshot": snapshot, "reading": read, "language": language, "number": 1},
        )
        parts = snapshots.flatten(snapshot)
    compared = " ".join(f"{label} {text}" for label, text in parts.values())
    for text in (visible_text(screen), visible_text(pdf_html), compared):
        assert not RAW_DECIMAL.search(text) and not ISO_DATE.search(text)
        assert not CODES.search(text)
    budget = read.section("budget").budget
    assert [g.subtotal for g in budget.groups] == [Decimal("10000.00"), Decimal("20000.00")]
    assert budget.total == Decimal("30000.00") and budget.in_kind == Decimal("400.00")
    funding = {row.key: row for row in read.section("funding").rows}
    assert funding["requested_amount"].share == Decimal("50.0")
    assert funding["funding.remaining"].value == Decimal("9600.00")
    assert read.content_lang == ("" if language == "fr" else "fr")
    assert ("lead_identity.siren" in parts) is ("lead_identity" in snapshot)


def test_the_comparison_reads_like_the_page():
    newer = {
        **SCHEMA_1,
        "budget": [*SCHEMA_1["budget"], {"label": "Four", "nature": "investment", "amount": "800"}],
        "experiment": {**SCHEMA_1["experiment"], "start_date": "2027-04-01"},
    }
    with translation.override("fr"):
        changes = {c.key: c for c in snapshots.diff(SCHEMA_1, newer)}
    assert changes["experiment.start_date"].before == "1 mars 2027"
    assert changes["experiment.start_date"].after == "1 avril 2027"
    assert "Four (Investissement)" in changes["budget"].after
    assert "800,00\xa0€" in changes["budget"].after
    assert "Prêt de salle (Fonctionnement · En nature)" in changes["budget"].after
    assert changes["budget.investment"].after == "20\xa0800,00\xa0€"
    assert changes["experiment.budget_total"].before == "30\xa0000,00\xa0€"


def test_unknown_codes_and_bad_figures_never_show_raw():
    snapshot = {
        "budget": [{"label": "Étrange", "nature": "mystery", "amount": "n/a", "in_kind": False}],
        "requested_amount": None,
        "experiment": {"start_date": "not a date"},
    }
    with translation.override("en"):
        read = reading.read(snapshot)
    (group,) = read.section("budget").budget.groups
    assert group.label == "Other expenses" and group.subtotal == Decimal("0.00")
    project = {row.key: row for row in read.section("project").rows}
    assert project["experiment.start_date"].value is None


@pytest.mark.parametrize("count", [1, 6])
def test_the_review_page_costs_the_same_queries_whatever_the_dossiers_size(
    client, world, django_assert_max_num_queries, count
):
    application = rich_dossier(world, lines=count, partners=count, documents=count)
    client.force_login(world.reviewer_a)
    url = reverse("funding:review_dossier", kwargs={"pk": application.pk})
    client.get(url)  # warm the session and locale caches
    with django_assert_max_num_queries(32):
        page = client.get(url).content.decode()
    assert page.count("Cuisine du mardi") == count
