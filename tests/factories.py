"""factory_boy factories shared by the test suite."""

import factory
import wagtail_factories
from wagtail.models import Collection

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


class ImageFactory(wagtail_factories.ImageFactory):
    """A JPEG photograph with its description (the required default alt text)."""

    collection = factory.LazyFunction(lambda: Collection.get_first_root_node())
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = "Members of the cluster around a table in Gap"
    file = factory.django.ImageField(
        width=1600, height=900, format="JPEG", filename="meeting.jpg", color="green"
    )
