"""Only members of an organisation propose in its name: the site form, the API and the
coordinators' admin, for an outsider (no organisation), a member of another organisation, a
member and a coordinator."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

import projects.experiments.services as services
from accounts import roles
from projects.experiments.models import Experiment, ExperimentPartner
from tests.experiments.admin_support import url as admin_url
from tests.experiments.api_support import api, list_url
from tests.experiments.test_admin import _sheet_data
from tests.factories import ExperimentFactory, OrganisationFactory, UserFactory, join

TITLE = "Une idée au nom d'une autre structure"


@pytest.fixture
def orgs(db):
    mine = OrganisationFactory(name="Ma structure")
    other = OrganisationFactory(name="Structure d'à côté")
    outsider = UserFactory(email="outsider@example.org")
    member = UserFactory(email="member@example.org")
    join(member, mine)
    coordinator = UserFactory(email="coordinator@example.org")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    return {
        "mine": mine,
        "other": other,
        "outsider": outsider,
        "member": member,
        "coordinator": coordinator,
    }


def _idea(lead, partner=None) -> dict:
    data = {"title": TITLE, "summary": "Mutualiser un véhicule.", "lead_organisation": lead.pk}
    if partner is not None:
        data["partner"] = partner.pk
    return data


# ---------------------------------------------------------------------- the site
@pytest.mark.django_db
def test_someone_without_organisation_is_told_how_to_join_one(client, orgs):
    client.force_login(orgs["outsider"])
    response = client.get(reverse("projects:propose"))
    assert response.status_code == 200
    assert response.templates[0].name == "projects/propose_no_organisation.html"
    assert "<form" not in response.content.decode().split("<main")[-1]
    assert "form" not in response.context
    response = client.post(reverse("projects:propose"), _idea(orgs["other"]))
    assert response.status_code == 403
    assert not Experiment.objects.filter(title=TITLE).exists()


@pytest.mark.django_db
def test_a_coordinator_without_organisation_cannot_propose_either(client, orgs):
    client.force_login(orgs["coordinator"])
    assert client.post(reverse("projects:propose"), _idea(orgs["mine"])).status_code == 403
    assert not Experiment.objects.filter(title=TITLE).exists()


@pytest.mark.django_db
def test_the_form_offers_only_the_members_organisations_preselected(client, orgs):
    client.force_login(orgs["member"])
    response = client.get(reverse("projects:propose"))
    field = response.context["form"]["lead_organisation"].field
    assert list(field.queryset) == [orgs["mine"]]
    assert response.context["form"]["lead_organisation"].value() == orgs["mine"].pk
    assert orgs["other"].name not in str(response.context["form"]["lead_organisation"])
    # With two organisations, the person chooses.
    second = OrganisationFactory(name="Ma deuxième structure")
    join(orgs["member"], second)
    response = client.get(reverse("projects:propose"))
    field = response.context["form"]["lead_organisation"].field
    assert set(field.queryset) == {orgs["mine"], second}
    assert response.context["form"]["lead_organisation"].value() is None


@pytest.mark.django_db
def test_a_forged_lead_organisation_is_refused_with_403(client, orgs):
    client.force_login(orgs["member"])
    response = client.post(reverse("projects:propose"), _idea(orgs["other"]))
    assert response.status_code == 403
    assert "member" in response.content.decode() or "membre" in response.content.decode()
    assert not Experiment.objects.filter(title=TITLE).exists()


@pytest.mark.django_db
def test_a_member_proposes_for_their_organisation(client, orgs):
    client.force_login(orgs["member"])
    response = client.post(reverse("projects:propose"), _idea(orgs["mine"], orgs["other"]))
    assert response.status_code == 302
    experiment = Experiment.objects.get(title=TITLE)
    assert experiment.lead_organisation == orgs["mine"]
    link = ExperimentPartner.objects.get(experiment=experiment)
    assert link.organisation == orgs["other"] and link.status == ExperimentPartner.Status.INVITED


@pytest.mark.django_db
def test_an_unknown_lead_is_a_form_error_not_a_crash(client, orgs):
    client.force_login(orgs["member"])
    response = client.post(
        reverse("projects:propose"), {**_idea(orgs["mine"]), "lead_organisation": "999999"}
    )
    assert response.status_code == 400
    assert response.context["form"]["title"].value() == TITLE


# ---------------------------------------------------------------------- the service
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "coordinator"])
def test_the_service_refuses_anyone_not_a_member(orgs, who):
    with pytest.raises(PermissionDenied):
        services.propose_idea(
            by=orgs[who], title=TITLE, summary="…", lead_organisation=orgs["mine"]
        )


@pytest.mark.django_db
def test_the_service_refuses_another_organisation_to_a_member(orgs):
    with pytest.raises(PermissionDenied):
        services.propose_idea(
            by=orgs["member"], title=TITLE, summary="…", lead_organisation=orgs["other"]
        )
    assert not Experiment.objects.filter(title=TITLE).exists()


# ---------------------------------------------------------------------- the API
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "member", "coordinator"])
def test_the_api_answers_400_with_a_field_error_in_the_users_language(orgs, who):
    response = api(orgs[who], language="fr").post(list_url(), _idea(orgs["other"]), format="json")
    assert response.status_code == 400
    message = response.json()["errors"]["lead_organisation"][0]
    reason = (
        services.NO_ORGANISATION_MESSAGE
        if who != "member"
        else services.NOT_YOUR_ORGANISATION_MESSAGE
    )
    with translation.override("fr"):  # the person's language
        assert message == str(reason)
    assert not Experiment.objects.filter(title=TITLE).exists()


@pytest.mark.django_db
def test_the_api_lets_a_member_propose_for_their_organisation(orgs):
    response = api(orgs["member"]).post(
        list_url(), _idea(orgs["mine"], orgs["other"]), format="json"
    )
    assert response.status_code == 201
    partners = response.json()["partners"]
    assert partners == [
        {"id": orgs["other"].pk, "name": orgs["other"].name, "role": "", "status": "invited"}
    ]


# ---------------------------------------------------------------------- the admin
@pytest.mark.django_db
@pytest.mark.parametrize("group", [roles.EDITORS, roles.MODERATORS])
def test_people_of_the_admin_who_do_not_steer_cannot_change_the_lead(client, orgs, group):
    editor = UserFactory(email="admin-person@example.org")
    editor.groups.add(Group.objects.get(name=group))
    join(editor, orgs["other"])
    experiment = ExperimentFactory(lead=orgs["member"], lead_organisation=orgs["mine"])
    client.force_login(editor)
    response = client.post(
        admin_url("edit", experiment.pk),
        _sheet_data(experiment, lead_organisation=orgs["other"].pk),
    )
    assert response.status_code == 403
    experiment.refresh_from_db()
    assert experiment.lead_organisation == orgs["mine"]


@pytest.mark.django_db
def test_nobody_creates_an_experiment_in_the_admin(client, orgs):
    from projects.experiments.admin.access import PipelinePermissionPolicy

    policy = PipelinePermissionPolicy(Experiment)
    for who in ("member", "coordinator"):
        assert not policy.user_has_permission(orgs[who], "add")


@pytest.mark.django_db
def test_a_coordinator_steers_and_may_change_the_lead_organisation(client, orgs):
    experiment = ExperimentFactory(lead=orgs["member"], lead_organisation=orgs["mine"])
    client.force_login(orgs["coordinator"])
    response = client.post(
        admin_url("edit", experiment.pk),
        _sheet_data(experiment, lead_organisation=orgs["other"].pk),
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.lead_organisation == orgs["other"]
