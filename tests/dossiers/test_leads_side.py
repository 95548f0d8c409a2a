"""The leads' side of a dossier: reusing the experiment's documents, removing one, the send
button disabled while the checklist is incomplete, refusals that redirect (post/redirect/get)
keeping what was typed, and withdrawing once confirmed."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import funding.dossiers.services as dossiers
import projects.experiments.services as experiment_services
from funding.dossiers.models import ApplicationDocument, FundingApplication
from projects.experiments.models import ExperimentMember
from tests.dossiers.helpers import PDF, draft, prepare, submitted, under_review
from tests.factories import ExperimentFactory, UserFactory, complete_sheet

S = FundingApplication.State
pytestmark = pytest.mark.django_db


def lead_url(application, route="funding:dossier", **extra):
    return reverse(
        route, kwargs={"pk": application.experiment_id, "dossier_pk": application.pk, **extra}
    )


def experiment_document(experiment, by, title="Statuts signés 2025", content=PDF):
    upload = SimpleUploadedFile("statuts-2025.pdf", content, content_type="application/pdf")
    return experiment_services.add_document(experiment, by=by, title=title, uploaded=upload)


def statutes_of(application):
    return application.call.requirements.get(kind="document", required=True)


# ---------------------------------------------------------------------- reusing a document
def test_the_lead_gives_a_document_of_the_experiment(client, world):
    application = draft(world)
    document = experiment_document(world.experiment, world.lead, content=PDF + b"%v2\n")
    client.force_login(world.lead)
    page = client.get(lead_url(application)).content.decode()
    assert 'data-testid="reuse-form"' in page
    assert "Statuts signés 2025 — PDF, " in page  # title, type and size (never a MIME type)
    assert "application/pdf" not in page
    response = client.post(
        lead_url(application, "funding:dossier_reuse"),
        {"reuse-requirement": statutes_of(application).pk, "reuse-document": document.pk},
    )
    assert response.status_code == 302
    copy = ApplicationDocument.objects.get(application=application)
    assert copy.original_name == document.original_name and copy.size == document.size
    assert copy.file.name != document.file.name  # a copy: either may change alone
    with copy.file.open("rb") as handle:
        assert handle.read() == PDF + b"%v2\n"
    application.refresh_from_db()
    assert not [gap for gap in dossiers.checklist(application) if gap.code.startswith("document")]


def test_a_document_of_another_experiment_is_refused(client, world):
    application = draft(world)
    elsewhere = ExperimentFactory(lead=world.lead)
    complete_sheet(elsewhere)
    foreign = experiment_document(elsewhere, world.lead)
    experiment_document(world.experiment, world.lead)
    client.force_login(world.lead)
    response = client.post(
        lead_url(application, "funding:dossier_reuse"),
        {"reuse-requirement": statutes_of(application).pk, "reuse-document": foreign.pk},
    )
    assert response.status_code == 400
    assert not ApplicationDocument.objects.filter(application=application).exists()
    with pytest.raises(ValidationError):
        dossiers.reuse_document(
            application, by=world.lead, requirement=statutes_of(application), document=foreign
        )
    assert not ApplicationDocument.objects.filter(application=application).exists()


def test_reusing_leaves_everything_as_it_was_when_the_store_fails(client, world):
    application = prepare(draft(world), world.lead)
    before = ApplicationDocument.objects.get(application=application)
    document = experiment_document(world.experiment, world.lead)
    client.force_login(world.lead)
    with mock.patch.object(ApplicationDocument, "save", side_effect=OSError("disk full")):
        response = client.post(
            lead_url(application, "funding:dossier_reuse"),
            {"reuse-requirement": statutes_of(application).pk, "reuse-document": document.pk},
        )
    assert response.status_code == 503
    after = ApplicationDocument.objects.get(application=application)
    assert (after.file.name, after.original_name) == (before.file.name, before.original_name)
    with after.file.open("rb") as handle:
        assert handle.read() == PDF


@pytest.mark.parametrize(
    "role, status", [("lead", 302), ("contributor", 302), ("coordinator", 302), ("stranger", 404)]
)
def test_who_may_reuse_a_document(client, world, role, status):
    application = draft(world)
    document = experiment_document(world.experiment, world.lead)
    people = {"lead": world.lead, "contributor": world.contributor}
    people.update(coordinator=world.coordinator, stranger=world.other)
    client.force_login(people[role])
    response = client.post(
        lead_url(application, "funding:dossier_reuse"),
        {"reuse-requirement": statutes_of(application).pk, "reuse-document": document.pk},
    )
    assert response.status_code == status
    assert ApplicationDocument.objects.filter(application=application).exists() == (status == 302)


def test_an_experiment_viewer_may_not_reuse(client, world):
    viewer = UserFactory()
    ExperimentMember.objects.create(
        experiment=world.experiment, user=viewer, role=ExperimentMember.Role.VIEWER
    )
    application = draft(world)
    document = experiment_document(world.experiment, world.lead)
    client.force_login(viewer)
    assert 'data-testid="reuse-form"' not in client.get(lead_url(application)).content.decode()
    response = client.post(
        lead_url(application, "funding:dossier_reuse"),
        {"reuse-requirement": statutes_of(application).pk, "reuse-document": document.pk},
    )
    assert response.status_code == 403


# ---------------------------------------------------------------------- removing a document
def test_removing_a_document_asks_first_then_removes_it(
    client, world, django_capture_on_commit_callbacks
):
    application = prepare(draft(world), world.lead)
    document = ApplicationDocument.objects.get(application=application)
    storage, name = document.file.storage, document.file.name
    client.force_login(world.lead)
    url = lead_url(application, "funding:dossier_document_remove", document_pk=document.pk)
    page = client.get(lead_url(application)).content.decode()
    assert f'action="{url}"' in page and "data-confirm=" in page
    asked = client.post(url)
    assert asked.status_code == 200 and 'name="confirmed" value="yes"' in asked.content.decode()
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"confirmed": "yes"})
    assert done.status_code == 302
    assert not ApplicationDocument.objects.filter(pk=document.pk).exists()
    assert not storage.exists(name)


def test_documents_of_a_dossier_under_review_cannot_be_removed(client, world):
    application = under_review(world)
    document = ApplicationDocument.objects.get(application=application)
    client.force_login(world.lead)
    url = lead_url(application, "funding:dossier_document_remove", document_pk=document.pk)
    assert client.post(url, {"confirmed": "yes"}).status_code == 403
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()


# ---------------------------------------------------------------------- sending
def test_the_send_button_is_disabled_while_the_checklist_is_incomplete(client, world):
    application = draft(world)
    client.force_login(world.lead)
    page = client.get(lead_url(application)).content.decode()
    assert 'disabled aria-describedby="blocked-submit dossier-checklist"' in page
    assert 'id="blocked-submit"' in page and 'id="dossier-checklist"' in page
    # The server refuses all the same, and answers with a redirection, not a page to reload.
    refused = client.post(
        lead_url(application, "funding:dossier_transition", name="submit"),
        {"expected_state": "draft"},
    )
    assert refused.status_code == 302
    application.refresh_from_db()
    assert application.state == S.DRAFT
    prepare(application, world.lead)
    page = client.get(lead_url(application)).content.decode()
    assert "blocked-submit" not in page and 'data-transition="submit"' in page


def test_a_refused_decision_keeps_what_the_reviewer_typed_once(client, world):
    application = under_review(world)
    FundingApplication.objects.filter(pk=application.pk).update(state=S.CHANGES_REQUESTED)
    client.force_login(world.reviewer_a)
    url = reverse("funding:review_dossier", kwargs={"pk": application.pk})
    refused = client.post(
        reverse(
            "funding:review_transition",
            kwargs={"pk": application.pk, "name": "request_changes"},
        ),
        {"expected_state": "under_review", "comment": "Budget hors du périmètre du programme."},
    )
    assert refused.status_code == 302 and refused["Location"] == url + "#actions"
    typed = client.session.get(f"dossier-transition-typed:{application.pk}")
    assert typed["name"] == "request_changes"
    FundingApplication.objects.filter(pk=application.pk).update(state=S.UNDER_REVIEW)
    page = client.get(url).content.decode()
    assert "Budget hors du périmètre du programme." in page  # prefilled in its form
    assert "Budget hors du périmètre" not in client.get(url).content.decode()  # once


def test_the_lead_withdraws_once_confirmed(client, world):
    application = submitted(world)
    client.force_login(world.lead)
    url = lead_url(application, "funding:dossier_transition", name="withdraw")
    page = client.get(lead_url(application)).content.decode()
    assert 'data-transition="withdraw"' in page and "data-confirm-label=" in page
    asked = client.post(url, {"expected_state": "submitted", "comment": "Projet reporté"})
    assert asked.status_code == 200
    html = asked.content.decode()
    assert 'name="comment" value="Projet reporté"' in html  # kept for the confirmation
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    done = client.post(
        url, {"expected_state": "submitted", "comment": "Projet reporté", "confirmed": "yes"}
    )
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.state == S.WITHDRAWN
    assert application.events.last().comment == "Projet reporté"


def test_only_leads_are_asked_to_confirm_a_withdrawal(client, world):
    application = submitted(world)
    client.force_login(world.contributor)
    url = lead_url(application, "funding:dossier_transition", name="withdraw")
    assert client.post(url, {"expected_state": "submitted"}).status_code == 403
