"""A dossier with every kind of content, for the tests of what the funder reads
(funding/dossiers/reading.py, the review page, the PDF and the decision letter)."""

import contextlib
import datetime
import html
import re
from decimal import Decimal

from django.utils import timezone

import funding.dossiers.services as dossiers
import funding.dossiers.snapshots as snapshots
from accounts.notifications import emails_suppressed
from funding.catalogue.models import CallRequirement
from funding.dossiers.models import FundingApplication
from projects.experiments.models import BudgetLine, ExperimentPartner
from tests.dossiers.helpers import World, make_call, pdf_upload, prepare, reviewer_of
from tests.factories import FunderFactory, OrganisationFactory

RAW_DECIMAL = re.compile(r"\b\d+\.\d{2}\b")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Internal codes that must never reach a French or Italian reader.
CODES = re.compile(
    r"\b(operating|investment|in[ _]kind|accepted|invited|changes_requested|under_review)\b",
    re.IGNORECASE,
)


def visible_text(page: str) -> str:
    """What a person reads in an HTML page: no tags, no attributes, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def snapshot_part(page: str) -> str:
    """The frozen dossier's part of the review page."""
    start = page.index('data-testid="snapshot"')
    return page[start : page.index('<div class="review-layout__side"', start)]


def enrich(world: World, *, lines: int = 1, partners: int = 1) -> None:
    """Every kind of content: operating, investment and in-kind lines, partners with roles,
    dates, self-financing, a verified lead with its numbers."""
    experiment = world.experiment
    experiment.self_financing = Decimal("2500.00")
    experiment.end_date = datetime.date(2027, 12, 31)
    experiment.expected_results = "Un local partagé, trois emplois consolidés."
    experiment.save()
    organisation = experiment.lead_organisation
    organisation.siret = "35600000000048"
    organisation.rna = "W051000123"
    organisation.save()
    # Verified after the numbers were given (changing them removes the verification).
    type(organisation).objects.filter(pk=organisation.pk).update(verified_at=timezone.now())
    BudgetLine.objects.create(
        experiment=experiment,
        label="Loyer du local",
        nature=BudgetLine.Nature.OPERATING,
        amount="9600.00",
    )
    BudgetLine.objects.create(
        experiment=experiment,
        label="Four professionnel",
        nature=BudgetLine.Nature.INVESTMENT,
        amount="4350.50",
    )
    BudgetLine.objects.create(
        experiment=experiment,
        label="Bénévolat de cuisine",
        nature=BudgetLine.Nature.OPERATING,
        amount="1200.00",
        in_kind=True,
    )
    for n in range(lines - 1):
        BudgetLine.objects.create(experiment=experiment, label=f"Poste {n}", amount="100.00")
    for n in range(partners):
        ExperimentPartner.objects.create(
            experiment=experiment,
            organisation=OrganisationFactory(name=f"Partenaire {n}"),
            role=f"Cuisine du mardi {n}",
            status=ExperimentPartner.Status.ACCEPTED,
        )


def accepted_elsewhere(world: World, amount: str = "3000") -> FundingApplication:
    """An accepted dossier at another funder: secured funding the next dossier shows."""
    funder = FunderFactory(name="Fondation des Alpes")
    call = make_call(funder, name="Appel des Alpes")
    reviewer = reviewer_of(funder, "relecteur-alpes@example.org")
    application = prepare(
        dossiers.start_application(world.experiment, call, by=world.lead), world.lead
    )
    with emails_suppressed(), snapshots.pdfs_deferred():  # not what these tests look at
        application = dossiers.run_transition(application, "submit", by=world.lead)
        application = dossiers.run_transition(application, "start_review", by=reviewer)
        return dossiers.run_transition(
            application, "accept", by=reviewer, granted_amount=amount, conditions=""
        )


def rich_dossier(
    world: World, *, documents: int = 0, pdf: bool = False, **sizes
) -> FundingApplication:
    """The dossier of call A, submitted with every kind of content (and ``documents`` more
    optional documents); its version's PDF rendered only when ``pdf``."""
    enrich(world, **sizes)
    accepted_elsewhere(world)
    application = prepare(
        dossiers.start_application(world.experiment, world.call_a, by=world.lead), world.lead
    )
    optional = application.call.requirements.get(kind="document", required=False)
    dossiers.add_document(
        application, by=world.lead, requirement=optional, uploaded=pdf_upload("devis.pdf")
    )
    for n in range(documents):
        requirement = CallRequirement.objects.create(
            call=application.call,
            kind="document",
            label=f"Pièce {n}",
            required=False,
            locale=application.call.locale,
            sort_order=10 + n,
        )
        dossiers.add_document(
            application, by=world.lead, requirement=requirement, uploaded=pdf_upload(f"p{n}.pdf")
        )
    with contextlib.nullcontext() if pdf else snapshots.pdfs_deferred():
        return dossiers.run_transition(application, "submit", by=world.lead)
