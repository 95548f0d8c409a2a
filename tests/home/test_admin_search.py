"""Search in every admin listing: each listing the admin registers answers ``?q=…`` with 200,
and a listing that searches finds the expected row (and leaves out one that does not match).

The listings are discovered from the URL configuration (every Wagtail listing view under
``/admin/`` that takes no argument), so a listing added later without an entry below fails
`test_every_admin_listing_has_an_entry`. The project's own listings ignore accents and case
(`core.listings.FoldedSearchMixin`): their queries below are typed without accents and
in another case than the row. Wagtail's own listings (pages, images, documents…) search through
the search backend: their queries only change the case.

Run on SQLite (default) and on PostgreSQL (``DATABASE_URL=postgres://…``).
"""

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.core.paginator import UnorderedObjectListWarning
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.generic.base import BaseListingView

from accounts.models import User
from projects.network.models import Organisation
from tests.factories import UserFactory


@dataclass(frozen=True)
class Entry:
    """What to type in a listing's search box, and what it must then show.

    ``expected`` is ``None`` for a listing that has no search box (it must still answer 200);
    it may be a function, called in the test, for rows whose text depends on the data.
    """

    query: str
    expected: str | Callable[[], str] | None
    absent: str | None = None
    # wagtail-localize's translations report paginates an unordered queryset: a warning in
    # production, an error under the test settings' warning filter.
    unordered: bool = False


NO_SEARCH = Entry("anything", None)

ENTRIES: dict[str, Entry] = {
    # The project's listings: accents and case do not matter.
    "wagtailsnippets_projects_organisation:list": Entry(
        "frequence MISTRAL", "Fréquence Mistral", absent="Ecoloc"
    ),
    "wagtailsnippets_projects_territory:list": Entry("BRIANCON", "Briançon", absent="Gap"),
    # The demo's join request (Thomas Girard → GSA 05) and memberships, by organisation or address.
    "wagtailsnippets_projects_membershiprequest:list": Entry("gsa 05", "Thomas Girard → GSA 05"),
    "wagtailsnippets_projects_organisationmembership:list": Entry(
        "PARTENAIRE@", "Élodie Garcin — Serres Lez'Arts", absent="Julien Roux — GSA 05"
    ),
    "wagtailsnippets_projects_theme:list": Entry(
        "materiels", "Locaux et matériels", absent="Diversification financière"
    ),
    "wagtailsnippets_projects_workinggroup:list": Entry(
        "competences EMPLOI",
        "Groupe compétences, emploi et formation",
        absent="Groupe locaux et matériels",
    ),
    "wagtailsnippets_home_mainmenu:list": Entry(
        "PRINCIPAL", "Menu principal (fr)", absent="Main menu (en)"
    ),
    "wagtailsnippets_funding_funder:list": Entry(
        "region sud", "Région Sud Provence-Alpes-Côte d'Azur", absent="HelloAsso"
    ),
    "wagtailsnippets_funding_fundingsource:list": Entry(
        "fnadt convention", "FNADT \u2013 convention de massif des Alpes", absent="LEADER"
    ),
    "wagtailsnippets_funding_fundingcall:list": Entry(
        "appel a projets initiatives",
        "Caisse d'Epargne CEPAC \u2013 appel à projets initiatives solidaires",
        absent="DLA des Hautes-Alpes \u2013 accompagnement gratuit",
    ),
    "wagtailsnippets_funding_fundermembership:list": Entry(
        "GIULIA",
        "Giulia Rossi — Fondation de France",
        absent="Marc Lambert — France Active Provence-Alpes-Côte d'Azur",
    ),
    "wagtailsnippets_funding_reviewprocess:list": Entry(
        "preselection",
        "Présélection, expertise externe, comité",
        absent="Examen en une étape",
    ),
    "experiments:index": Entry(
        "epicerie SOLIDAIRE",
        "Épicerie solidaire et mobile en Sisteronais-Buëch",
        absent="Café des familles itinérant",
    ),
    # Wagtail's listings.
    "wagtailadmin_explore_root": Entry("PARTICIPER", "Participer", absent="Mentions légales"),
    "wagtailadmin_pages:search": Entry("PARTICIPER", "Participer", absent="Mentions légales"),
    "wagtailimages:index": Entry(
        "EMPLOIS", "Part de l'ESS dans les emplois privés des Hautes-Alpes"
    ),
    "wagtaildocs:index": Entry(
        "CONVENTION",
        "Trame de convention de mise à disposition de locaux",
        absent="Synthèse du forum de l'ESS 05",
    ),
    "wagtailforms:index": Entry("CONTACT", "Contact", absent="Contatti"),
    "wagtailredirects:index": Entry("/EN/ECHANGES", "/en/echanges"),
    "wagtailadmin_workflows:index": Entry("RELECTURE", "Relecture"),
    "wagtailadmin_workflows:task_index": Entry("RELECTURE", "Relecture"),
    "wagtailusers_users:index": Entry(
        "REDACTION@", lambda: str(User.objects.get(email="redaction@example.org"))
    ),
    "wagtailusers_groups:index": Entry("DACTION", "Rédaction", absent="Relecture"),
    # Listings without a search box.
    "wagtailadmin_collections:index": NO_SEARCH,
    "wagtailadmin_reports:locked_pages": NO_SEARCH,
    "wagtailadmin_reports:workflow": NO_SEARCH,
    "wagtailadmin_reports:workflow_tasks": NO_SEARCH,
    "wagtailadmin_reports:site_history": NO_SEARCH,
    "wagtailadmin_reports:aging_pages": NO_SEARCH,
    "wagtailadmin_reports:page_types_usage": NO_SEARCH,
    "wagtail_localize:translations_report": Entry("anything", None, unordered=True),
    "wagtailsnippets:index": NO_SEARCH,
    "wagtaillocales:index": NO_SEARCH,
    "wagtailsites:index": NO_SEARCH,
}


