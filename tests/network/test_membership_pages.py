"""The membership pages and API: « Mes structures », creating, the members page, /api/v1/me/."""

import pytest
from django.urls import reverse

from projects.network.models import MembershipRequest, Organisation, OrganisationMembership
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
ADMIN = OrganisationMembership.Role.ADMIN


def test_my_organisations_lists_roles_requests_and_search(client, demo_user):
    porteur = demo_user("porteur")
    client.force_login(porteur)
    page = client.get(reverse("projects:my_organisations"), {"q": "frequence mistral"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "GSA 05" in text and "Fréquence Mistral" in text
    assert (
        reverse("projects:organisation_join", kwargs={"pk": _org("Fréquence Mistral").pk}) in text
    )


def _org(name: str) -> Organisation:
    return Organisation.objects.canonical().get(name=name)


def test_asking_from_the_directory_and_deciding_on_the_members_page(client, demo_user):
    person = UserFactory()
    organisation = _org("GSA 05")
    client.force_login(person)
    response = client.post(
        reverse("projects:organisation_join", kwargs={"pk": organisation.pk}),
        {"message": "Bonjour", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("projects:my_organisations")
    request = MembershipRequest.objects.get(user=person)
    client.force_login(demo_user("porteur"))
    members = client.get(reverse("projects:organisation_members", kwargs={"pk": organisation.pk}))
    assert members.status_code == 200
    assert person.email in members.content.decode()
    client.post(
        reverse("projects:membership_request_decide", kwargs={"pk": request.pk}),
        {"decision": "approve", "message": "Bienvenue"},
    )
    assert OrganisationMembership.objects.filter(user=person, organisation=organisation).exists()


def test_members_page_queries_do_not_grow(client, demo_user, django_assert_max_num_queries):
    organisation = _org("GSA 05")
    client.force_login(demo_user("porteur"))
    url = reverse("projects:organisation_members", kwargs={"pk": organisation.pk})
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(5):
        user = UserFactory()
        OrganisationMembership.objects.create(user=user, organisation=organisation)
        MembershipRequest.objects.create(user=UserFactory(), organisation=organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_member_who_is_not_admin_cannot_open_the_members_page(client, demo_user):
    client.force_login(demo_user("partenaire"))
    url = reverse("projects:organisation_members", kwargs={"pk": _org("GSA 05").pk})
    assert client.get(url).status_code == 403


def test_create_keeps_the_input_and_refuses_a_duplicate(client):
    client.force_login(UserFactory())
    url = reverse("projects:organisation_create")
    response = client.post(
        url, {"name": "gsa  05", "kind": "enterprise", "legal_form": "association"}
    )
    assert response.status_code == 400
    assert 'value="gsa  05"' in response.content.decode()
    response = client.post(
        url, {"name": "Tiers-lieu du Dévoluy", "kind": "enterprise", "legal_form": "association"}
    )
    assert response.status_code == 302
    created = _org("Tiers-lieu du Dévoluy")
    assert created.memberships.get().role == ADMIN


def test_directory_page_offers_to_join_and_to_manage(client, demo_user):
    organisation = _org("GSA 05")
    from home.models import OrganisationDirectoryPage

    page = OrganisationDirectoryPage.objects.live().filter(locale__language_code="fr").first()
    url = page.url + f"o/{organisation.slug}/"
    client.force_login(UserFactory())
    join = reverse("projects:organisation_join", kwargs={"pk": organisation.pk})
    assert join in client.get(url).content.decode()
    client.force_login(demo_user("porteur"))
    manage = reverse("projects:organisation_members", kwargs={"pk": organisation.pk})
    assert manage in client.get(url).content.decode()


def test_api_me_and_join_requests(client, demo_user):
    porteur = demo_user("porteur")
    client.force_login(porteur)
    me = client.get(reverse("api:me")).json()
    assert me["email"] == "porteur@example.org"
    assert {(o["name"], o["role"]) for o in me["organisations"]} >= {("GSA 05", "admin")}
    organisation = OrganisationFactory(name="Structure de l'API")
    url = reverse("api:organisation-join-requests", kwargs={"pk": organisation.pk})
    created = client.post(url, {"message": "Bonjour"}, content_type="application/json")
    assert created.status_code == 201
    again = client.post(url, {}, content_type="application/json")
    assert again.status_code == 400
    assert client.get(reverse("api:me")).json()["pending_requests"][0]["organisation"] == {
        "id": organisation.pk,
        "name": "Structure de l'API",
        "verified_at": None,
    }


def test_api_organisations_filters(client, demo_user, django_assert_max_num_queries):
    url = reverse("api:organisation-list")
    with django_assert_max_num_queries(8):
        everything = client.get(url, {"page_size": 100}).json()
    assert everything["count"] >= 60
    assert "memberships" not in everything["results"][0]
    found = client.get(url, {"q": "gsa"}).json()["results"]
    assert [o["name"] for o in found] == ["GSA 05"]
    client.force_login(demo_user("porteur"))
    mine = {o["name"] for o in client.get(url, {"mine": "true"}).json()["results"]}
    assert "GSA 05" in mine and "Fréquence Mistral" not in mine
    assert client.get(url, {"kind": "nonsense"}).status_code == 400
    territories = client.get(reverse("api:territory-list"), {"kind": "commune", "q": "gap"})
    assert "Gap" in [t["name"] for t in territories.json()["results"]]
    assert client.get(reverse("api:theme-list")).json()["count"] == 6
