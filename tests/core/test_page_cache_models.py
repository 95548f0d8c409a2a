"""Every model a cached public page shows purges the page cache when it changes.

The models are found, not listed by hand: each public page of the demo (every page, listing and
object a visitor can open, as the search index knows them) is rendered anonymously, the tables
its queries read are mapped back to their models, and each model must purge the cache (its
``purges_page_cache = True``, or one of the Wagtail models `core.cache.purges` registers), be a
page or belong to one (purged by Wagtail's publishing), or be in `NOT_SHOWN` with the reason a
change of it cannot alter a cached page.
"""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from core.cache import pages as page_cache
from search import registry

pytestmark = pytest.mark.django_db

# Models whose changes cannot change what a cached anonymous page shows, and why.
NOT_SHOWN = {
    # Django's and Wagtail's plumbing, read to serve any page.
    "contenttypes.ContentType": "fixed after migrate",
    "sessions.Session": "an anonymous cached visit has no session",
    "wagtailcore.Revision": "read through pages: publishing purges",
    "wagtailcore.GroupPagePermission": "admin permissions",
    "wagtailimages.Rendition": "created on demand from images, which purge",
    "wagtailredirects.Redirect": "only for addresses that are not pages (404s)",
    "accounts.User": "a sharing post's author is read for its permissions, never shown",
    # The search layer's index: its result pages have their own version, purged by every
    # write to the index (search/sync.py, search/tasks.py).
    "search.SearchEntry": "search namespace",
    "search.SearchText": "search namespace",
    "search.SearchFacetValue": "search namespace",
}

# Whatever the demo happens to hold, these are shown on public pages and must purge.
SHOWN = [
    "projects.Organisation",
    "projects.Territory",
    "projects.Theme",
    "projects.WorkingGroup",
    "projects.Experiment",
    "projects.ExperimentPartner",
    "projects.SharingPost",
    "projects.SharingPhoto",
    "projects.SharingMatch",
    "projects.ExperimentEvent",
    "funding.Funder",
    "funding.FundingSource",
    "funding.FundingCall",
    "funding.CallRequirement",
    "home.MainMenu",
    "home.SiteSettings",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailimages.Image",
    "wagtaildocs.Document",
]

_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)


def _tables_to_models() -> dict[str, type[Model]]:
    return {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}


def _owner(model: type[Model]) -> type[Model]:
    """The model a many-to-many table belongs to (its own model otherwise)."""
    if model._meta.auto_created:
        return model._meta.auto_created
    return model


def _belongs_to_a_page(model: type[Model]) -> bool:
    """A page, or a row edited and published with one (its inline panels' ParentalKey)."""
    if issubclass(model, Page):
        return True
    return any(
        isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
        for field in model._meta.get_fields()
    )


def _covered(model: type[Model]) -> bool:
    return (
        model in page_cache.purge_models()
        or _belongs_to_a_page(model)
        or model._meta.label in NOT_SHOWN
    )


def public_addresses() -> list[str]:
    """Every public document's address (French), and the listings of the Django views."""
    addresses: dict[str, None] = {}
    for source in registry.sources():
        for document in source.all_documents():
            if not document.restricted and document.language == "fr":
                addresses[document.url] = None
    with translation.override("fr"):
        for name in ("projects:public_list", "projects:sharing_board", "search:search"):
            addresses[reverse(name)] = None
    addresses[reverse("search:search", query={"q": "tresorerie"})] = None
    return list(addresses)


def test_every_model_a_public_page_reads_purges_the_cache(client):
    tables = _tables_to_models()
    read: dict[str, set[str]] = {}
    for address in public_addresses():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, address
        for query in queries.captured_queries:
            for table in _TABLE.findall(query["sql"]):
                if table in tables:
                    read.setdefault(_owner(tables[table])._meta.label, set()).add(address)
    assert "projects.Experiment" in read and "funding.FundingCall" in read
    uncovered = {
        label: sorted(addresses)[:3]
        for label, addresses in read.items()
        if not _covered(apps.get_model(label))
    }
    assert not uncovered, uncovered


@pytest.mark.parametrize("label", SHOWN)
def test_models_shown_publicly_purge_the_cache(label):
    model = apps.get_model(label)
    assert model in page_cache.purge_models(), label


def test_a_partner_link_change_purges_the_public_page(client, settings):
    """The public page of an experiment lists its partners: a new partner shows at once."""
    from projects.experiments.models import Experiment, ExperimentPartner
    from projects.network.models import Organisation

    settings.PAGE_CACHE_SECONDS = 600
    experiment = Experiment.objects.public().first()
    with translation.override("fr"):
        address = reverse("projects:public_detail", kwargs={"slug": experiment.slug})
    assert client.get(address)["X-Cache"] == "MISS"
    assert client.get(address)["X-Cache"] == "HIT"
    partner = (
        Organisation.objects.canonical()
        .exclude(
            pk__in=[
                experiment.lead_organisation_id,
                *experiment.partner_links.values_list("organisation", flat=True),
            ]
        )
        .first()
    )
    ExperimentPartner.objects.create(
        experiment=experiment, organisation=partner, status=ExperimentPartner.Status.ACCEPTED
    )
    response = client.get(address)
    assert response["X-Cache"] == "MISS"
    assert partner.name in response.content.decode()
