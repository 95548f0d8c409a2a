"""Roles around one offer on the sharing board: its organisation's member, a member of another
organisation who replied, an outsider, a signed-in person without organisation, a coordinator and
a visitor."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from accounts import roles
from tests.experiments.conftest import people  # noqa: F401 (fixture)
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def empty_board(db):
    """Take the demo's posts off the board, so that a test sees only its own posts."""
    from projects.sharing.models import SharingPost

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
    import projects.sharing.services as sharing
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
