"""Titles, names and subjects hold on one line: a line break or a control character is refused
with the same message by the site's forms, the API and the admin (core/validators.py), in the
visitor's language."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from rest_framework.test import APIClient

from home.forms import HONEYPOT_FIELD
from home.models import FormPage
from projects.experiments.models import Experiment
from projects.network.models import Organisation, Territory
from projects.sharing.models import SharingPost
from tests.experiments.api_support import api, detail_url, list_url
from tests.experiments.conftest import people  # noqa: F401 (fixture)
from tests.factories import OrganisationFactory, UserFactory, member_of

LANGUAGES = ["fr", "en"]
BROKEN = "Atelier partagé\nBcc: tout le monde"


def message(language: str) -> str:
    with translation.override(language):
        return gettext(
            "This field fits on one line: remove the line breaks and control characters."
        )


def site_url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# ---------------------------------------------------------------------- the site's forms
@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sharing_post_title_on_two_lines_is_refused_and_kept(client, language):
    organisation = OrganisationFactory()
    client.force_login(member_of(organisation))
    data = {
        "organisation": str(organisation.pk),
        "kind": "offer",
        "category": "equipment",
        "title": BROKEN,
        "description": "Remorque de 750 kg.",
        "territory": str(Territory.objects.get(slug="gap").pk),
        "availability": "ongoing",
        "terms": "free",
        "action": "publish",
    }
    response = client.post(site_url("projects:sharing_new", language), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert escape(message(language)) in html
    assert "Remorque de 750 kg." in html  # what was typed is kept
    assert not SharingPost.objects.filter(description="Remorque de 750 kg.").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_full_name_with_a_control_character_is_refused(client, language):
    user = UserFactory(full_name="Léa Garnier")
    client.force_login(user)
    response = client.post(
        site_url("accounts:profile", language), {"full_name": "Léa\x1b Garnier", "language": "fr"}
    )
    assert response.status_code in (200, 400)
    assert escape(message(language)) in response.content.decode()
    user.refresh_from_db()
    assert user.full_name == "Léa Garnier"


@pytest.mark.django_db
def test_the_contact_forms_one_line_answers_are_one_line(client):
    # The form builder's single-line fields (here the name; the subject is a drop-down).
    page = FormPage.objects.get(locale__language_code="fr")
    data = {
        "nom": "Léa\r\nGarnier",
        "email": "lea.garnier@example.org",
        "structure": "Bio paniers",
        "objet": "Rejoindre le cluster",
        "message": "Bonjour,\nnous souhaitons rejoindre le cluster.",
        HONEYPOT_FIELD: "",
    }
    response = client.post(page.url, data)
    assert response.status_code == 400
    assert escape(message("fr")) in response.content.decode()
    assert "nous souhaitons rejoindre le cluster." in response.content.decode()
    data["nom"] = "Léa Garnier"  # a message on several lines is fine
    assert client.post(page.url, data).status_code in (200, 302)


# ---------------------------------------------------------------------- the API
@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_refuses_a_sharing_post_title_on_two_lines(language):
    organisation = OrganisationFactory()
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(member_of(organisation))
    payload = {
        "organisation": organisation.pk,
        "kind": "offer",
        "category": "equipment",
        "title": BROKEN,
        "description": "Remorque de 750 kg.",
        "territory": "embrun",
        "terms": "free",
    }
    response = client.post("/api/v1/sharing/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["title"] == [message(language)]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_refuses_an_idea_title_with_a_line_separator(language):
    organisation = OrganisationFactory()
    person = member_of(organisation)
    count = Experiment.objects.count()
    response = api(person, language).post(
        list_url(),
        {"title": "Idée\u2028cachée", "summary": "Résumé.", "lead_organisation": organisation.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["title"] == [message(language)]
    assert Experiment.objects.count() == count


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_refuses_a_title_on_two_lines_when_an_experiment_is_edited(people, language):  # noqa: F811
    experiment = people["experiment"]
    response = api(people["lead"], language).patch(
        detail_url(experiment), {"title": "Titre\nsur deux lignes"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["title"] == [message(language)]
    experiment.refresh_from_db()
    assert "\n" not in experiment.title


# ---------------------------------------------------------------------- the admin
@pytest.mark.django_db
def test_the_admin_refuses_an_organisation_name_on_two_lines(client):
    from tests.experiments.test_admin_forms import _edit_form_data

    client.force_login(UserFactory(email="root@example.org", is_superuser=True, is_staff=True))
    organisation = OrganisationFactory(name="Atelier Vélo Gap")
    url = reverse("wagtailsnippets_projects_organisation:edit", args=[organisation.pk])
    data = _edit_form_data(client.get(url), territories=[])
    data.update({"name": ["Atelier Vélo\nGap"]})
    response = client.post(url, data)
    assert response.status_code == 200
    assert escape(message(response["Content-Language"])) in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).name == "Atelier Vélo Gap"
