"""Demo funding dossiers: funders with their people and review processes, and dossiers in every
state and at every stage.

`financeur@example.org` is the staff of France Active PACA (one review stage),
`financeur2@example.org` of the Fondation de France (screening, external review by
`relecteur@` and `relectrice@`, selection committee with `comite@`); the GAL Pays gapençais
follows the eligibility-then-committee preset. Dossiers are prepared, submitted, reviewed and
decided through `funding.dossiers.services`, by the people whose role allows it, so versions,
PDFs, audit records and notifications are those of real use. The pooled-treasury experiment
applies to both funders. Loading again creates only what is missing. The people, processes,
criteria and dossiers are listed in `home/demo/data/dossiers.yaml`.
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import Locale

import funding.dossiers.services as dossiers
import funding.dossiers.snapshots as snapshots
from accounts.models import User
from accounts.notifications import emails_suppressed
from funding.catalogue.models import Funder, FundingCall
from funding.dossiers.models import (
    CallCriterion,
    FunderMembership,
    FundingApplication,
    ReviewProcess,
)
from home.demo.content import read
from projects.experiments.models import Experiment

S = FundingApplication.State

# The experiment that applies to both funders (tests look its dossiers up by its title).
TREASURY = "Trésorerie mutualisée entre associations du Gapençais"

# Smallest content the upload check recognises as a PDF (it reads the magic number).
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ensure_people() -> dict[int, User]:
    """The funders' people (accounts created by `accounts`) in their roles; returns each
    funder's staff by the funder's id."""
    staff = {}
    french = Locale.get_default()
    for spec in read("dossiers")["people"]:
        user = User.objects.get(email=spec["email"])
        funder = Funder.objects.get(name=spec["funder"], locale=french)
        FunderMembership.objects.get_or_create(
            user=user, funder=funder, defaults={"role": spec["role"]}
        )
        if spec["role"] == FunderMembership.Role.STAFF:
            staff[funder.pk] = user
    return staff


def ensure_processes() -> None:
    """Each funder's copy of its preset, made by the coordination (a funder without staff)."""
    french = Locale.get_default()
    coordinator = User.objects.get(email="coordination@example.org")
    for spec in read("dossiers")["processes"]:
        funder = Funder.objects.get(name=spec["funder"], locale=french)
        if ReviewProcess.objects.filter(funder=funder).exists():
            continue
        preset = ReviewProcess.objects.get(funder=None, preset=spec["preset"])
        dossiers.copy_review_process(preset, funder=funder, name=spec["name"], by=coordinator)


def ensure_criteria(calls: dict[str, FundingCall]) -> None:
    for slug, criteria in read("dossiers")["criteria"].items():
        call = calls[slug]
        if call.criteria.exists():
            continue
        for position, criterion in enumerate(criteria):
            CallCriterion.objects.create(
                call=call,
                label=criterion["label"],
                weight=criterion["weight"],
                sort_order=position,
                locale=call.locale,
            )


def _lead_of(experiment: Experiment) -> User:
    return User.objects.get(
        experiment_memberships__experiment=experiment, experiment_memberships__role="lead"
    )


def _prepare(application: FundingApplication, lead: User, amount: str) -> None:
    dossiers.save_answers(
        application,
        by=lead,
        requested_amount=Decimal(amount),
        answers={
            r.pk: read("dossiers")["answer"]
            for r in application.call.requirements.all()
            if r.kind == "question"
        },
    )
    for requirement in application.call.requirements.all():
        if requirement.kind == "document":
            upload = SimpleUploadedFile(
                f"{requirement.label}.pdf", DEMO_PDF, content_type="application/pdf"
            )
            dossiers.add_document(application, by=lead, requirement=requirement, uploaded=upload)


def _fresh(application: FundingApplication) -> FundingApplication:
    """The dossier as the next service reads it (its stage, assignments and reviews now)."""
    return FundingApplication.objects.get(pk=application.pk)


def _scores(application: FundingApplication, values: list[int]) -> dict[str, tuple[int, str]]:
    """``values`` given in order to the criteria of the dossier's current stage."""
    criteria = dossiers.criteria_of(application, application.stage, localized=False)
    return {c["key"]: (value, "") for c, value in zip(criteria, values, strict=False)}


def _staff_scores(application: FundingApplication, staff: User, values: list[int]) -> None:
    """The staff's own review, at a stage they score."""
    application = _fresh(application)
    if values and _scores(application, values):
        dossiers.save_review(application, by=staff, scores=_scores(application, values))


def _step(application, step: dict, *, lead: User, staff: User, spec: dict) -> FundingApplication:
    if "assign" in step:
        due_on = timezone.localdate() + datetime.timedelta(days=step.get("due_in_days", 10))
        for email in step["assign"]:
            reviewer = User.objects.get(email=email)
            dossiers.assign_reviewer(
                _fresh(application), by=staff, reviewer=reviewer, due_on=due_on
            )
        return application
    if "review" in step:
        current = _fresh(application)
        dossiers.save_review(
            current,
            by=User.objects.get(email=step["review"]),
            scores=_scores(current, step.get("scores", [])),
            comment=step.get("comment", ""),
            recommendation=step.get("recommendation", ""),
        )
        return application
    name = step["transition"]
    if name in {"accept", "decline", "request_changes"}:
        _staff_scores(application, staff, spec.get("scores", []))
    return dossiers.run_transition(
        _fresh(application),
        name,
        by=lead if step["by"] == "lead" else staff,
        comment=step.get("comment", ""),
        granted_amount=spec.get("granted"),
    )


def load() -> list[FundingApplication]:
    """The funders' people and processes, criteria and the dossiers that do not exist yet."""
    data = read("dossiers")
    staff_of = ensure_people()
    ensure_processes()
    calls = {c.slug: c for c in FundingCall.objects.canonical().filter(slug__in=data["criteria"])}
    ensure_criteria(calls)
    created = []
    with emails_suppressed(), snapshots.pdfs_deferred():
        for spec in data["dossiers"]:
            experiment = Experiment.objects.filter(title=spec["experiment"]).first()
            call = calls[spec["call"]]
            if experiment is None or experiment.funding_applications.filter(call=call).exists():
                continue
            lead = _lead_of(experiment)
            staff = staff_of[call.source.funder_id]
            application = dossiers.start_application(experiment, call, by=lead)
            _prepare(application, lead, spec["amount"])
            for step in spec.get("steps", []):
                application = _step(application, step, lead=lead, staff=staff, spec=spec)
            if application.state == S.UNDER_REVIEW:
                _staff_scores(application, staff, spec.get("scores", []))
            created.append(application)
    return created
