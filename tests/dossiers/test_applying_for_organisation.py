"""A dossier speaks for the experiment's lead organisation: only a lead who is a member of it
prepares, submits or withdraws it (coordinators may prepare); others get 403 on the site and
400 with the reason on the API."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import escape

import funding.dossiers.services as dossiers
from funding.dossiers.models import FundingApplication
from projects.experiments.models import ExperimentMember
from projects.network.models import OrganisationMembership
from tests.dossiers.helpers import draft, prepare
from tests.experiments.api_support import api
from tests.factories import OrganisationFactory, UserFactory, join


def _lead_outside(world):
    """A second lead of the experiment, member of another organisation only."""
    user = UserFactory(email="lead-outside@example.org")
    other = OrganisationFactory(name="Autre structure")
    join(user, other)
    ExperimentMember.objects.create(
        experiment=world.experiment, user=user, role=ExperimentMember.Role.LEAD, organisation=other
    )
    return user


@pytest.mark.django_db
def test_a_lead_member_of_the_lead_organisation_applies(world):
    application = prepare(draft(world), world.lead)
    application = dossiers.run_transition(application, "submit", by=world.lead)
    assert application.state == "submitted"


@pytest.mark.django_db
def test_a_lead_who_left_the_lead_organisation_may_not_apply(world):
    application = prepare(draft(world), world.lead)
    OrganisationMembership.objects.filter(user=world.lead).delete()
    world.lead.__dict__.pop("_sharing_organisation_ids", None)
    with pytest.raises(PermissionDenied):
        dossiers.run_transition(application, "submit", by=world.lead)
    with pytest.raises(PermissionDenied):
        dossiers.start_application(world.experiment, world.call_b, by=world.lead)


@pytest.mark.django_db
def test_a_lead_outside_the_lead_organisation_gets_403_on_the_site(client, world):
    outsider = _lead_outside(world)
    application = prepare(draft(world), world.lead)
    client.force_login(outsider)
    start = client.post(
        reverse("funding:dossier_start", args=[world.experiment.pk, world.call_b.pk])
    )
    assert start.status_code == 403
    assert escape(world.experiment.lead_organisation.name) in start.content.decode()
    submit = client.post(
        reverse("funding:dossier_transition", args=[world.experiment.pk, application.pk, "submit"]),
        {"expected_state": "draft", "comment": ""},
    )
    assert submit.status_code == 403
    application.refresh_from_db()
    assert application.state == "draft"
    assert not FundingApplication.objects.filter(call=world.call_b).exists()


@pytest.mark.django_db
def test_a_lead_outside_the_lead_organisation_gets_400_on_the_api(world):
    outsider = _lead_outside(world)
    application = prepare(draft(world), world.lead)
    client = api(outsider, language="fr")
    response = client.post(
        reverse("api:application-list"),
        {"experiment": world.experiment.pk, "call": world.call_b.pk},
        format="json",
    )
    assert response.status_code == 400
    assert world.experiment.lead_organisation.name in response.json()["errors"]["experiment"][0]
    response = client.post(
        reverse("api:application-transition", kwargs={"pk": application.pk, "name": "submit"}),
        {},
        format="json",
    )
    assert response.status_code == 400
    assert world.experiment.lead_organisation.name in response.json()["detail"]
    application.refresh_from_db()
    assert application.state == "draft"


@pytest.mark.django_db
def test_a_contributor_is_refused_for_their_role_on_the_api(world):
    response = api(world.contributor).post(
        reverse("api:application-list"),
        {"experiment": world.experiment.pk, "call": world.call_a.pk},
        format="json",
    )
    assert response.status_code == 403  # only leads open a dossier, whatever their organisation


@pytest.mark.django_db
def test_a_coordinator_may_prepare_but_not_submit(world):
    application = dossiers.start_application(world.experiment, world.call_a, by=world.coordinator)
    prepare(application, world.coordinator)
    with pytest.raises(PermissionDenied):
        dossiers.run_transition(application, "submit", by=world.coordinator)
