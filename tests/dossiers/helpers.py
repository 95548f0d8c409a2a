"""Fixtures and helpers of the dossier tests: two funders (A and B), each with a call, its
questions, documents and criteria, and their reviewers; an experiment with its lead,
contributor, and people who have nothing to do with it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import funding.dossiers.services as dossiers
from accounts import roles
from accounts.models import User
from funding.catalogue.models import CallRequirement, FundingCall
from funding.dossiers.models import CallCriterion, FunderMembership, FundingApplication
from projects.experiments.models import Experiment, ExperimentMember
from tests.factories import (
    ExperimentFactory,
    FunderFactory,
    FundingCallFactory,
    FundingSourceFactory,
    OrganisationFactory,
    UserFactory,
    complete_sheet,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ANSWER = "Trois associations partagent un poste et un local."


def pdf_upload(name: str = "statuts.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_call(funder, *, name: str, **fields) -> FundingCall:
    """A call of ``funder`` with one question, one required document and two criteria."""
    source = FundingSourceFactory(funder=funder)
    call = FundingCallFactory(source=source, name=name, **fields)
    locale = call.locale
    CallRequirement.objects.create(
        call=call, kind="question", label="Pourquoi coopérer ?", locale=locale, sort_order=0
    )
    CallRequirement.objects.create(
        call=call, kind="document", label="Statuts", locale=locale, sort_order=1
    )
    CallRequirement.objects.create(
        call=call,
        kind="document",
        label="Devis",
        required=False,
        locale=locale,
        sort_order=2,
    )
    CallCriterion.objects.create(call=call, label="Utilité sociale", weight=3, locale=locale)
    CallCriterion.objects.create(call=call, label="Faisabilité", weight=1, locale=locale)
    return call


@dataclass
class World:
    experiment: Experiment
    call_a: FundingCall
    call_b: FundingCall
    lead: User
    contributor: User
    other: User
    coordinator: User
    reviewer_a: User
    reviewer_a2: User
    reviewer_b: User
    anonymous: AnonymousUser

    def user(self, role: str):
        return getattr(self, role)


def reviewer_of(funder, email: str) -> User:
    user = UserFactory(email=email, full_name=f"Relecteur {email.split('@')[0]}")
    FunderMembership.objects.create(user=user, funder=funder)
    return user


@pytest.fixture
def world(db) -> World:
    funder_a = FunderFactory(name="Financeur A")
    funder_b = FunderFactory(name="Financeur B")
    lead = UserFactory(email="dossier-lead@example.org", full_name="Léa Porteuse")
    contributor = UserFactory(email="dossier-contrib@example.org")
    coordinator = UserFactory(email="dossier-coord@example.org")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    experiment = ExperimentFactory(lead=lead, title="Cuisine partagée à Gap")
    complete_sheet(experiment, budget="20000.00")
    ExperimentMember.objects.create(
        experiment=experiment,
        user=contributor,
        role=ExperimentMember.Role.CONTRIBUTOR,
        organisation=OrganisationFactory(),
    )
    return World(
        experiment=experiment,
        call_a=make_call(funder_a, name="Appel du financeur A"),
        call_b=make_call(funder_b, name="Appel du financeur B"),
        lead=lead,
        contributor=contributor,
        other=UserFactory(email="dossier-other@example.org"),
        coordinator=coordinator,
        reviewer_a=reviewer_of(funder_a, "relecteur-a@example.org"),
        reviewer_a2=reviewer_of(funder_a, "relecteur-a2@example.org"),
        reviewer_b=reviewer_of(funder_b, "relecteur-b@example.org"),
        anonymous=AnonymousUser(),
    )


def prepare(
    application: FundingApplication, by: User, *, amount: str = "10000"
) -> FundingApplication:
    """Answer every question and give every required document."""
    dossiers.save_answers(
        application,
        by=by,
        requested_amount=Decimal(amount),
        answers={r.pk: ANSWER for r in application.call.requirements.all() if r.kind == "question"},
    )
    for requirement in application.call.requirements.filter(kind="document", required=True):
        dossiers.add_document(application, by=by, requirement=requirement, uploaded=pdf_upload())
    application.refresh_from_db()
    return application


def draft(world: World, call: FundingCall | None = None) -> FundingApplication:
    return dossiers.start_application(world.experiment, call or world.call_a, by=world.lead)


def submitted(world: World, call: FundingCall | None = None, **kwargs) -> FundingApplication:
    application = prepare(draft(world, call), world.lead, **kwargs)
    return dossiers.run_transition(application, "submit", by=world.lead)


def under_review(world: World, call: FundingCall | None = None) -> FundingApplication:
    application = submitted(world, call)
    reviewer = world.reviewer_a if application.call_id == world.call_a.pk else world.reviewer_b
    return dossiers.run_transition(application, "start_review", by=reviewer)


def closed_call(funder, **fields) -> FundingCall:
    return make_call(
        funder,
        name="Appel clos",
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
        **fields,
    )
