"""The working groups page: groups in the visitor's language, leads, members, latest meeting."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, WorkingGroupsPage
from home.models.working_groups import latest_meeting
from projects.network.models import Organisation, Theme, WorkingGroup
from tests.factories import OrganisationFactory, WorkingGroupFactory

LANGUAGES = ["fr", "en", "it"]
PAGE = {"fr": "/fr/groupes-de-travail/", "en": "/en/working-groups/", "it": "/it/gruppi-di-lavoro/"}
DIRECTORY = {"fr": "/fr/structures/", "en": "/en/organisations/", "it": "/it/organizzazioni/"}


class TestWorkingGroupsPageTree(WagtailPageTestCase):
    def test_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(WorkingGroupsPage, {HomePage})
        self.assertAllowedSubpageTypes(WorkingGroupsPage, {})

    def test_at_most_one_per_home_page(self):
        home = HomePage.objects.get(locale__language_code="en")
        self.assertFalse(WorkingGroupsPage.can_create_at(home))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_renders_every_group_in_each_language(client, language):
    response = client.get(PAGE[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    groups = WorkingGroup.objects.canonical()
    assert html.count('<li class="group"') == groups.count()
    with_locale = Locale.objects.get(language_code=language)
    for group in groups:
        name = group.get_translation(with_locale).name if language != "fr" else group.name
        assert f">{escape(name)}</h2>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "theme", "group"),
    [
        ("fr", "Locaux et matériels", "Groupe locaux et matériels"),
        ("en", "Premises and equipment", "Premises and equipment group"),
        ("it", "Locali e attrezzature", "Gruppo locali e attrezzature"),
    ],
)
def test_group_text_and_theme_in_the_visitor_language(client, language, theme, group):
    html = client.get(PAGE[language]).content.decode()
    section = _group_html(html, "locaux-materiels")
    assert f">{group}</h2>" in section
    assert f"<dd>{theme}</dd>" in section


def _group_html(html: str, slug: str) -> str:
    start = html.index(f'id="group-{slug}"')
    return html[start : html.index("</li>\n", html.index("</article>", start))]


@pytest.mark.django_db
def test_lead_and_members_link_to_the_directory(client):
    section = _group_html(client.get(PAGE["en"]).content.decode(), "locaux-materiels")
    lead = re.search(
        r"Lead organisation \(chef de file\)</dt>\s*<dd>\s*(.*?)\s*</dd>", section, re.S
    )
    assert lead.group(1) == f'<a href="{DIRECTORY["en"]}o/locomun/">Locomun</a>'
    group = WorkingGroup.objects.canonical().get(slug="locaux-materiels")
    for member in group.members.all():
        assert f'<a href="{DIRECTORY["en"]}o/{member.slug}/">' in section


@pytest.mark.django_db
def test_group_without_lead_says_so(client):
    WorkingGroupFactory(name="Groupe du Queyras", slug="queyras", kind="territorial")
    section = _group_html(client.get(PAGE["en"]).content.decode(), "queyras")
    assert "Not identified yet" in section
    assert "No member organisation yet." in section


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("fr", "Inventaire des locaux et du matériel partageables"),
        ("en", "Inventory of the premises and equipment that can be shared"),
        ("it", "Inventario dei locali e delle attrezzature condivisibili"),
    ],
)
def test_latest_meeting_in_the_visitor_language(client, language, title):
    section = _group_html(client.get(PAGE[language]).content.decode(), "locaux-materiels")
    assert escape(title) in section


@pytest.mark.django_db
def test_only_the_latest_meeting_is_shown(client):
    group = WorkingGroupFactory(slug="meetings")
    group.meeting_notes = json.dumps(
        [
            _meeting("2024-03-01", "Réunion de mars"),
            _meeting("2024-06-15", "Réunion de juin"),
            _meeting("2024-01-10", "Réunion de janvier"),
        ]
    )
    group.save()
    assert latest_meeting(group).value["title"] == "Réunion de juin"
    section = _group_html(client.get(PAGE["fr"]).content.decode(), "meetings")
    assert "Réunion de juin" in section
    assert "Réunion de mars" not in section
    assert '<time datetime="2024-06-15">' in section


def _meeting(date: str, title: str) -> dict:
    return {
        "type": "meeting",
        "value": {"date": date, "title": title, "summary": f"<p>{title} : compte rendu.</p>"},
    }


def test_latest_meeting_of_a_group_without_notes_is_none():
    assert latest_meeting(WorkingGroup(meeting_notes=[])) is None


def _populate(count: int) -> None:
    themes = list(Theme.objects.canonical())
    organisations = list(Organisation.objects.canonical()[:12])
    for n in range(count):
        lead = OrganisationFactory()
        group = WorkingGroupFactory(
            theme=themes[n % len(themes)],
            lead_organisation=lead,
            members=[lead, *organisations[n % 6 : n % 6 + 4]],
        )
        group.meeting_notes = json.dumps([_meeting(f"2025-02-0{1 + n % 9}", f"Réunion {n}")])
        group.save()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "it"])
def test_queries_do_not_grow_with_groups(client, language):
    client.get(PAGE[language])
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE[language])
    _populate(3)
    with CaptureQueriesContext(connection) as some:
        html = client.get(PAGE[language]).content.decode()
    _populate(30)
    with CaptureQueriesContext(connection) as many:
        html = client.get(PAGE[language]).content.decode()
    assert html.count('<li class="group"') == WorkingGroup.objects.canonical().count()
    assert len(few.captured_queries) == len(some.captured_queries) == len(many.captured_queries)
