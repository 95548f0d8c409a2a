"""An organisation's page in the directory: what it shows, in which language, for which rows,
in how many queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from home.models import WorkingGroupsPage
from projects.network.models import Organisation
from tests.home.directory import DIRECTORY, LANGUAGES


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_detail_view(client, language):
    response = client.get(f"{DIRECTORY[language]}o/udess-05/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<h1 id="organisation-name">Udess 05</h1>' in html
    assert re.search(r"<title>Udess 05 · [^<]+</title>", html)
    assert f'<html lang="{language}">' in html


@pytest.mark.django_db
def test_detail_view_shows_the_description_in_the_visitor_language(client):
    organisation = Organisation.objects.canonical().get(name="ADELHA")
    english = organisation.copy_for_translation(Locale.objects.get(language_code="en"))
    english.description = "A network pooling resources between organisations."
    english.save()
    english_html = client.get(f"{DIRECTORY['en']}o/adelha/").content.decode()
    assert "A network pooling resources between organisations." in english_html
    italian_html = client.get(f"{DIRECTORY['it']}o/adelha/").content.decode()
    assert organisation.description.replace("'", "&#x27;") in italian_html  # no translation yet


@pytest.mark.django_db
# Wagtail 7.4 leaves the SpooledTemporaryFile of a new rendition to the garbage collector.
@pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning")
def test_detail_view_lists_everything_known_about_the_organisation(client):
    organisation = Organisation.objects.canonical().get(name="Locomun")
    organisation.website = "https://locomun.example.org/"
    organisation.email = "bonjour@locomun.example.org"
    organisation.logo = Image.objects.create(title="Locomun logo", file=get_test_image_file())
    organisation.save()
    html = client.get(f"{DIRECTORY['en']}o/locomun/").content.decode()
    assert '<a href="mailto:bonjour@locomun.example.org">' in html
    assert 'href="https://locomun.example.org/"' in html
    assert re.search(r'<img[^>]+alt="[^"]*Locomun[^"]*"', html)
    assert "Premises and equipment" in html  # its theme, in English
    assert ">Gap</a>" in html  # its commune, linked to the directory filtered on it
    assert 'href="/en/organisations/?territory=gap"' in html
    # The working group it leads, linked to the working groups page.
    groups_page = WorkingGroupsPage.objects.get(locale__language_code="en")
    assert f'href="{groups_page.url}#group-locaux-materiels"' in html
    assert "Premises and equipment group" in html


@pytest.mark.django_db
def test_detail_view_language_links_stay_on_the_organisation(client):
    html = client.get(f"{DIRECTORY['fr']}o/locomun/").content.decode()
    assert 'href="/it/organizzazioni/o/locomun/" lang="it"' in html
    assert 'hreflang="en" href="http://testserver/en/organisations/o/locomun/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["no-such-organisation", "UDESS-05"])
def test_detail_view_of_an_unknown_organisation_is_a_404(client, slug):
    response = client.get(f"{DIRECTORY['fr']}o/{slug}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_detail_view_only_serves_canonical_organisations(client):
    organisation = Organisation.objects.canonical().get(name="Udess 05")
    english = organisation.get_translation(Locale.objects.get(language_code="en"))
    Organisation.objects.filter(pk=english.pk).update(slug="english-only-slug")
    assert client.get(f"{DIRECTORY['en']}o/english-only-slug/").status_code == 404


@pytest.mark.django_db
def test_detail_view_queries_do_not_grow_with_working_groups(client, django_assert_max_num_queries):
    client.get(f"{DIRECTORY['fr']}o/udess-05/")
    with CaptureQueriesContext(connection) as context:
        client.get(f"{DIRECTORY['fr']}o/udess-05/")
    with django_assert_max_num_queries(len(context.captured_queries)):
        client.get(f"{DIRECTORY['fr']}o/adelha/")
