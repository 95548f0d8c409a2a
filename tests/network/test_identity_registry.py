"""The register of companies' lookup, against recorded answers (tests/network/recordings/), and
the admin's lookup, verification page and panel per role."""

import json
from pathlib import Path

import pytest
import requests
import responses
from django.urls import reverse
from django.utils import translation

from projects.network.models import Organisation
from projects.network.registry import (
    RegistryError,
    RegistryNotFound,
    RegistryUnavailable,
    legal_form_for,
    lookup,
)
from projects.network.verification import plan_fill
from tests.factories import OrganisationFactory

URL = "https://recherche-entreprises.api.gouv.fr/search"
RECORDINGS = Path(__file__).parent / "recordings"


def recording(name: str) -> dict:
    return json.loads((RECORDINGS / f"{name}.json").read_text())


@pytest.fixture
def register(settings):
    settings.COMPANY_REGISTRY_URL = URL
    with responses.RequestsMock() as mocked:
        yield mocked


def test_lookup_by_rna_maps_an_association(register):
    register.get(URL, json=recording("association"))
    entry = lookup("w 051 000 123")
    assert register.calls[0].request.params["q"] == "W051000123"
    assert entry.name == "ATELIERS SOLIDAIRES DU GAPENCAIS"
    assert (entry.siren, entry.siret, entry.rna) == ("849123450", "84912345000017", "W051000123")
    assert entry.legal_form == Organisation.LegalForm.ASSOCIATION
    assert entry.address == "12 RUE DE FRANCE 05000 GAP"
    assert entry.naf_code == "88.99B"
    assert entry.is_ess is True and entry.is_active


def test_lookup_by_siret_takes_that_establishment(register):
    register.get(URL, json=recording("association"))
    entry = lookup("84912345000025")
    assert entry.siret == "84912345000025"
    assert entry.address == "3 PLACE DE L'EUROPE 05100 BRIANCON"


def test_lookup_la_poste(register):
    register.get(URL, json=recording("la_poste"))
    entry = lookup("356000000")
    assert entry.siret == "35600000000048"
    assert entry.legal_form == Organisation.LegalForm.COMPANY  # 5510: a SA
    assert entry.rna == ""


@pytest.mark.parametrize("name", ["not_found", "la_poste"])
def test_lookup_finds_nothing(register, name):
    register.get(URL, json=recording(name))
    with pytest.raises(RegistryNotFound) as error:
        lookup("849123450")  # la_poste.json answers for another SIREN
    assert "849123450" in str(error.value.message)


def test_bad_request_is_not_found(register):
    register.get(URL, json=recording("bad_request"), status=400)
    with pytest.raises(RegistryNotFound):
        lookup("849123450")


@pytest.mark.parametrize(
    "answer",
    [
        {"body": requests.ConnectTimeout()},
        {"body": requests.ConnectionError()},
        {"status": 500, "json": {}},
        {"status": 429, "json": {}},
        {"status": 200, "body": "<html>maintenance</html>"},
        {"status": 200, "json": ["not", "an", "object"]},
    ],
)
def test_failures_are_unavailable(register, answer):
    register.get(URL, **answer)
    with translation.override("en"), pytest.raises(RegistryUnavailable) as error:
        lookup("849123450")
    with translation.override("en"):
        assert "by hand" in str(error.value.message)


def test_lookup_turned_off(settings):
    settings.COMPANY_REGISTRY_URL = ""
    with pytest.raises(RegistryError):
        lookup("849123450")


@pytest.mark.parametrize(
    ("code", "form"),
    [
        ("9220", "association"),
        ("9300", "foundation"),
        ("5458", "scop"),
        ("5560", "cooperative"),
        ("6317", "cooperative"),
        ("8210", "mutual"),
        ("5710", "company"),
        ("7210", "local_authority"),
        ("7346", "local_authority"),
        ("7383", "university"),
        ("7389", "public_body"),
        ("1000", ""),
        ("", ""),
    ],
)
def test_legal_categories(code, form):
    assert legal_form_for(code) == form


def test_plan_fill_fills_empty_fields_and_keeps_typed_ones(register):
    register.get(URL, json=recording("association"))
    entry = lookup("W051000123")
    current = {"name": "ASG", "legal_form": "association", "rna": "W051000123", "siret": ""}
    items = {item.field: item for item in plan_fill(current, entry, is_new=True)}
    assert items["name"].action == "kept"
    assert items["legal_form"].action == "filled"  # the default of a new organisation
    assert items["siret"].action == "filled" and items["siret"].value == "84912345000017"
    assert items["rna"].action == "same"
    assert items["address"].action == "filled"
    kept = plan_fill({**current, "legal_form": "scic"}, entry, is_new=False)
    assert next(i for i in kept if i.field == "legal_form").action == "kept"


# ---------------------------------------------------------------------- the admin, per role
LOOKUP = "wagtailsnippets_projects_organisation:registry_lookup"
VERIFICATION = "wagtailsnippets_projects_organisation:verification"


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("coordination", 200), ("redaction", 403)])
def test_lookup_view_per_role(client, demo_user, register, role, status):
    if status == 200:
        register.get(URL, json=recording("association"))
    client.force_login(demo_user(role))
    answer = client.get(reverse(LOOKUP), {"rna": "W051000123", "name": "", "is_new": "1"})
    assert answer.status_code == status
    if status == 200:
        data = answer.json()
        assert {i["field"]: i["action"] for i in data["items"]}["name"] == "filled"
        assert all(i["summary"] for i in data["items"])


@pytest.mark.django_db
def test_lookup_view_answers_4xx_and_503_never_500(client, demo_user, register):
    client.force_login(demo_user("coordination"))
    assert client.get(reverse(LOOKUP), {"siret": "849123451"}).status_code == 400
    assert client.get(reverse(LOOKUP), {}).status_code == 400
    register.get(URL, body=requests.ReadTimeout())
    answer = client.get(reverse(LOOKUP), {"siret": "849123450"})
    assert answer.status_code == 503
    assert answer.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("coordination", 302), ("redaction", 403), ("relecture", 403), ("porteur", 302)],
)
def test_verification_view_per_role(client, demo_user, role, status):
    organisation = OrganisationFactory(siret="849123450")
    organisation.save()
    client.force_login(demo_user(role))
    url = reverse(VERIFICATION, args=(organisation.pk,))
    answer = client.post(url, {"action": "verify", "note": "Vu"})
    assert answer.status_code == status
    organisation.refresh_from_db()
    assert organisation.is_verified is (role == "coordination")
    if role == "porteur":  # no admin access: Wagtail's sign-in
        assert "login" in answer["Location"]


@pytest.mark.django_db
def test_verification_without_number_is_refused_with_a_message(client, demo_user):
    organisation = OrganisationFactory()
    client.force_login(demo_user("coordination"))
    url = reverse(VERIFICATION, args=(organisation.pk,))
    assert client.get(url).status_code == 200
    answer = client.post(url, {"action": "verify"})
    assert answer.status_code == 400
    assert "SIREN" in answer.content.decode()


@pytest.mark.django_db
def test_edit_view_shows_the_actions_to_coordinators_only(client, demo_user):
    organisation = OrganisationFactory()
    url = reverse("wagtailsnippets_projects_organisation:edit", args=(organisation.pk,))
    client.force_login(demo_user("coordination"))
    page = client.get(url).content.decode()
    assert "data-registry-lookup" in page and 'name="siret"' in page
    client.force_login(demo_user("redaction"))
    page = client.get(url).content.decode()
    assert 'name="siret"' in page and "data-registry-lookup" not in page
