"""Text shown in another language than the page's is marked: a `lang` attribute and a short
« (in French) »."""

import re

import pytest

from funding.catalogue.models import FundingCall
from home.models import OrganisationDirectoryPage
from projects.network.models import Organisation

pytestmark = pytest.mark.django_db

ALCOTRA = "Interreg ALCOTRA \N{EN DASH} micro-projets"


def _alcotra() -> FundingCall:
    return FundingCall.objects.canonical().get(name=ALCOTRA)


def _call_page(client, language: str, call: FundingCall) -> str:
    catalogue = {"fr": "/fr/financements/", "en": "/en/funding/", "it": "/it/finanziamenti/"}
    response = client.get(f"{catalogue[language]}{call.slug}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _h1(html: str) -> str:
    return re.search(r'<h1 id="call-name"[^>]*>.*?</h1>', html, re.S).group(0)


def test_an_untranslated_call_reads_in_french_marked_as_french(client):
    call = _alcotra()
    FundingCall.objects.filter(
        translation_key=call.translation_key, locale__language_code="it"
    ).delete()
    h1 = _h1(_call_page(client, "it", call))
    assert h1.startswith('<h1 id="call-name" lang="fr">')
    assert ALCOTRA in h1
    assert 'class="source language-mark" lang="it"' in h1
    listing = client.get("/it/finanziamenti/", {"kind": "eu_programme"}).content.decode()
    assert re.search(
        rf'lang="fr">{re.escape(ALCOTRA)}</a> <span class="source language-mark"', listing
    )


def test_a_translated_call_and_the_french_page_carry_no_mark(client):
    call = _alcotra()
    italian = _h1(_call_page(client, "it", call))
    assert italian.startswith('<h1 id="call-name">') and "microprogetti" in italian
    assert "language-mark" not in italian
    french = _h1(_call_page(client, "fr", call))
    assert french.startswith('<h1 id="call-name">') and "language-mark" not in french


def test_an_untranslated_organisation_description_is_marked(client):
    organisation = Organisation.objects.canonical().exclude(description="").order_by("slug").first()
    Organisation.objects.filter(translation_key=organisation.translation_key).exclude(
        pk=organisation.pk
    ).delete()
    directory = OrganisationDirectoryPage.objects.live().get(locale__language_code="en")
    html = client.get(f"{directory.url}o/{organisation.slug}/").content.decode()
    assert 'class="prose organisation__description" lang="fr"' in html
    assert 'class="source language-mark" lang="en"' in html
