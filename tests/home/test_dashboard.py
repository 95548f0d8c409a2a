"""The dashboard: targets set by editors, live figures computed from the data, drawn as bars."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from home import dashboard
from home.dashboard import Figure, Indicator, figures
from home.models import DashboardPage, ExchangePage, GuidePage, HomePage
from projects.network.models import Organisation, WorkingGroup
from tests.factories import OrganisationFactory, WorkingGroupFactory

LANGUAGES = ["fr", "en", "it"]
PAGE = {"fr": "/fr/tableau-de-bord/", "en": "/en/dashboard/", "it": "/it/cruscotto/"}


@pytest.fixture
def people_for_dashboard(db):
    """An idea, its lead and a coordinator."""
    from django.contrib.auth.models import Group

    from accounts import roles
    from tests.factories import ExperimentFactory, UserFactory

    lead = UserFactory(email="dashboard-lead@example.org")
    coordinator = UserFactory(email="dashboard-coordinator@example.org")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    return ExperimentFactory(lead=lead), lead, coordinator


def _figure(key: str, year: int | None = None) -> Figure:
    page = DashboardPage.objects.get(locale__language_code="fr")
    return {f.key: f for f in figures(page, year or page.year)}[key]


def _indicator_html(html: str, key: str) -> str:
    start = html.index(f'id="indicator-{key}"')
    return html[start : html.index("</li>", start)]


class TestDashboardPageTree(WagtailPageTestCase):
    def test_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(DashboardPage, {HomePage})
        self.assertAllowedSubpageTypes(DashboardPage, {})

    def test_at_most_one_per_home_page(self):
        home = HomePage.objects.get(locale__language_code="it")
        self.assertFalse(DashboardPage.can_create_at(home))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_dashboard_renders_in_each_language(client, language):
    response = client.get(PAGE[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert html.count('<li class="indicator') == len(dashboard.INDICATORS)


@pytest.mark.django_db  # a page instance looks its content type up
def test_defaults_are_the_seed_targets():
    page = DashboardPage()
    assert (page.target_exchanges, page.target_guides, page.target_experiments) == (15, 6, 3)
    assert page.target_theme_leads == 5
    assert page.year == timezone.localdate().year


@pytest.mark.django_db
def test_targets_must_be_positive_and_the_year_plausible():
    page = DashboardPage.objects.get(locale__language_code="fr")
    page.target_guides = 0
    page.year = 1990
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert {"target_guides", "year"} <= set(error.value.message_dict)


@pytest.mark.django_db
def test_active_members_follow_the_data():
    before = _figure("active_members").value
    assert before == Organisation.objects.canonical().filter(is_active_member=True).count()
    organisation = OrganisationFactory(is_active_member=True)
    assert _figure("active_members").value == before + 1
    OrganisationFactory(is_active_member=False)
    assert _figure("active_members").value == before + 1
    organisation.delete()
    assert _figure("active_members").value == before


@pytest.mark.django_db
def test_translated_organisations_are_not_counted_twice():
    before = _figure("active_members").value
    organisation = OrganisationFactory(is_active_member=True)
    organisation.copy_for_translation(Locale.objects.get(language_code="en")).save()
    assert _figure("active_members").value == before + 1


@pytest.mark.django_db
def test_theme_leads_follow_the_working_groups():
    assert _figure("theme_leads").value == 5  # the demo has a lead for each of the 5 themes
    group = WorkingGroup.objects.canonical().get(theme__number=2)
    group.lead_organisation = None
    group.save()
    assert _figure("theme_leads").value == 4
    # The sixth theme (engineering support) is not one of the five.
    WorkingGroup.objects.canonical().filter(theme__number=6).update(lead_organisation=None)
    assert _figure("theme_leads").value == 4
    # A second group on a theme already led does not count it twice.
    first = WorkingGroup.objects.canonical().get(theme__number=1)
    WorkingGroupFactory(theme=first.theme, lead_organisation=first.lead_organisation)
    assert _figure("theme_leads").value == 4


@pytest.mark.django_db
def test_bars_show_the_numbers_in_text(client):
    OrganisationFactory.create_batch(3, is_active_member=True)
    active = Organisation.objects.canonical().filter(is_active_member=True).count()
    page = DashboardPage.objects.get(locale__language_code="en")
    page.target_active_members = 40
    page.save_revision().publish()
    html = client.get(PAGE["en"]).content.decode()
    section = _indicator_html(html, "active_members")
    assert f"{active} active member organisations <span" in section
    assert '<span class="indicator__goal">(target: 40)</span>' in section
    step = 5 * round(100 * active / 40 / 5)
    assert f'indicator__fill--{step}"' in section
    assert 'aria-hidden="true"' in section  # the bar repeats the text for sighted readers
    assert "not official statistics" in html


@pytest.mark.django_db
def test_exchanges_held_follow_the_pages():
    model = ExchangePage
    french = model.objects.live().filter(locale_id=Locale.get_default().pk)
    assert french.exists()
    now = timezone.now()
    later = now + datetime.timedelta(days=2)
    model.objects.update(start=later, end=later + datetime.timedelta(hours=2))
    year = timezone.localtime(now - datetime.timedelta(minutes=5)).year
    assert dashboard.exchanges_held(year) == 0
    held = french.first()
    ended = now - datetime.timedelta(minutes=5)
    model.objects.filter(pk=held.pk).update(start=ended - datetime.timedelta(hours=2), end=ended)
    assert dashboard.exchanges_held(year) == 1
    assert dashboard.exchanges_held(year - 1) == 0
    # Its translations are not counted again.
    model.objects.filter(translation_key=held.translation_key).update(
        start=ended - datetime.timedelta(hours=2), end=ended
    )
    assert dashboard.exchanges_held(year) == 1
    held.unpublish()
    assert dashboard.exchanges_held(year) == 0


@pytest.mark.django_db
def test_guides_published_follow_the_pages():
    french = GuidePage.objects.live().filter(locale_id=Locale.get_default().pk)
    before = french.count()
    assert before == 6
    assert dashboard.guides_published(2026) == before
    french.first().unpublish()
    assert dashboard.guides_published(2026) == before - 1


@pytest.mark.django_db  # a page instance looks its content type up
def test_an_indicator_without_a_figure_is_left_out():
    missing = Indicator(
        key="experiments",
        label="Experiments launched",
        target_field="target_experiments",
        compute=lambda year: None,
        progress="%(value)s experiments launched",
        note="Experiments launched in %(year)s.",
    )
    counted = Indicator(
        key="counted",
        label="Counted",
        target_field="target_guides",
        compute=lambda year: year - 2020,
        progress="%(value)s counted",
        note="Counted in %(year)s.",
    )
    page = DashboardPage(target_guides=6, target_experiments=3)
    with translation.override("en"):
        result = figures(page, 2024, [missing, counted])
    assert [f.key for f in result] == ["counted"]
    assert result[0].text == "4 counted"
    with translation.override("en"):
        assert result[0].goal == "target: 6"
    assert result[0].note == "Counted in 2024."


@pytest.mark.django_db
def test_experiments_launched_counts_formalisations_of_the_year(people_for_dashboard):
    from projects.experiments.services import run_transition
    from tests.factories import advance

    year = timezone.localdate().year
    before = dashboard.experiments_launched(year)
    experiment, lead, coordinator = people_for_dashboard
    advance(experiment, "formalised", lead=lead, coordinator=coordinator)
    assert dashboard.experiments_launched(year) == before + 1
    # Reopened and formalised again: still one experiment launched.
    run_transition(experiment, "reopen", by=coordinator, comment="Précisez le budget.")
    run_transition(experiment, "formalise", by=lead)
    assert dashboard.experiments_launched(year) == before + 1
    assert dashboard.experiments_launched(year - 1) == 0


@pytest.mark.parametrize(
    ("value", "target", "percent", "step", "reached"),
    [(0, 15, 0, 0, False), (1, 15, 7, 5, False), (9, 15, 60, 60, False), (16, 15, 100, 100, True)],
)
def test_figure_proportions(value, target, percent, step, reached):
    indicator = dashboard.INDICATORS[0]
    figure = Figure(indicator=indicator, value=value, target=target, year=2024)
    assert (figure.percent, figure.step, figure.reached) == (percent, step, reached)


@pytest.mark.parametrize(
    ("value", "target", "text", "goal"),
    [
        (1, 3, "1 cooperation experiment launched", "target: 3"),
        (0, 3, "0 cooperation experiments launched", "target: 3"),
        (6, 3, "6 cooperation experiments launched", "target: 3, reached"),
    ],
)
def test_figure_text_counts_in_the_right_plural_and_says_the_target_apart(
    value, target, text, goal
):
    """Never « 1 experiments », never « 6 experiments launched of 3 »."""
    indicator = next(i for i in dashboard.INDICATORS if i.key == "experiments")
    figure = Figure(indicator=indicator, value=value, target=target, year=2024)
    with translation.override("en"):
        assert (figure.text, figure.goal) == (text, goal)


@pytest.mark.django_db
def test_dashboard_costs_one_query_per_indicator(client):
    """Beyond what any page costs (site, menu, footer), one count per indicator at most."""
    client.get("/fr/participer/")
    client.get(PAGE["fr"])
    with CaptureQueriesContext(connection) as plain:
        client.get("/fr/participer/")
    with CaptureQueriesContext(connection) as board:
        html = client.get(PAGE["fr"]).content.decode()
    assert html.count('class="indicator__goal"') == len(dashboard.INDICATORS)
    extra = len(board.captured_queries) - len(plain.captured_queries)
    assert extra <= len(dashboard.INDICATORS) + 2  # + the default locale, + the page's type
