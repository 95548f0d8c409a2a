"""The public catalogue: page type, languages, filters, order, pagination, query counts, a
call's page and its iCalendar file."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.test.utils import WagtailPageTestCase

from core.cache.pages import purge_models
from funding.catalogue.models import CALL_TIMEZONE, FundingCall, paris_today
from funding.catalogue.pages import FundingCatalogPage
from home.models import HomePage, MainMenu
from projects.network.models import Territory, Theme
from tests.factories import FundingCallFactory, FundingSourceFactory

CATALOGUE = {"fr": "/fr/financements/", "en": "/en/funding/", "it": "/it/finanziamenti/"}
TITLES = {"fr": "Financements", "en": "Funding", "it": "Finanziamenti"}
NOW = timezone.now()
DAY = datetime.timedelta(days=1)
# A word only the calls made by a test carry, to isolate them from the demo's.
MARK = "Zéphyrin"


def _get(client, language: str = "fr", **params):
    return client.get(CATALOGUE[language], params)


def _selected(response) -> list[str]:
    """Names of every call the filters selected (all pages), in order."""
    return list(response.context["filter"].qs.values_list("name", flat=True))


def _marked(response) -> list[str]:
    return [name for name in _selected(response) if MARK in name]


def _listed(response) -> list[str]:
    """Names shown on this page of results, in order."""
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', response.content.decode()
    )


def territory(slug: str) -> Territory:
    return Territory.objects.get(slug=slug)


# --- Page type, languages, menu ---------------------------------------------------------------


class TestCataloguePageTree(WagtailPageTestCase):
    def test_only_under_the_home_page_without_children(self):
        self.assertAllowedParentPageTypes(FundingCatalogPage, {HomePage})
        self.assertAllowedSubpageTypes(FundingCatalogPage, {})

    def test_at_most_one_per_home_page(self):
        home = HomePage.objects.get(locale__language_code="fr")
        self.assertFalse(FundingCatalogPage.can_create_at(home))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_catalogue_renders_in_each_language(client, language):
    response = _get(client, language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert f"<h1>{TITLES[language]}</h1>" in html
    for name in ("open", "kind", "theme", "territory", "legal_form", "aid_type", "amount"):
        assert f'for="id_{name}"' in html
    assert 'for="id_closes_before"' in html and 'type="date"' in html
    assert (
        response.context["paginator"].count == FundingCall.objects.canonical().not_closed().count()
    )


@pytest.mark.django_db
def test_call_names_follow_the_visitor_language(client):
    # The demo translates the ALCOTRA micro-projects call.
    assert "Interreg ALCOTRA \N{EN DASH} microprogetti" in _listed(
        _get(client, "it", kind="eu_programme")
    )
    assert "Interreg ALCOTRA \N{EN DASH} micro-projets" in _listed(
        _get(client, "fr", kind="eu_programme")
    )


@pytest.mark.django_db
def test_main_menu_links_the_catalogue_between_the_directory_and_the_news():
    menu = MainMenu.objects.get(locale__language_code="fr")
    links = [block.value for block in menu.items if block.block_type == "link"]
    pages = [value["page"].specific for value in links if value["page"]]
    kinds = [type(page).__name__ for page in pages]
    at = kinds.index("FundingCatalogPage")
    assert kinds[at - 1] == "OrganisationDirectoryPage"
    assert kinds[at + 1] == "NewsIndexPage"


def test_catalogue_models_purge_the_page_cache():
    assert {"Funder", "FundingSource", "FundingCall", "CallRequirement"} <= {
        model.__name__ for model in purge_models()
    }


# --- Filters ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_closed_calls_are_hidden_unless_asked_for_then_listed_last(client):
    closed = FundingCallFactory(name=f"{MARK} closed", closes_at=NOW - DAY)
    open_ = FundingCallFactory(name=f"{MARK} open", territory=territory("eu"))
    assert _marked(_get(client)) == [open_.name]
    assert _marked(_get(client, include_closed="on")) == [open_.name, closed.name]


@pytest.mark.django_db
def test_open_now_filter(client):
    FundingCallFactory(name=f"{MARK} open")
    FundingCallFactory(name=f"{MARK} later", opens_on=paris_today() + 3 * DAY)
    assert sorted(_marked(_get(client))) == [f"{MARK} later", f"{MARK} open"]
    response = _get(client, open="on")
    assert _marked(response) == [f"{MARK} open"]
    assert set(_selected(response)) == set(
        FundingCall.objects.canonical().open_now().values_list("name", flat=True)
    )
    assert 'id="id_open" checked' in response.content.decode()


@pytest.mark.django_db
def test_kind_filter(client):
    FundingCallFactory(name=f"{MARK} bank", source=FundingSourceFactory(kind="bank"))
    FundingCallFactory(name=f"{MARK} foundation", source=FundingSourceFactory(kind="foundation"))
    assert _marked(_get(client, kind="bank")) == [f"{MARK} bank"]
    selected = _selected(_get(client, kind="crowdfunding_platform"))
    assert "HelloAsso \N{EN DASH} collecte de dons" in selected
    assert not [n for n in selected if n.startswith("LEADER")]


@pytest.mark.django_db
def test_theme_filter(client):
    first, second = Theme.objects.canonical().order_by("number")[:2]
    FundingCallFactory(name=f"{MARK} first", themes=[first])
    FundingCallFactory(name=f"{MARK} second", themes=[second])
    FundingCallFactory(name=f"{MARK} any")
    assert sorted(_marked(_get(client, theme=first.slug))) == [f"{MARK} any", f"{MARK} first"]


@pytest.mark.django_db
def test_territory_filter_matches_both_ways(client):
    for slug in ("gap", "ca-gap-tallard-durance", "hautes-alpes", "briancon", "torino"):
        FundingCallFactory(name=f"{MARK} {slug}", territory=territory(slug))
    assert _marked(_get(client, territory="gap")) == [
        f"{MARK} gap",
        f"{MARK} ca-gap-tallard-durance",
        f"{MARK} hautes-alpes",
    ]
    assert sorted(_marked(_get(client, territory="hautes-alpes"))) == sorted(
        [
            f"{MARK} gap",
            f"{MARK} ca-gap-tallard-durance",
            f"{MARK} hautes-alpes",
            f"{MARK} briancon",
        ]
    )
    # The demo: a call on the ALCOTRA zone is found from Turin, a LEADER call of Gap is not.
    from_turin = _selected(_get(client, territory="torino"))
    assert "Interreg ALCOTRA \N{EN DASH} micro-projets" in from_turin
    assert not [name for name in from_turin if name.startswith("LEADER")]


@pytest.mark.django_db
def test_legal_form_and_aid_type_filters(client):
    FundingCallFactory(name=f"{MARK} scop loan", eligible_legal_forms=["scop"], aid_types=["loan"])
    FundingCallFactory(name=f"{MARK} any grant", eligible_legal_forms=[], aid_types=["grant"])
    assert sorted(_marked(_get(client, legal_form="scop"))) == [
        f"{MARK} any grant",
        f"{MARK} scop loan",
    ]
    assert _marked(_get(client, legal_form="association")) == [f"{MARK} any grant"]
    assert _marked(_get(client, aid_type="loan")) == [f"{MARK} scop loan"]
    # HelloAsso is for associations only.
    assert "HelloAsso \N{EN DASH} collecte de dons" not in _selected(
        _get(client, legal_form="scop")
    )


@pytest.mark.django_db
def test_closing_date_and_amount_filters(client):
    soon = paris_today() + 5 * DAY
    FundingCallFactory(
        name=f"{MARK} soon small",
        closes_at=NOW + 2 * DAY,
        amount_min=Decimal(1000),
        amount_max=Decimal(5000),
    )
    FundingCallFactory(name=f"{MARK} late big", closes_at=NOW + 40 * DAY, amount_min=50000)
    assert _marked(_get(client, closes_before=soon.isoformat())) == [f"{MARK} soon small"]
    assert _marked(_get(client, amount="3000")) == [f"{MARK} soon small"]
    assert _marked(_get(client, amount="60000")) == [f"{MARK} late big"]


@pytest.mark.django_db
def test_bad_input_answers_400_keeps_what_was_typed_and_applies_the_rest(client):
    FundingCallFactory(name=f"{MARK} bank", source=FundingSourceFactory(kind="bank"))
    response = _get(client, amount="a lot", kind="bank", closes_before="31/02/2030")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'value="a lot"' in html
    assert _marked(response) == [f"{MARK} bank"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"kind": "lottery"},
        {"territory": "atlantis"},
        {"closes_before": "9999-12-31"},
        {"closes_before": "0001-01-01"},
        {"amount": "-5"},
        {"amount": "1e400"},
        {"page": "-1"},
    ],
)
def test_unknown_or_extreme_values_never_break_the_page(client, params):
    response = _get(client, **params)
    assert response.status_code == (200 if "page" in params else 400)


# --- Order, pagination, queries ---------------------------------------------------------------


@pytest.mark.django_db
def test_list_is_ordered_narrowest_territory_then_soonest_deadline(client):
    calls = list(FundingCall.objects.canonical().not_closed().select_related("territory"))
    listed = _selected(_get(client))
    ranks = {c.name: (c.territory_rank, c.closes_at or NOW + 10_000 * DAY) for c in calls}
    assert [ranks[name] for name in listed] == sorted(ranks[name] for name in listed)
    assert listed[0] == "Mécénat des entreprises du Gapençais"  # the only EPCI-wide call


@pytest.mark.django_db
def test_pagination(client):
    total = FundingCall.objects.canonical().not_closed().count()
    assert total > FundingCatalogPage.PER_PAGE
    first = _listed(_get(client))
    second = _listed(_get(client, page=2))
    assert len(first) == FundingCatalogPage.PER_PAGE
    assert len(second) == total - FundingCatalogPage.PER_PAGE
    assert not set(first) & set(second)
    assert _listed(_get(client, page="999")) == second  # out of range: the last page
    assert _listed(_get(client, page="x")) == first
    html = _get(client, kind="eu_programme", page=1).content.decode()
    assert "page=2" not in html  # a single page of EU programmes: no pagination links


def _page_queries(client, count: int) -> tuple[int, int]:
    source = FundingSourceFactory(kind="bank")
    themes = list(Theme.objects.canonical()[:2])
    for n in range(count):
        FundingCallFactory(
            name=f"{MARK} {n}", source=source, themes=themes, territory=territory("gap")
        )
    _get(client, "it", kind="bank")  # warm caches
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, "it", kind="bank")
    assert response.status_code == 200
    return len(queries), len(_listed(response))


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_the_calls(client):
    few, shown_few = _page_queries(client, 2)
    many, shown_many = _page_queries(client, 18)
    assert (shown_few, shown_many) == (2, 20)
    assert many == few
    assert many <= 30  # Wagtail's page serving and the site shell included


# --- A call's page and its calendar ------------------------------------------------------------


@pytest.fixture
def dated_call(db):
    return FundingCallFactory(
        name=f"{MARK} dated",
        slug="appel-date",
        territory=territory("hautes-alpes"),
        pre_deposit_at=datetime.datetime(2030, 3, 1, 11, 0, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2030, 6, 30, 21, 59, tzinfo=datetime.UTC),
        amount_min=Decimal(2000),
        amount_max=Decimal(15000),
        rate_max=Decimal(80),
        eligible_legal_forms=["association"],
        application_url="https://funder.example.org/apply",
        required_countries=["FR", "IT"],
        min_partners=1,
    )


@pytest.mark.django_db
def test_call_page_shows_every_rule_with_deadlines_in_paris_time(client, dated_call):
    response = client.get(f"{CATALOGUE['fr']}appel-date/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert f'<h1 id="call-name">{MARK} dated</h1>' in html
    assert f"<title>{MARK} dated · Financements · Cluster 05 IS</title>" in html
    # 21:59 UTC on 30 June is 23:59 in Paris (summer time); 11:00 UTC on 1 March is 12:00.
    assert "30 juin 2030, 23:59" in html
    assert "1 mars 2030, 12:00" in html
    assert 'href="https://funder.example.org/apply"' in html
    assert "Hautes-Alpes" in html and "Association" in html
    assert "FR, IT" in html
    assert 'href="/fr/financements/appel-date/deadlines.ics"' in html
    assert 'rel="canonical" href="http://testserver/fr/financements/appel-date/"' in html
    assert "Illustrative example." not in html  # not a demo call


@pytest.mark.django_db
def test_demo_call_pages_say_they_are_illustrative(client):
    html = client.get(f"{CATALOGUE['en']}alcotra-micro-projets/").content.decode()
    assert "Interreg ALCOTRA \N{EN DASH} micro-projects" in html
    assert "Illustrative example." in html


@pytest.mark.django_db
def test_unknown_call_answers_404(client):
    assert client.get(f"{CATALOGUE['fr']}nowhere/").status_code == 404


@pytest.mark.django_db
def test_call_calendar_lists_its_deadlines(client, dated_call):
    response = client.get(f"{CATALOGUE['fr']}appel-date/deadlines.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in events] == [
        f"Date limite de pré-dépôt : {MARK} dated",
        f"Date de clôture : {MARK} dated",
    ]
    closing = events[1].decoded("dtstart")
    assert closing == dated_call.closes_at
    assert str(closing.tzinfo) == str(CALL_TIMEZONE)
    assert len({str(e["uid"]) for e in events}) == 2
    assert str(events[1]["url"]) == "http://testserver/fr/financements/appel-date/"
    assert calendar.walk("VTIMEZONE")
    assert events[0].walk("VALARM")


@pytest.mark.django_db
def test_a_call_without_deadline_has_no_calendar(client):
    FundingCallFactory(slug="sans-date", recurrence="ongoing", closes_at=None)
    assert client.get(f"{CATALOGUE['fr']}sans-date/deadlines.ics").status_code == 404
    assert "deadlines.ics" not in client.get(f"{CATALOGUE['fr']}sans-date/").content.decode()


# --- Phones: the filters fold above the results (issue 19) ------------------------------------

SUMMARY = re.compile(
    r'<details class="filters-panel" data-open-wide( open)?>\s*<summary[^>]*>([^<]+)</summary>'
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "summary"),
    [
        ({}, "Filters"),
        ({"open": "on"}, "Filters (1 active)"),
        ({"open": "on", "kind": "eu_programme"}, "Filters (2 active)"),
    ],
)
def test_filters_fold_into_a_panel_that_counts_the_active_ones(client, params, summary):
    html = _get(client, "en", **params).content.decode()
    found = SUMMARY.search(html)
    assert found, "no folded filter panel"
    assert found.group(1) is None  # folded: the results come first on a phone
    assert found.group(2) == summary
    # The panel comes before the results, inside the filters' labelled section.
    assert html.index("filters-panel") < html.index('id="results-heading"')
    assert 'id="filters-heading"' in html


@pytest.mark.django_db
def test_the_filter_panel_opens_on_bad_input_to_show_the_error(client):
    html = _get(client, "en", amount="lots").content.decode()
    assert SUMMARY.search(html).group(1) == " open"