def _walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[tuple]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name, pattern


def admin_listings() -> dict[str, str]:
    """Every admin listing page that takes no argument, by URL name: its address."""
    found = {}
    for route, name, pattern in _walk(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "view_class", None)
        initkwargs = getattr(pattern.callback, "view_initkwargs", {})
        if (
            route.startswith("admin/")
            and view_class is not None
            and issubclass(view_class, BaseListingView)
            and not initkwargs.get("results_only")
            and not pattern.pattern.converters
        ):
            found[name] = "/" + route
    return found


LISTINGS = admin_listings()


def test_every_admin_listing_has_an_entry():
    assert set(LISTINGS) == set(ENTRIES), (
        "Add an entry for each new admin listing (what to search, what it must find): "
        f"missing {sorted(set(LISTINGS) - set(ENTRIES))}, "
        f"gone {sorted(set(ENTRIES) - set(LISTINGS))}"
    )


def test_the_discovery_finds_the_projects_listings():
    for name in (
        "wagtailsnippets_projects_organisation:list",
        "wagtailsnippets_funding_fundingcall:list",
        "experiments:index",
        "wagtailimages:index",
        "wagtaildocs:index",
        "wagtailadmin_pages:search",
    ):
        assert name in LISTINGS


def _shown(response) -> list[str]:
    """The rows of a listing response, as text."""
    context = response.context
    for key in ("object_list", "pages"):
        if key in context and context[key] is not None:
            return [str(row) for row in context[key]]
    raise AssertionError(f"no rows in the context of {response.request['PATH_INFO']}")


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(email="root@example.org", is_superuser=True, is_staff=True))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_admin_search_answers_and_finds_the_row(superuser_client, name):
    entry = ENTRIES[name]
    with warnings.catch_warnings():
        if entry.unordered:
            warnings.simplefilter("ignore", UnorderedObjectListWarning)
        response = superuser_client.get(f"{LISTINGS[name]}?{urlencode({'q': entry.query})}")
    assert response.status_code == 200
    if entry.expected is None:
        return
    expected = entry.expected() if callable(entry.expected) else entry.expected
    shown = _shown(response)
    assert expected in shown, f"{name}: {entry.query!r} should find {expected!r}, got {shown}"
    if entry.absent:
        assert entry.absent not in shown, (
            f"{name}: {entry.query!r} should not find {entry.absent!r}"
        )


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ecoloc", "ÉCOLOC", "Ecoloc des alpes", "écoloc ALPES"])
def test_organisation_search_ignores_accents_and_case(superuser_client, query):
    Organisation.objects.create(name="Écoloc des Alpes", slug="ecoloc-des-alpes")
    response = superuser_client.get(
        LISTINGS["wagtailsnippets_projects_organisation:list"], {"q": query}
    )
    assert response.status_code == 200
    assert "Écoloc des Alpes" in _shown(response)


@pytest.mark.django_db
def test_every_word_must_match(superuser_client):
    response = superuser_client.get(
        LISTINGS["wagtailsnippets_projects_organisation:list"], {"q": "ecoloc introuvable"}
    )
    assert response.status_code == 200
    assert _shown(response) == []


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["%", "_", "'; drop table x; --", "a" * 300])
def test_odd_queries_answer_without_error(superuser_client, query):
    response = superuser_client.get(
        LISTINGS["wagtailsnippets_projects_organisation:list"], {"q": query}
    )
    assert response.status_code == 200
    if query in {"%", "_"}:
        assert _shown(response) == []
