"""Demo funding dossiers: two funders with their reviewers, and dossiers in every state.

`financeur@example.org` reviews for France Active PACA, `financeur2@example.org` for the
Fondation de France. Dossiers are prepared, submitted, reviewed and decided through
`funding.dossiers.services`, by the people whose role allows it, so versions, PDFs, audit records and
notifications are those of real use. The pooled-treasury experiment applies to both funders.
Loading again creates only the dossiers that are missing.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale

import funding.dossiers.services as dossiers
import funding.dossiers.snapshots as snapshots
from accounts.models import User
from accounts.notifications import emails_suppressed
from funding.catalogue.models import Funder, FundingCall
from funding.dossiers.models import CallCriterion, FunderMembership, FundingApplication
from projects.experiments.models import Experiment

S = FundingApplication.State

REVIEWERS = {
    "financeur@example.org": "France Active Provence-Alpes-Côte d'Azur",
    "financeur2@example.org": "Fondation de France",
}

FRANCE_ACTIVE = "france-active-subvention"
HORS_PISTES = "fondation-de-france-hors-pistes"

CRITERIA = {
    FRANCE_ACTIVE: [
        ("Utilité sociale du projet", 3),
        ("Viabilité économique", 2),
        ("Coopération entre structures", 2),
    ],
    HORS_PISTES: [
        ("Initiative citoyenne et participation des habitants", 3),
        ("Ancrage dans le territoire de montagne", 2),
        ("Caractère innovant", 1),
    ],
}

TREASURY = "Trésorerie mutualisée entre associations du Gapençais"
QUEYRAS = "Coopération transfrontalière Queyras – Val de Suse"
BRIANCONNAIS = "Locaux et matériels partagés dans le Briançonnais"
ACCOUNTANT = "Un comptable partagé par trois employeurs"
CHAMPSAUR = "Un outil de communication commun pour le Champsaur"

# Smallest content the upload check recognises as a PDF (it reads the magic number).
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass(frozen=True)
class DemoDossier:
    experiment: str
    call: str
    amount: str
    # (transition, who: "lead" or "reviewer", comment)
    steps: list[tuple[str, str, str]] = field(default_factory=list)
    scores: list[int] = field(default_factory=list)
    granted: str | None = None


DOSSIERS = [
    DemoDossier(
        TREASURY,
        FRANCE_ACTIVE,
        "15000",
        [("submit", "lead", ""), ("start_review", "reviewer", "")],
        scores=[4, 3, 5],
    ),
    DemoDossier(TREASURY, HORS_PISTES, "12000", [("submit", "lead", "")]),
    DemoDossier(
        QUEYRAS,
        FRANCE_ACTIVE,
        "20000",
        [
            ("submit", "lead", ""),
            ("start_review", "reviewer", ""),
            (
                "request_changes",
                "reviewer",
                "Merci de préciser la part de chaque partenaire dans le budget prévisionnel.",
            ),
        ],
        scores=[3, 2, 4],
    ),
    DemoDossier(QUEYRAS, HORS_PISTES, "10000"),
    DemoDossier(
        BRIANCONNAIS,
        FRANCE_ACTIVE,
        "18000",
        [
            ("submit", "lead", ""),
            ("start_review", "reviewer", ""),
            ("accept", "reviewer", "Projet solide, porté par un collectif déjà actif."),
        ],
        scores=[5, 4, 4],
        granted="15000",
    ),
    DemoDossier(
        ACCOUNTANT,
        HORS_PISTES,
        "8000",
        [
            ("submit", "lead", ""),
            ("start_review", "reviewer", ""),
            (
                "decline",
                "reviewer",
                "Le programme soutient des initiatives citoyennes plutôt que la mutualisation "
                "d'emplois administratifs.",
            ),
        ],
        scores=[1, 3, 2],
    ),
    DemoDossier(
        CHAMPSAUR,
        HORS_PISTES,
        "6000",
        [
            ("submit", "lead", ""),
            ("withdraw", "lead", "Nous représenterons le projet à la prochaine session."),
        ],
    ),
]


def ensure_reviewers() -> dict[str, User]:
    """The two reviewer accounts (created by `accounts`) linked to their funders."""
    reviewers = {}
    french = Locale.get_default()
    for email, funder_name in REVIEWERS.items():
        user = User.objects.get(email=email)
        funder = Funder.objects.get(name=funder_name, locale=french)
        FunderMembership.objects.get_or_create(user=user, funder=funder)
        reviewers[funder.pk] = user
    return reviewers


def ensure_criteria(calls: dict[str, FundingCall]) -> None:
    for slug, criteria in CRITERIA.items():
        call = calls[slug]
        if call.criteria.exists():
            continue
        for position, (label, weight) in enumerate(criteria):
            CallCriterion.objects.create(
                call=call, label=label, weight=weight, sort_order=position, locale=call.locale
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
            r.pk: "Réponse préparée avec les partenaires de l'expérimentation."
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
    reviewers = ensure_reviewers()
    calls = {c.slug: c for c in FundingCall.objects.canonical().filter(slug__in=CRITERIA)}
    ensure_criteria(calls)
    created = []
    with emails_suppressed(), snapshots.pdfs_deferred():
        for spec in DOSSIERS:
            experiment = Experiment.objects.filter(title=spec.experiment).first()
            call = calls[spec.call]
            if experiment is None or experiment.funding_applications.filter(call=call).exists():
                continue
            lead = _lead_of(experiment)
            reviewer = reviewers[call.source.funder_id]
            application = dossiers.start_application(experiment, call, by=lead)
            _prepare(application, lead, spec.amount)
            for name, who, comment in spec.steps:
                if name == "accept" or name == "decline" or name == "request_changes":
                    application.refresh_from_db()
                    if spec.scores:
                        criteria = list(call.criteria.all())
                        dossiers.save_review(
                            application,
                            by=reviewer,
                            scores={
                                c.pk: (score, "")
                                for c, score in zip(criteria, spec.scores, strict=False)
                            },
                        )
                application = dossiers.run_transition(
                    application,
                    name,
                    by=lead if who == "lead" else reviewer,
                    comment=comment,
                    granted_amount=spec.granted,
                )
            if spec.scores and application.state == S.UNDER_REVIEW:
                criteria = list(call.criteria.all())
                dossiers.save_review(
                    application,
                    by=reviewer,
                    scores={c.pk: (s, "") for c, s in zip(criteria, spec.scores, strict=False)},
                )
            created.append(application)
    return created
