"""Public text refuses contact details (core/contact_details.py): a sharing post through the
site's form and the API, an experiment's public summary; the command lists older texts."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from rest_framework.test import APIClient

from projects.experiments.models import Experiment
from projects.network.models import Territory
from projects.sharing.models import SharingPost
from tests.experiments.api_support import api, detail_url
from tests.factories import OrganisationFactory, member_of, sharing_post


def message(language: str) -> str:
    with translation.override(language):
        return gettext(
            "Do not give an e-mail address or a phone number: interested people write to you "
            "through the platform's messaging."
        )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", "Remorque de 750 kg. Appelez le 06 12 34 56 78."),
        ("description", "Remorque de 750 kg, écrivez à jean.dupont@asso-gap.fr"),
        ("title", "Remorque +39 333 123 4567"),
        ("terms_note", "voir avec marie (at) asso (point) fr"),
    ],
)
def test_the_post_form_refuses_contact_details_and_keeps_the_text(client, language, field, value):
    organisation = OrganisationFactory()
    client.force_login(member_of(organisation))
    data = {
        "organisation": str(organisation.pk),
        "kind": "offer",
        "category": "equipment",
        "title": "Une remorque à prêter",
        "description": "Remorque de 750 kg.",
        "territory": str(Territory.objects.get(slug="gap").pk),
        "availability": "ongoing",
        "terms": "cost_sharing",
        "terms_note": "",
        "action": "publish",
        field: value,
    }
    with translation.override(language):
        url = reverse("projects:sharing_new")
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert escape(message(language)) in html
    assert escape(value) in html  # kept, to be corrected
    assert not SharingPost.objects.filter(organisation=organisation).exists()


@pytest.mark.django_db
def test_editing_a_post_refuses_contact_details(client, sharing_people):
    post = sharing_people["post"]
    client.force_login(sharing_people["owner"])
    url = reverse("projects:sharing_edit", kwargs={"pk": post.pk})
    data = {
        "organisation": str(post.organisation_id),
        "kind": post.kind,
        "category": post.category,
        "title": post.title,
        "description": "La salle, 04 92 53 12 34",
        "territory": str(post.territory_id),
        "availability": "ongoing",
        "terms": "free",
        "action": "publish",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    post.refresh_from_db()
    assert "04 92" not in post.description


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_api_refuses_contact_details_in_a_post(language):
    organisation = OrganisationFactory()
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(member_of(organisation))
    payload = {
        "organisation": organisation.pk,
        "kind": "offer",
        "category": "equipment",
        "title": "Une remorque à prêter",
        "description": "Appelez le +33 6 12 34 56 78",
        "territory": "embrun",
        "terms": "free",
    }
    response = client.post("/api/v1/sharing/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["description"] == [message(language)]
    # Numbers that are not contact details are fine.
    payload["description"] = "Remorque de 750 kg, 2 essieux, libre du 01/06/2026 au 30/06/2026."
    assert client.post("/api/v1/sharing/", payload, format="json").status_code == 201


@pytest.mark.django_db
def test_an_experiments_public_summary_refuses_contact_details(people):
    experiment = people["experiment"]
    response = api(people["lead"], "fr").patch(
        detail_url(experiment), {"summary": "Contact : lead@asso-gap.fr"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["summary"] == [message("fr")]
    # The private description may name whom to call.
    response = api(people["lead"], "fr").patch(
        detail_url(experiment), {"description": "Contact : 04 92 53 12 34"}, format="json"
    )
    assert response.status_code == 200
    assert Experiment.objects.get(pk=experiment.pk).description == "Contact : 04 92 53 12 34"


@pytest.mark.django_db
def test_the_command_lists_older_posts_with_contact_details(empty_board):
    organisation = OrganisationFactory(name="Structure bavarde")
    post = sharing_post(member_of(organisation), organisation, title="Salle à Gap")
    clean = sharing_post(member_of(organisation), organisation, title="Salle à Embrun")
    # Written before the rule: straight into the database.
    SharingPost.objects.filter(pk=post.pk).update(description="Appelez le 06 12 34 56 78")
    out = io.StringIO()
    call_command("contact_details", stdout=out)
    listing = out.getvalue()
    assert f"post {post.pk} (published, Structure bavarde), description: 06 12 34 56 78" in listing
    assert f"post {clean.pk} " not in listing
