"""Roles around one experiment: lead, partner (contributor), viewer, member of another
experiment, coordinator, editor and an anonymous visitor."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from accounts import roles
from projects.experiments.models import ExperimentMember
from tests.factories import ExperimentFactory, OrganisationFactory, UserFactory

ROLES = ["anonymous", "other", "partner", "lead", "coordinator", "editor"]


@pytest.fixture
def people(db):
    lead = UserFactory(email="lead@example.org")
    partner = UserFactory(email="partner@example.org")
    other = UserFactory(email="other@example.org")
    coordinator = UserFactory(email="coord@example.org")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    editor = UserFactory(email="editor@example.org")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    experiment = ExperimentFactory(lead=lead)
    ExperimentMember.objects.create(
        experiment=experiment,
        user=partner,
        role=ExperimentMember.Role.CONTRIBUTOR,
        organisation=OrganisationFactory(),
    )
    ExperimentFactory(lead=other)  # "other" is a lead elsewhere, not here
    return {
        "experiment": experiment,
        "anonymous": AnonymousUser(),
        "other": other,
        "partner": partner,
        "lead": lead,
        "coordinator": coordinator,
        "editor": editor,
    }


# The coordinators' admin (test_admin*.py).
@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.org")
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


@pytest.fixture
def coordinator_client(client, people):
    client.force_login(people["coordinator"])
    return client
