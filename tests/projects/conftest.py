"""Roles around one experiment: lead, partner (contributor), viewer, member of another
experiment, coordinator, editor and an anonymous visitor."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from accounts import roles
from projects.models import ExperimentMember
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


@pytest.fixture
def empty_board(db):
    """Take the demo's posts off the board, so that a test sees only its own posts."""
    from projects.models import SharingPost

    SharingPost.objects.filter(state=SharingPost.State.PUBLISHED).update(
        state=SharingPost.State.WITHDRAWN
    )


SHARING_ROLES = ["anonymous", "nobody", "outsider", "owner", "replier", "coordinator"]


@pytest.fixture
def sharing_people(empty_board):
    """Around one offer of premises on Gap: its organisation's member ("owner"), a member of
    another organisation who replied ("replier", a conversation is open), a member of a third
    organisation ("outsider"), a signed-in person without organisation ("nobody"), a coordinator
    and a visitor."""
    from projects import sharing
    from tests.factories import member_of, sharing_post

    owner_org = OrganisationFactory(name="Structure qui prête")
    replier_org = OrganisationFactory(name="Structure qui cherche")
    outsider_org = OrganisationFactory(name="Structure tierce")
    owner = member_of(owner_org, email="owner@example.org", full_name="Odile Prêteuse")
    replier = member_of(replier_org, email="replier@example.org", full_name="Rémi Demandeur")
    outsider = member_of(outsider_org, email="outsider@example.org", full_name="Olga Tierce")
    nobody = UserFactory(email="nobody@example.org", full_name="Nina Sansstructure")
    coordinator = UserFactory(email="sharing-coord@example.org", full_name="Cora Coordinatrice")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    post = sharing_post(owner, owner_org, title="Salle de réunion à Gap le mardi")
    conversation = sharing.reply_to_post(
        post, by=replier, organisation=replier_org, body="Bonjour, la salle est-elle libre ?"
    )
    return {
        "post": post,
        "conversation": conversation,
        "owner_org": owner_org,
        "replier_org": replier_org,
        "outsider_org": outsider_org,
        "anonymous": AnonymousUser(),
        "nobody": nobody,
        "outsider": outsider,
        "owner": owner,
        "replier": replier,
        "coordinator": coordinator,
    }
