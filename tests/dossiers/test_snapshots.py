"""Submitted versions are frozen: editing the experiment (or the dossier after a change
request) never changes them, their documents or their PDF; reviewers see what changed."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

import funding.dossiers.services as dossiers
import funding.dossiers.snapshots as snapshots
import projects.experiments.services as experiment_services
from funding.dossiers.models import ApplicationVersion, AuditRecordError
from projects.experiments.models import BudgetLine
from tests.dossiers.helpers import (
    ANSWER,
    pdf_upload,
    submitted,
)

pytestmark = pytest.mark.django_db


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_editing_the_experiment_leaves_the_submitted_version_and_its_pdf_unchanged(world):
    application = submitted(world)
    version = application.versions.get()
    snapshot_before = dict(version.snapshot)
    pdf_before = _read(version.pdf)
    document_before = _read(version.documents.get().file)
    assert pdf_before.startswith(b"%PDF")
    assert snapshot_before["experiment"]["title"] == "Cuisine partagée à Gap"

    experiment_services.update_experiment(
        world.experiment,
        by=world.lead,
        changes={"title": "Un tout autre titre", "description": "Nouvelle description. " * 20},
    )
    BudgetLine.objects.create(experiment=world.experiment, label="Nouveau poste", amount="5000")

    version = ApplicationVersion.objects.get(pk=version.pk)
    assert version.snapshot == snapshot_before
    assert _read(version.pdf) == pdf_before
    assert _read(version.documents.get().file) == document_before
    # What the funder sees is the frozen version, not the experiment as it is now.
    for line in snapshots.flatten(version.snapshot).values():
        assert "Un tout autre titre" not in line[1]


def test_versions_cannot_be_changed_or_deleted(world):
    version = submitted(world).versions.get()
    version.snapshot = {"forged": True}
    with pytest.raises(AuditRecordError):
        version.save()
    with pytest.raises(AuditRecordError):
        version.delete()
    with pytest.raises(AuditRecordError):
        version.documents.get().save()


def test_a_resubmission_makes_a_new_version_and_the_reviewer_sees_the_changes(client, world):
    application = submitted(world)
    application = dossiers.run_transition(application, "start_review", by=world.reviewer_a)
    application = dossiers.run_transition(
        application, "request_changes", by=world.reviewer_a, comment="Réduisez le montant."
    )
    question = application.call.requirements.get(kind="question")
    statutes = application.call.requirements.get(kind="document", required=True)
    dossiers.save_answers(
        application,
        by=world.lead,
        requested_amount=Decimal("7500"),
        answers={question.pk: "Une réponse plus précise."},
    )
    dossiers.add_document(
        application,
        by=world.lead,
        requirement=statutes,
        uploaded=pdf_upload("statuts-2026.pdf", b"%PDF-1.4\n% nouvelle version\n%%EOF\n"),
    )
    experiment_services.update_experiment(
        world.experiment, by=world.lead, changes={"objectives": "Des objectifs revus."}
    )
    application = dossiers.run_transition(application, "resubmit", by=world.lead)
    first, second = application.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.snapshot["answers"][0]["text"] == ANSWER
    assert second.snapshot["answers"][0]["text"] == "Une réponse plus précise."
    assert _read(first.documents.get().file) != _read(second.documents.get().file)

    changes = {c.key: c for c in snapshots.diff(first.snapshot, second.snapshot)}
    assert set(changes) == {
        "requested_amount",
        "funding.total",  # the resources add the request up
        "funding.remaining",
        "experiment.objectives",
        f"answer.{question.pk}",
        f"document.{statutes.pk}",
    }
    # Read as the reviewer reads them: in their language, the share of the budget after it.
    with translation.override("fr"):
        changes = {c.key: c for c in snapshots.diff(first.snapshot, second.snapshot)}
    assert changes["requested_amount"].before.startswith("10\u00a0000,00\u00a0€ (50,0")
    assert changes["requested_amount"].after.startswith("7\u00a0500,00\u00a0€ (37,5")

    client.force_login(world.reviewer_a)
    url = reverse("funding:review_dossier", kwargs={"pk": application.pk})
    page = client.get(url).content.decode()  # latest version compared with the previous one
    assert f'data-change="answer.{question.pk}"' in page
    assert "Une réponse plus précise." in page
    old = client.get(url, {"version": 1}).content.decode()
    assert "data-change=" not in old and ANSWER in old
    assert client.get(url, {"version": 9}).status_code == 404
    assert client.get(url, {"compare": "x"}).status_code == 404


def test_the_zip_holds_every_version(client, world):
    application = submitted(world)
    client.force_login(world.reviewer_a)
    response = client.get(reverse("funding:review_zip", kwargs={"pk": application.pk}))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "v1/snapshot.json" in names
    assert f"v1/dossier-{application.pk}-v1.pdf" in names
    assert any(n.startswith("v1/documents/statuts-") for n in names)
    assert archive.read(f"v1/dossier-{application.pk}-v1.pdf").startswith(b"%PDF")


def test_a_deferred_pdf_is_rendered_once_from_the_frozen_snapshot(client, world):
    with snapshots.pdfs_deferred():
        application = submitted(world)
    version = application.versions.get()
    assert not version.pdf
    experiment_services.update_experiment(
        world.experiment, by=world.lead, changes={"title": "Titre changé après l'envoi"}
    )
    client.force_login(world.reviewer_a)
    url = reverse("funding:review_pdf", kwargs={"pk": application.pk, "number": 1})
    response = client.get(url)
    first = b"".join(response.streaming_content)
    assert first.startswith(b"%PDF")
    stored = ApplicationVersion.objects.get(pk=version.pk).pdf.name
    assert stored
    response = client.get(url)
    again = b"".join(response.streaming_content)
    assert again == first and ApplicationVersion.objects.get(pk=version.pk).pdf.name == stored
