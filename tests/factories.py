"""factory_boy factories shared by the test suite."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Collection, Locale

from accounts.models import User
from funding.catalogue.models import Funder, FundingCall, FundingSource
from home.models import ExchangeIndexPage, ExchangePage, NewsIndexPage, NewsPage
from projects.experiments.models import BudgetLine, Experiment, ExperimentMember, ExperimentPartner
from projects.network.models import Organisation, Territory, Theme, WorkingGroup

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="fr_FR")
    language = "fr"
    password = factory.django.Password(DEFAULT_PASSWORD)
    # Confirmed, as accounts made by code are (accounts.models.UserManager).
    email_confirmed_at = factory.LazyFunction(timezone.now)


class ImageFactory(wagtail_factories.ImageFactory):
    """A JPEG photograph with its description (the required default alt text)."""

    collection = factory.LazyFunction(lambda: Collection.get_first_root_node())
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = "Members of the cluster around a table in Gap"
    file = factory.django.ImageField(
        width=1600, height=900, format="JPEG", filename="meeting.jpg", color="green"
    )


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A canonical (French) organisation; pass themes=[…] and territories=[…] to link them."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True  # the hooks save when they link something

    name = factory.Sequence(lambda n: f"Structure d'essai {n}")
    slug = factory.Sequence(lambda n: f"structure-essai-{n}")
    kind = Organisation.Kind.ENTERPRISE
    legal_form = Organisation.LegalForm.ASSOCIATION
    description = "Structure créée pour les tests."
    locale = factory.LazyFunction(Locale.get_default)

    @factory.post_generation
    def themes(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def territories(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.territories.set(extracted)
            self.save()


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    """A canonical working group; pass members=[…] to add member organisations."""

    class Meta:
        model = WorkingGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Groupe d'essai {n}")
    slug = factory.Sequence(lambda n: f"groupe-essai-{n}")
    kind = WorkingGroup.Kind.THEMATIC
    locale = factory.LazyFunction(Locale.get_default)

    @factory.post_generation
    def members(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.members.set(extracted)
            self.save()


class ExperimentFactory(factory.django.DjangoModelFactory):
    """An experiment in `idea`; pass ``lead=user`` to make that person its lead member (and a
    member of the lead organisation, since only its members act in its name)."""

    class Meta:
        model = Experiment
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Expérimentation {n}")
    summary = "Une coopération entre structures."
    lead_organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if create and extracted is not None:
            ExperimentMember.objects.create(
                experiment=self,
                user=extracted,
                role=ExperimentMember.Role.LEAD,
                organisation=self.lead_organisation,
            )
            join(extracted, self.lead_organisation)


def join(user: User, organisation: Organisation) -> None:
    """Make ``user`` a member of ``organisation`` (once)."""
    from projects.network.models import OrganisationMembership

    OrganisationMembership.objects.get_or_create(user=user, organisation=organisation)
    user.__dict__.pop("_sharing_organisation_ids", None)  # the per-request cache


def complete_sheet(experiment: Experiment, *, budget: str = "12000.00") -> Experiment:
    """Fill every field the `formalise` transition needs."""
    experiment.description = "Une description détaillée de la coopération. " * 10
    experiment.objectives = "Mutualiser des moyens entre structures."
    experiment.start_date = datetime.date(2027, 1, 15)
    experiment.save()
    experiment.themes.set([Theme.objects.canonical().first()])
    experiment.territories.set([Territory.objects.get(slug="gap")])
    ExperimentPartner.objects.get_or_create(
        experiment=experiment,
        organisation=OrganisationFactory(),
        defaults={"status": ExperimentPartner.Status.ACCEPTED},
    )
    BudgetLine.objects.create(experiment=experiment, label="Coordination", amount=budget)
    return experiment


# The forward path of the workflow: (transition, who runs it).
FORWARD = [
    ("accept_idea", "coordinator"),
    ("formalise", "lead"),
    ("seek_funding", "lead"),
    ("mark_funded", "coordinator"),
    ("launch", "lead"),
    ("capitalise", "lead"),
]


def advance(experiment: Experiment, state: str, *, lead: User, coordinator: User) -> Experiment:
    """Walk the real transitions (through the service) until ``experiment`` is in ``state``."""
    from projects.experiments.services import run_transition

    actors = {"lead": lead, "coordinator": coordinator}
    for name, who in FORWARD:
        experiment.refresh_from_db()
        if experiment.state == state:
            return experiment
        if name == "formalise" and not experiment.partner_links.exists():
            complete_sheet(experiment)
        if name == "capitalise":
            experiment.capitalisation_worked = "La mutualisation du véhicule."
            experiment.capitalisation_did_not_work = "Le planning partagé sur papier."
            experiment.capitalisation_advice = "Commencer par une convention simple."
            experiment.save()
        comment = "Financement confirmé hors plateforme." if name == "mark_funded" else ""
        experiment = run_transition(experiment, name, by=actors[who], comment=comment)
    experiment.refresh_from_db()
    assert experiment.state == state, f"cannot reach {state}"
    return experiment


# ---------------------------------------------------------------------------------------------
# Editorial pages (exchanges, news). Pass ``parent=`` (an index page); relations as lists.
# ---------------------------------------------------------------------------------------------
class ExchangeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ExchangeIndexPage

    title = factory.Sequence(lambda n: f"Agenda {n}")
    intro = "Les échanges d'expériences du cluster."
    live = True


class ExchangePageFactory(wagtail_factories.PageFactory):
    """An exchange a week from now, two hours long, unless told otherwise."""

    class Meta:
        model = ExchangePage

    title = factory.Sequence(lambda n: f"Échange d'expériences {n}")
    kind = ExchangePage.Kind.MEETING
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    summary = "Un échange entre structures de l'ESS."
    live = True


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = factory.Sequence(lambda n: f"Nouvelles {n}")
    live = True


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nouvelle {n}")
    date = factory.LazyFunction(datetime.date.today)
    summary = "Une nouvelle du cluster."
    live = True


# ---------------------------------------------------------------------------------------------
# The funding catalogue (canonical rows). Pass ``themes=[…]`` and ``co_funders=[…]`` as lists.
# ---------------------------------------------------------------------------------------------
class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Financeur d'essai {n}")
    slug = factory.Sequence(lambda n: f"financeur-essai-{n}")
    kind = Funder.Kind.FOUNDATION
    locale = factory.LazyFunction(Locale.get_default)


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource

    funder = factory.SubFactory(FunderFactory)
    name = factory.Sequence(lambda n: f"Programme d'essai {n}")
    slug = factory.Sequence(lambda n: f"programme-essai-{n}")
    kind = FundingSource.Kind.FOUNDATION
    locale = factory.LazyFunction(Locale.get_default)


class FundingCallFactory(factory.django.DjangoModelFactory):
    """An open grant call, anywhere, closing in 60 days unless told otherwise."""

    class Meta:
        model = FundingCall
        skip_postgeneration_save = True

    source = factory.SubFactory(FundingSourceFactory)
    name = factory.Sequence(lambda n: f"Appel d'essai {n}")
    slug = factory.Sequence(lambda n: f"appel-essai-{n}")
    summary = "Un appel à projets pour les tests."
    aid_types = factory.LazyFunction(lambda: ["grant"])
    recurrence = FundingCall.Recurrence.ONE_OFF
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=60))
    locale = factory.LazyFunction(Locale.get_default)

    @factory.post_generation
    def themes(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def co_funders(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.co_funders.set(extracted)
            self.save()


# ---------------------------------------------------------------------------------------------
# The sharing board: posts are written through the service, as members do.
# ---------------------------------------------------------------------------------------------
def member_of(organisation: Organisation, **kwargs) -> User:
    """A new person acting on behalf of ``organisation``."""
    from projects.network.models import OrganisationMembership

    user = UserFactory(**kwargs)
    OrganisationMembership.objects.create(user=user, organisation=organisation)
    return user


def sharing_post(
    author: User,
    organisation: Organisation,
    *,
    publish: bool = True,
    **fields,
):
    """A post written and (by default) published by ``author`` through `projects.sharing.services`.

    Defaults: an ongoing, free offer of premises on Gap.
    """
    import projects.sharing.services as sharing
    from projects.sharing.models import SharingPost

    values = {
        "kind": SharingPost.Kind.OFFER,
        "category": SharingPost.Category.PREMISES,
        "title": "Une salle de réunion à partager",
        "description": "Une salle de 20 places, libre le mardi.",
        "territory": Territory.objects.get(slug="gap"),
        "availability": SharingPost.Availability.ONGOING,
        "terms": SharingPost.Terms.FREE,
    }
    values.update(fields)
    if isinstance(values["territory"], str):
        values["territory"] = Territory.objects.get(slug=values["territory"])
    return sharing.create_post(by=author, organisation=organisation, fields=values, publish=publish)
