"""Every reader in their language: an Italian-speaking reviewer signs in from the French site,
lands on the Italian one, is e-mailed in Italian, and sees French-only text marked as French."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from funding.catalogue.models import FundingCall
from funding.dossiers.models import FundingApplication
from funding.dossiers.services.people import experiment_people
from funding.dossiers.services.reviewing import post_message
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def sign_in(client, email: str, language: str = "fr", **extra):
    data = {"username": email, "password": DEMO_PASSWORD, **extra}
    return client.post(url("accounts:login", language), data)


def test_an_italian_reviewer_signs_in_from_the_french_site_and_lands_in_italian(client):
    response = sign_in(client, "financeur2@example.org")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/it/")
    assert response.cookies["c05_language"].value == "it"


def test_the_address_they_were_going_to_is_the_italian_one(client):
    dossier = FundingApplication.objects.filter(
        call__source__funder__name="Fondation de France", version_number__gt=0
    ).first()
    going_to = url("funding:review_dossier", "fr", pk=dossier.pk)
    response = sign_in(client, "financeur2@example.org", next=going_to)
    assert response.headers["Location"] == url("funding:review_dossier", "it", pk=dossier.pk)


def test_a_french_reader_stays_in_french(client):
    response = sign_in(client, "relecteur@example.org", language="it")
    assert response.headers["Location"].startswith("/fr/")


def test_the_italian_reviewer_is_e_mailed_in_italian_and_reads_french_text_marked(
    client, demo_user, django_capture_on_commit_callbacks
):
    giulia = demo_user("financeur2")
    dossier = (
        FundingApplication.objects.filter(
            call__source__funder__name="Fondation de France", version_number__gt=0
        )
        .select_related("experiment")
        .first()
    )
    lead = experiment_people(dossier, coordinators=False).first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_message(dossier, by=lead, body="Bonjour, voici le budget révisé.")
    to_giulia = [m for m in mail.outbox if m.to == [giulia.email]]
    assert len(to_giulia) == 1
    assert "Nuovo messaggio sul dossier" in to_giulia[0].subject
    assert "/it/" in to_giulia[0].body

    response = sign_in(client, giulia.email)
    page = client.get(response.headers["Location"], follow=True)
    assert page.request["PATH_INFO"].startswith("/it/")
    html = client.get(url("funding:review_dossier", "it", pk=dossier.pk)).content.decode()
    assert '<html lang="it"' in html
    # The dossier's text was typed in French: it says so, for screen readers and translators.
    title = re.escape(dossier.experiment.title)
    assert re.search(rf'lang="fr"[^>]*>[^<]*{title}', html), "the French title is not marked"


def test_a_page_of_the_site_is_read_in_its_italian_translation(client):
    call = FundingCall.objects.canonical().order_by("pk").first()
    going_to = f"/fr/financements/{call.slug}/?page=2"
    response = sign_in(client, "financeur2@example.org", next=going_to)
    assert response.headers["Location"] == f"/it/finanziamenti/{call.slug}/?page=2"
    # A French page with no Italian version stays French rather than a 404.
    client.logout()
    response = sign_in(client, "financeur2@example.org", next="/fr/nowhere/")
    assert response.headers["Location"] == "/fr/nowhere/"
