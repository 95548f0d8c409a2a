"""Demo funding dossiers: two funders with their reviewers, and dossiers in every state.

`financeur@example.org` reviews for France Active PACA, `financeur2@example.org` for the
Fondation de France. Dossiers are prepared, submitted, reviewed and decided through
`funding.dossiers.services`, by the people whose role allows it, so versions, PDFs, audit records
and notifications are those of real use. The pooled-treasury experiment applies to both funders.
Loading again creates only the dossiers that are missing. The reviewers, criteria and dossiers
are listed in `home/demo/data/dossiers.yaml`.
"""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale

import funding.dossiers.services as dossiers
import funding.dossiers.snapshots as snapshots
from accounts.models import User
from accounts.notifications import emails_suppressed
from funding.catalogue.models import Funder, FundingCall
from funding.dossiers.models import CallCriterion, FunderMembership, FundingApplication
from home.demo.content import read
from projects.experiments.models import Experiment

S = FundingApplication.State

# The experiment that applies to both funders (tests look its dossiers up by its title).
TREASURY = "Trésorerie mutualisée entre associations du Gapençais"

# Smallest content the upload check recognises as a PDF (it reads the magic number).
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ensure_reviewers() -> dict[str, User]:
    """The two reviewer accounts (created by `accounts`) linked to their funders."""
    reviewers = {}
    french = Locale.get_default()
    for spec in read("dossiers")["reviewers"]:
        user = User.objects.get(email=spec["email"])
        funder = Funder.objects.get(name=spec["funder"], locale=french)
        FunderMembership.objects.get_or_create(user=user, funder=funder)
        reviewers[funder.pk] = user
    return reviewers


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


def load() -> list[FundingApplication]:
    """Reviewers, criteria and the dossiers that do not exist yet."""
    data = read("dossiers")
    reviewers = ensure_reviewers()
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
            reviewer = reviewers[call.source.funder_id]
            application = dossiers.start_application(experiment, call, by=lead)
            _prepare(application, lead, spec["amount"])
            scores = spec.get("scores", [])
            for step in spec.get("steps", []):
                name = step["transition"]
                if name == "accept" or name == "decline" or name == "request_changes":
                    application.refresh_from_db()
                    if scores:
                        criteria = list(call.criteria.all())
                        dossiers.save_review(
                            application,
                            by=reviewer,
                            scores={
                                f"call-{c.pk}": (score, "")
                                for c, score in zip(criteria, scores, strict=False)
                            },
                        )
                application = dossiers.run_transition(
                    application,
                    name,
                    by=lead if step["by"] == "lead" else reviewer,
                    comment=step.get("comment", ""),
                    granted_amount=spec.get("granted"),
                )
            if scores and application.state == S.UNDER_REVIEW:
                criteria = list(call.criteria.all())
                dossiers.save_review(
                    application,
                    by=reviewer,
                    scores={
                        f"call-{c.pk}": (s, "") for c, s in zip(criteria, scores, strict=False)
                    },
                )
            created.append(application)
    return created
