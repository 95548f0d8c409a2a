"""The admin listings of the network and the catalogue show words and dates, not raw values, in
a number of queries that does not grow with the rows."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from funding.catalogue.models import FundingCall
from projects.network.models import Organisation
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(email="root@example.org", is_superuser=True, is_staff=True))
    return client


def _cells(response, header: str) -> list[str]:
    """The texts of the column headed ``header`` in the listing."""
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("table", class_="listing")
    headers = [" ".join(th.get_text(" ").split()) for th in table.find("thead").find_all("th")]
    index = next(i for i, text in enumerate(headers) if header in text)
    return [
        " ".join(row.find_all("td")[index].get_text(" ").split())
        for row in table.find("tbody").find_all("tr")
    ]


@pytest.mark.django_db
def test_active_membership_is_a_word_with_an_icon(admin_client):
    url = reverse("wagtailsnippets_projects_organisation:list")
    response = admin_client.get(url, {"q": "fréquence"})
    soup = BeautifulSoup(response.content, "html.parser")
    body = soup.find("table", class_="listing").find("tbody")
    text = body.get_text(" ")
    assert "True" not in text and "False" not in text
    assert body.find("svg", class_="icon-check") is not None
    with translation.override("fr"):
        assert set(_cells(response, "Membre actif")) <= {"Oui", "Non"}


@pytest.mark.django_db
def test_both_answers_are_shown(admin_client):
    OrganisationFactory(name="Zèbre actif", is_active_member=True)
    OrganisationFactory(name="Zèbre en sommeil", is_active_member=False)
    response = admin_client.get(
        reverse("wagtailsnippets_projects_organisation:list"), {"q": "zebre"}
    )
    assert sorted(_cells(response, "Membre actif")) == ["Non", "Oui"]


@pytest.mark.django_db
def test_kinds_and_legal_forms_are_labels(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_projects_organisation:list"))
    kinds = set(_cells(response, "Type"))
    legal_forms = set(_cells(response, "Forme juridique"))
    with translation.override("fr"):
        assert kinds <= {str(label) for label in Organisation.Kind.labels}
        assert legal_forms <= {str(label) for label in Organisation.LegalForm.labels}
    assert not kinds & set(Organisation.Kind.values)


@pytest.mark.django_db
def test_a_closing_date_is_a_date_in_the_readers_language(admin_client):
    call = FundingCall.objects.canonical().filter(closes_at__gt=timezone.now()).first()
    response = admin_client.get(reverse("wagtailsnippets_funding_fundingcall:list"))
    cells = _cells(response, "Date de clôture")
    with translation.override("fr"):
        expected = date_format(timezone.localtime(call.closes_at), "DATETIME_FORMAT")
    assert expected in cells
    assert not any(re.search(r"instant|just now|\d{4}-\d{2}-\d{2}", cell) for cell in cells)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "one_row"),
    [
        ("wagtailsnippets_projects_organisation:list", "ecoloc"),
        ("wagtailsnippets_projects_workinggroup:list", "groupe locaux"),
        ("wagtailsnippets_projects_territory:list", "briancon"),
        ("wagtailsnippets_projects_theme:list", "materiels"),
        ("wagtailsnippets_funding_funder:list", "helloasso"),
        ("wagtailsnippets_funding_fundingsource:list", "fnadt"),
        ("wagtailsnippets_funding_fundingcall:list", "cepac"),
        ("experiments:index", "epicerie"),
    ],
)
def test_listing_queries_do_not_grow_with_the_rows(admin_client, name, one_row):
    """A page of many rows costs what a page of a few rows costs (no query per row), the
    translation buttons of translatable snippets included."""
    url = reverse(name)
    admin_client.get(url)  # warm the caches (site, locales, settings)
    with CaptureQueriesContext(connection) as few:
        response = admin_client.get(url, {"q": one_row})
    few_rows = len(response.context["object_list"])
    assert 1 <= few_rows <= 3
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)
    assert len(response.context["object_list"]) >= few_rows + 5
    assert len(many) <= len(few) + 1, [query["sql"] for query in many.captured_queries]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["wagtailsnippets_projects_organisation:list", "wagtailsnippets_funding_fundingcall:list"],
)
def test_translation_buttons_are_wagtail_localizes_ones(admin_client, name):
    """The batched buttons say and link what wagtail-localize's own hook would, row by row."""
    from wagtail_localize.wagtail_hooks import register_snippet_listing_buttons

    url = reverse(name)
    response = admin_client.get(url)
    view = response.context["view"]
    user = response.wsgi_request.user
    compared = 0
    for row in response.context["object_list"]:
        ours = [(str(b.label), b.url, b.icon_name) for b in view.translation_buttons(row, url)]
        theirs = [
            (str(b.label), b.url, b.icon_name)
            for b in register_snippet_listing_buttons(row, user, next_url=url)
        ]
        assert ours == theirs, row
        compared += bool(theirs)
    assert compared > 5
