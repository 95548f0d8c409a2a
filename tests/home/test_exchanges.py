"""Exchanges of experience: page tree, agenda (upcoming/past, filters, pages), iCalendar, demo."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import modelform_factory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from home.models import ExchangeIndexPage, ExchangePage, HomePage
from projects.network.models import Organisation, Territory, Theme
from tests.factories import ExchangeIndexPageFactory, ExchangePageFactory

INDEX_URLS = {"fr": "/fr/echanges/", "en": "/en/exchanges/", "it": "/it/scambi/"}
FORUM_URLS = {
    "fr": "/fr/echanges/forum-ess-05-besoins-des-structures/",
    "en": "/en/exchanges/ess-05-forum-needs/",
    "it": "/it/scambi/forum-ess-05-bisogni/",
}
FORUM_TITLES = {
    "fr": "Forum de l'ESS 05 : les besoins des structures",
    "en": "ESS 05 forum: what organisations need",
    "it": "Forum dell'ESS 05: i bisogni delle organizzazioni",
}
TRAINING_URLS = {
    "fr": "/fr/echanges/formation-groupements-employeurs/",
    "en": "/en/exchanges/training-employer-groups/",
    "it": "/it/scambi/formazione-gruppi-datori-lavoro/",
}
TRAINING_TITLES = {
    "fr": "Formation : créer un groupement d'employeurs",
    "en": "Training: setting up an employer group",
    "it": "Formazione: creare un gruppo di datori di lavoro",
}


def days(n: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


def french_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="fr")


@pytest.fixture
def index(db) -> ExchangeIndexPage:
    """An empty agenda beside the demo's (the demo's exchanges would blur exact assertions)."""
    return ExchangeIndexPageFactory(parent=french_home(), slug="agenda-de-test")


@pytest.fixture
def themes(db) -> dict[str, Theme]:
    return {t.slug: t for t in Theme.objects.canonical()}


def titles(html: str, list_id: str) -> list[str]:
    """Titles of the cards of one list of the index, in order."""
    match = re.search(rf'<ul class="cards event-list" id="{list_id}">(.*?)</ul>', html, re.S)
    if match is None:
        return []
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', match.group(1))


# ---------------------------------------------------------------------------------------------
# Page tree and rendering
# ---------------------------------------------------------------------------------------------
class TestPageTree(WagtailPageTestCase):
    def test_index_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ExchangeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ExchangeIndexPage, {ExchangePage})

    def test_exchange_only_under_the_index(self):
        self.assertAllowedParentPageTypes(ExchangePage, {ExchangeIndexPage})
        self.assertAllowedSubpageTypes(ExchangePage, set())
        self.assertCanNotCreateAt(HomePage, ExchangePage)

    def test_one_index_per_home_page(self):
        # The demo already has one under each language's home page.
        home = HomePage.objects.get(locale__language_code="fr")
        self.assertFalse(ExchangeIndexPage.can_create_at(home))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_index_renders_in_each_language_with_its_calendar_link(client, language):
    response = client.get(INDEX_URLS[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    feed = f"{INDEX_URLS[language]}agenda.ics"
    assert '<link rel="alternate" type="text/calendar"' in html
    assert f'href="{feed}"' in html
    assert titles(html, "upcoming-list") or titles(html, "past-list")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_translated_exchange_renders_in_each_language(client, language):
    response = client.get(FORUM_URLS[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert FORUM_TITLES[language].replace("'", "&#x27;") in html
    assert "Udess 05" in html  # organisers
    assert "112" in html  # participants of the report


@pytest.mark.django_db
def test_past_exchange_shows_its_report_and_documents(client):
    html = client.get(FORUM_URLS["en"]).content.decode()
    assert 'id="report-heading"' in html
    assert "112 participants" in html
    assert "Synthèse du forum de l&#x27;ESS 05" in html
    assert re.search(r'href="/documents/\d+/[^"]+\.pdf"', html)
    assert "event.ics" not in html  # no calendar link for what is over


@pytest.mark.django_db
def test_upcoming_exchange_shows_registration_and_calendar_link(client):
    html = client.get(TRAINING_URLS["fr"]).content.decode()
    assert f'href="{TRAINING_URLS["fr"]}event.ics"' in html
    assert "20 places" in html
    assert 'id="report-heading"' not in html


# ---------------------------------------------------------------------------------------------
# Business rules of the page
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_end_must_come_after_start(index):
    page = ExchangePage(title="Réunion", slug="reunion", start=days(3), end=days(2), summary="…")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end" in error.value.message_dict


@pytest.mark.django_db
def test_registration_link_or_capacity_not_both(index):
    page = ExchangePage(
        title="Réunion",
        slug="reunion",
        start=days(3),
        end=days(3.1),
        summary="…",
        registration_url="https://example.org/inscription",
        capacity=20,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "capacity" in error.value.message_dict


@pytest.mark.django_db
def test_report_only_once_the_exchange_has_started(index):
    page = ExchangePage(
        title="Réunion", slug="reunion", start=days(3), end=days(3.1), summary="…", participants=12
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "participants" in error.value.message_dict
    page.start, page.end = days(-3), days(-2.9)
    page.clean()


@pytest.mark.django_db
def test_commune_choices_are_communes_and_organisers_canonical():
    form = modelform_factory(ExchangePage, fields=["commune", "organisers"])()
    commune_field, organisers_field = form.fields["commune"], form.fields["organisers"]
    assert set(commune_field.queryset.values_list("kind", flat=True)) == {"commune"}
    default = Locale.get_default().pk
    assert set(organisers_field.queryset.values_list("locale_id", flat=True)) == {default}
    assert organisers_field.queryset.count() == Organisation.objects.canonical().count()


# ---------------------------------------------------------------------------------------------
# Listing: upcoming and past, filters, pages
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_upcoming_soonest_first_and_past_most_recent_first(client, index):
    ExchangePageFactory(parent=index, title="Dans un mois", start=days(30), end=days(30.1))
    ExchangePageFactory(parent=index, title="Demain", start=days(1), end=days(1.1))
    ExchangePageFactory(parent=index, title="En cours", start=days(-0.1), end=days(0.1))
    ExchangePageFactory(parent=index, title="Il y a un an", start=days(-365), end=days(-364.9))
    ExchangePageFactory(parent=index, title="La semaine passée", start=days(-7), end=days(-6.9))
    ExchangePageFactory(parent=index, title="Brouillon", start=days(2), end=days(2.1), live=False)
    html = client.get(index.url).content.decode()
    assert titles(html, "upcoming-list") == ["En cours", "Demain", "Dans un mois"]
    assert titles(html, "past-list") == ["La semaine passée", "Il y a un an"]


@pytest.mark.django_db
def test_filter_by_kind_and_theme_without_javascript(client, index, themes):
    premises, skills = themes["locaux-materiels"], themes["competences-emploi-formation"]
    ExchangePageFactory(
        parent=index, title="Forum locaux", kind="forum", themes=[premises], start=days(5)
    )
    ExchangePageFactory(
        parent=index, title="Formation locaux", kind="training", themes=[premises], start=days(6)
    )
    ExchangePageFactory(
        parent=index, title="Formation emploi", kind="training", themes=[skills], start=days(7)
    )
    html = client.get(index.url, {"kind": "training"}).content.decode()
    assert titles(html, "upcoming-list") == ["Formation locaux", "Formation emploi"]
    assert '<option value="training" selected>' in html
    html = client.get(index.url, {"theme": "locaux-materiels"}).content.decode()
    assert titles(html, "upcoming-list") == ["Forum locaux", "Formation locaux"]
    html = client.get(index.url, {"kind": "training", "theme": "locaux-materiels"}).content.decode()
    assert titles(html, "upcoming-list") == ["Formation locaux"]
    assert 'method="get"' in html  # a plain GET form: works without JavaScript


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"kind": "party"}, {"theme": "no-such-theme"}])
def test_unknown_filter_value_is_a_400_with_the_message(client, index, query):
    ExchangePageFactory(parent=index, title="Forum", kind="forum")
    response = client.get(index.url, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="form-errors"' in html
    assert titles(html, "upcoming-list") == ["Forum"]  # the whole agenda, unfiltered


@pytest.mark.django_db
def test_theme_filter_names_themes_in_the_visitor_language(client):
    html = client.get(INDEX_URLS["it"]).content.decode()
    assert '<option value="locaux-materiels">Locali e attrezzature</option>' in html


@pytest.mark.django_db
def test_each_list_has_its_own_pages_and_keeps_the_filters(client, index):
    for n in range(23):
        ExchangePageFactory(
            parent=index, title=f"Forum {n:02d}", kind="forum", start=days(n + 1), end=days(n + 1.1)
        )
    ExchangePageFactory(parent=index, title="Passé", kind="forum", start=days(-2), end=days(-1.9))
    html = client.get(index.url, {"kind": "forum"}).content.decode()
    assert titles(html, "upcoming-list") == [f"Forum {n:02d}" for n in range(10)]
    assert 'href="?kind=forum&amp;upcoming=2"' in html
    html = client.get(index.url, {"kind": "forum", "upcoming": 3}).content.decode()
    assert titles(html, "upcoming-list") == ["Forum 20", "Forum 21", "Forum 22"]
    assert titles(html, "past-list") == ["Passé"]  # the other list stays on its first page
    html = client.get(index.url, {"upcoming": "99"}).content.decode()  # past the end: last page
    assert titles(html, "upcoming-list") == ["Forum 20", "Forum 21", "Forum 22"]
    assert client.get(index.url, {"upcoming": "abc"}).status_code == 200


def _fill(index: ExchangeIndexPage, count: int, themes: list[Theme], first: int = 0) -> None:
    commune = Territory.objects.filter(kind="commune").first()
    for n in range(first, first + count):
        offset = n // 2 + 1 if n % 2 else -(n // 2) - 1  # half upcoming, half past
        ExchangePageFactory(
            parent=index,
            title=f"Échange {n}",
            start=days(offset),
            end=days(offset + 0.1),
            commune=commune,
            themes=themes,
        )


@pytest.mark.django_db
def test_listing_queries_do_not_grow_with_the_exchanges(client, index, themes):
    listed = list(themes.values())[:3]

    def queries() -> int:
        client.get(index.url)  # warm the per-process caches (site root paths, locales)
        with CaptureQueriesContext(connection) as context:
            assert client.get(index.url).status_code == 200
        return len(context)

    _fill(index, 10, listed)  # 5 upcoming and 5 past on screen
    few = queries()
    _fill(
        index, 190, listed, first=10
    )  # 10 upcoming and 10 past on screen, 180 more on other pages
    assert queries() == few


# ---------------------------------------------------------------------------------------------
# iCalendar
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_agenda_feed_lists_upcoming_exchanges_in_the_page_language(client, language):
    response = client.get(f"{INDEX_URLS[language]}agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    index = ExchangeIndexPage.objects.get(locale__language_code=language)
    upcoming = ExchangePage.objects.child_of(index).live().upcoming()
    assert len(events) == upcoming.count() > 0
    summaries = [str(event["SUMMARY"]) for event in events]
    assert summaries == [page.title for page in upcoming]
    assert TRAINING_TITLES[language] in summaries
    assert FORUM_TITLES[language] not in summaries  # past
    for event in events:
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert event["DTEND"].params["TZID"] == "Europe/Paris"
        assert str(event["URL"]).startswith(f"http://testserver{INDEX_URLS[language]}")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


@pytest.mark.django_db
def test_event_file_of_one_exchange(client, index):
    commune = Territory.objects.get(slug="embrun")
    paris = datetime.timezone(datetime.timedelta(hours=1))  # winter time
    page = ExchangePageFactory(
        parent=index,
        title="Voyage d'étude",
        slug="voyage",
        kind="study_trip",
        start=datetime.datetime(2031, 1, 14, 9, 30, tzinfo=paris),
        end=datetime.datetime(2031, 1, 14, 17, 0, tzinfo=paris),
        commune=commune,
        address="Place de la mairie",
    )
    response = client.get(f"{page.url}event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Voyage d'étude"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime.datetime(2031, 1, 14, 9, 30)
    assert event.decoded("DTEND").replace(tzinfo=None) == datetime.datetime(2031, 1, 14, 17, 0)
    assert str(event["LOCATION"]) == "Place de la mairie, Embrun"
    assert str(event["URL"]) == f"http://testserver{page.url}"
    # The UID does not change when the page does.
    uid = str(event["UID"])
    page.title = "Voyage d'étude à Embrun"
    page.save_revision().publish()
    (again,) = Calendar.from_ical(client.get(f"{page.url}event.ics").content).walk("VEVENT")
    assert str(again["UID"]) == uid
    assert str(again["SUMMARY"]) == "Voyage d'étude à Embrun"


@pytest.mark.django_db
def test_translations_of_an_exchange_share_its_uid(client):
    uids = set()
    for language in ("fr", "en", "it"):
        content = client.get(f"{TRAINING_URLS[language]}event.ics").content
        (event,) = Calendar.from_ical(content).walk("VEVENT")
        assert str(event["SUMMARY"]) == TRAINING_TITLES[language]
        uids.add(str(event["UID"]))
    assert len(uids) == 1


@pytest.mark.django_db
def test_calendar_route_with_a_trailing_slash_or_another_name_is_not_found(client):
    assert client.get(f"{INDEX_URLS['fr']}agenda.ics/").status_code == 404
    assert client.get(f"{INDEX_URLS['fr']}agenda.xyz").status_code == 404
    assert client.get("/fr/participer/agenda.ics").status_code == 404


@pytest.mark.django_db
def test_agenda_queries_do_not_grow_with_the_exchanges(client, index, themes):
    listed = list(themes.values())[:2]
    url = f"{index.url}agenda.ics"

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    _fill(index, 10, listed)
    few = queries()
    _fill(index, 190, listed, first=10)
    assert queries() == few


# ---------------------------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_demo_has_a_year_of_exchanges_relative_to_today():
    french = ExchangePage.objects.filter(locale__language_code="fr").live()
    assert french.count() >= 15
    assert french.past().filter(participants__isnull=False).count() >= 5
    assert french.upcoming().count() >= 5
    assert {kind for kind, _ in ExchangePage.Kind.choices} <= set(
        french.values_list("kind", flat=True)
    )
    for page in french:
        assert page.commune.kind == "commune"
        assert page.organisers.exists()
        assert all(o.locale_id == Locale.get_default().pk for o in page.organisers.all())
    for language in ("en", "it"):
        assert ExchangePage.objects.filter(locale__language_code=language).count() >= 1


@pytest.mark.django_db
def test_loading_the_demo_again_adds_no_exchange_news_document_or_image():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from home.demo import load_all
    from home.models import FormPage, NewsPage
    from tests.conftest import DEMO_PASSWORD

    def counts() -> tuple[int, ...]:
        return tuple(
            model.objects.count()
            for model in (ExchangePage, NewsPage, FormPage, get_document_model(), get_image_model())
        )

    before = counts()
    load_all(DEMO_PASSWORD, reset_password=False)
    assert counts() == before
