"""factory_boy factories shared by the test suite."""

import factory
from wagtail.models import Locale

from accounts.models import User

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="fr_FR")
    language = "fr"
    password = factory.django.Password(DEFAULT_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A canonical (French) organisation; pass themes=[…] and territories=[…] to link them."""

    class Meta:
        model = "projects.Organisation"
        skip_postgeneration_save = True  # the hooks save when they link something

    name = factory.Sequence(lambda n: f"Structure d'essai {n}")
    slug = factory.Sequence(lambda n: f"structure-essai-{n}")
    kind = "enterprise"
    legal_form = "association"
    description = "Structure créée pour les tests."
    locale = factory.LazyFunction(lambda: Locale.get_default())

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
        model = "projects.WorkingGroup"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Groupe d'essai {n}")
    slug = factory.Sequence(lambda n: f"groupe-essai-{n}")
    kind = "thematic"
    locale = factory.LazyFunction(lambda: Locale.get_default())

    @factory.post_generation
    def members(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.members.set(extracted)
            self.save()
