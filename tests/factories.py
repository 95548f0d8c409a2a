"""factory_boy factories shared by the test suite."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from accounts.models import User
from home.models import ExchangeIndexPage, ExchangePage, NewsIndexPage, NewsPage

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="fr_FR")
    language = "fr"
    password = factory.django.Password(DEFAULT_PASSWORD)


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
