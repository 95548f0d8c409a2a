"""The catalogue in the Wagtail admin: only coordinators and superusers keep it."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

import funding.catalogue.permissions as permissions
from accounts import roles
from funding.catalogue.models import Funder, FundingCall, FundingSource
from funding.wagtail_hooks import CataloguePermissionPolicy
from tests.factories import DEFAULT_PASSWORD, FundingCallFactory, UserFactory

ROLES = ["anonymous", "member", "editor", "moderator", "coordinator", "superuser"]
ALLOWED = {"coordinator", "superuser"}


@pytest.fixture
def people(db):
    def staff(email: str, group: str | None = None, **extra):
        user = UserFactory(email=email, **extra)
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "anonymous": AnonymousUser(),
        "member": staff("member@example.org"),
        "editor": staff("editor@example.org", roles.EDITORS),
        "moderator": staff("moderator@example.org", roles.MODERATORS),
        "coordinator": staff("coord@example.org", roles.COORDINATORS),
        "superuser": staff("root@example.org", is_superuser=True, is_staff=True),
    }


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_and_superusers_manage_the_catalogue(people, role):
    user = people[role]
    assert permissions.can_manage_catalogue(user) is (role in ALLOWED)
    for model in (Funder, FundingSource, FundingCall):
        policy = CataloguePermissionPolicy(model)
        for action in ("add", "change", "delete", "view"):
            assert policy.user_has_permission(user, action) is (role in ALLOWED)


def test_the_policy_names_the_people_who_hold_it(people):
    holders = set(CataloguePermissionPolicy(FundingCall).users_with_any_permission(["change"]))
    assert people["coordinator"] in holders and people["superuser"] in holders
    assert people["editor"] not in holders and people["moderator"] not in holders


def _admin_urls(call: FundingCall) -> list[str]:
    return [
        reverse("wagtailsnippets_funding_fundingcall:list"),
        reverse("wagtailsnippets_funding_fundingcall:add") + "?locale=fr",
        reverse("wagtailsnippets_funding_fundingcall:edit", args=[call.pk]),
        reverse("wagtailsnippets_funding_funder:list"),
        reverse("wagtailsnippets_funding_fundingsource:list"),
    ]


def _sign_in(client, user) -> None:
    assert client.login(username=user.email, password=DEFAULT_PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_cannot_open_the_catalogue_in_the_admin(client, people, role):
    _sign_in(client, people[role])
    call = FundingCallFactory()
    for url in _admin_urls(call):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"] == reverse("wagtailadmin_home")
    before = call.name
    response = client.post(
        reverse("wagtailsnippets_funding_fundingcall:edit", args=[call.pk]), {"name": "Piraté"}
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.name == before
    assert "Funding" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "superuser"])
def test_coordinators_open_every_catalogue_view(client, people, role):
    _sign_in(client, people[role])
    call = FundingCall.objects.canonical().get(slug="alcotra-micro-projets")
    for url in _admin_urls(call):
        assert client.get(url).status_code == 200, url


def _edit_data(call: FundingCall, **changes) -> dict:
    """The edit form as the coordinator submits it, with ``changes``."""
    data = {
        "name": call.name,
        "slug": call.slug,
        "source": call.source_id,
        "summary": call.summary,
        "description": call.description,
        "application_url": call.application_url,
        "territory": call.territory_id or "",
        "eligible_legal_forms": call.eligible_legal_forms,
        "eligible_audiences": "\n".join(call.eligible_audiences),
        "themes": [t.pk for t in call.themes.all()],
        "aid_types": call.aid_types,
        "cost_types": call.cost_types,
        "min_partners": call.min_partners,
        "required_countries": ", ".join(call.required_countries),
        "recurrence": call.recurrence,
        "closes_at": call.local_closes_at.strftime("%Y-%m-%d %H:%M") if call.closes_at else "",
        "requirements-TOTAL_FORMS": "0",
        "requirements-INITIAL_FORMS": "0",
        "requirements-MIN_NUM_FORMS": "0",
        "requirements-MAX_NUM_FORMS": "1000",
        "criteria-TOTAL_FORMS": "0",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_a_coordinator_edits_a_call(client, people):
    _sign_in(client, people["coordinator"])
    call = FundingCallFactory(eligible_legal_forms=["association"])
    url = reverse("wagtailsnippets_funding_fundingcall:edit", args=[call.pk])
    response = client.post(
        url,
        _edit_data(
            call,
            name="Appel modifié",
            required_countries="fr, it",
            eligible_legal_forms=["association", "scic"],
            aid_types=["grant", "loan"],
            **{
                "requirements-TOTAL_FORMS": "1",
                "requirements-0-kind": "document",
                "requirements-0-label": "Budget prévisionnel",
                "requirements-0-help": "",
                "requirements-0-required": "on",
                "requirements-0-ORDER": "1",
                "requirements-0-id": "",
            },
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    call.refresh_from_db()
    assert call.name == "Appel modifié"
    assert call.required_countries == ["FR", "IT"]
    assert call.eligible_legal_forms == ["association", "scic"]
    assert call.aid_types == ["grant", "loan"]
    assert [r.label for r in call.requirements.all()] == ["Budget prévisionnel"]


@pytest.mark.django_db
def test_a_coordinator_sets_the_review_criteria_of_a_call(client, people):
    _sign_in(client, people["coordinator"])
    call = FundingCallFactory()
    url = reverse("wagtailsnippets_funding_fundingcall:edit", args=[call.pk])
    response = client.post(
        url,
        _edit_data(
            call,
            **{
                "criteria-TOTAL_FORMS": "2",
                "criteria-0-label": "Utilité sociale",
                "criteria-0-help": "",
                "criteria-0-weight": "3",
                "criteria-0-ORDER": "1",
                "criteria-0-id": "",
                "criteria-1-label": "Faisabilité",
                "criteria-1-help": "",
                "criteria-1-weight": "1",
                "criteria-1-ORDER": "2",
                "criteria-1-id": "",
            },
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    assert [(c.label, c.weight) for c in call.criteria.all()] == [
        ("Utilité sociale", 3),
        ("Faisabilité", 1),
    ]


@pytest.mark.django_db
def test_the_admin_form_refuses_inconsistent_rules(client, people):
    _sign_in(client, people["coordinator"])
    call = FundingCallFactory()
    url = reverse("wagtailsnippets_funding_fundingcall:edit", args=[call.pk])
    response = client.post(url, _edit_data(call, amount_min="5000", amount_max="100", aid_types=[]))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "amount_max" in errors and "aid_types" in errors


@pytest.mark.django_db
def test_a_coordinator_makes_someone_a_funders_reviewer(client, people):
    from funding.dossiers.models import FunderMembership
    from tests.factories import FunderFactory, UserFactory

    reviewer = UserFactory(email="future-reviewer@example.org")
    funder = FunderFactory()
    _sign_in(client, people["coordinator"])
    listing = reverse("wagtailsnippets_funding_fundermembership:list")
    assert client.get(listing).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_funding_fundermembership:add"),
        {"user": reviewer.pk, "funder": funder.pk, "role": "reviewer"},
    )
    assert response.status_code == 302
    membership = FunderMembership.objects.get(user=reviewer, funder=funder)
    assert membership.role == "reviewer"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_cannot_make_reviewers(client, people, role):
    _sign_in(client, people[role])
    response = client.get(reverse("wagtailsnippets_funding_fundermembership:list"))
    assert response.status_code == 302
