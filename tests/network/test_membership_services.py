"""The membership services: asking to join, deciding, roles, leaving, creating an organisation."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

import projects.network.services as services
from accounts.models import Notification
from projects.network.models import MembershipRequest, Organisation, OrganisationMembership
from tests.factories import OrganisationFactory, UserFactory

ADMIN, MEMBER = OrganisationMembership.Role.ADMIN, OrganisationMembership.Role.MEMBER

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Recyclerie du Buëch")


@pytest.fixture
def admin(organisation):
    user = UserFactory(email="admin-recyclerie@example.org")
    OrganisationMembership.objects.create(user=user, organisation=organisation, role=ADMIN)
    return user


def titles(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_asking_notifies_the_admins_and_a_second_request_is_refused(
    organisation, admin, django_capture_on_commit_callbacks
):
    person = UserFactory(email="newcomer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.ask_to_join(organisation, by=person, message="Je suis trésorière.")
    assert request.is_pending
    assert len(titles(admin)) == 1 and "Recyclerie du Buëch" in titles(admin)[0]
    assert [m.to for m in mail.outbox] == [["admin-recyclerie@example.org"]]
    assert "Je suis trésorière." in mail.outbox[0].body
    with pytest.raises(services.MembershipError, match=r"attente|attend|waiting"):
        services.ask_to_join(organisation, by=person)
    assert MembershipRequest.objects.filter(user=person).count() == 1


def test_members_cannot_ask(organisation, admin):
    with pytest.raises(services.MembershipError):
        services.ask_to_join(organisation, by=admin)


def test_without_admin_the_coordinators_are_told_and_approving_makes_an_admin(
    organisation, demo_user
):
    coordinator = demo_user("coordination")
    person = UserFactory()
    request = services.ask_to_join(organisation, by=person)
    assert Notification.objects.filter(recipient=coordinator).exists()
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        services.approve_request(request, by=outsider)
    membership = services.approve_request(request, by=coordinator, message="Bienvenue")
    assert membership.role == ADMIN
    request.refresh_from_db()
    assert request.status == MembershipRequest.Status.APPROVED
    assert request.decided_by == coordinator
    assert Notification.objects.filter(recipient=person, body__contains="Bienvenue").exists()


def test_an_admin_approves_as_member_and_declines(organisation, admin):
    first, second = UserFactory(), UserFactory()
    membership = services.approve_request(services.ask_to_join(organisation, by=first), by=admin)
    assert membership.role == MEMBER
    declined = services.decline_request(
        services.ask_to_join(organisation, by=second), by=admin, message="Inconnue chez nous"
    )
    assert declined.status == MembershipRequest.Status.DECLINED
    assert not OrganisationMembership.objects.filter(user=second).exists()
    assert Notification.objects.filter(recipient=second, body__contains="Inconnue").exists()
    # Once decided, a request cannot be decided again.
    with pytest.raises(services.MembershipError):
        services.approve_request(declined, by=admin)


def test_a_member_cannot_decide(organisation, admin):
    member = UserFactory()
    OrganisationMembership.objects.create(user=member, organisation=organisation)
    request = services.ask_to_join(organisation, by=UserFactory())
    with pytest.raises(PermissionDenied):
        services.decline_request(request, by=member)


def test_withdraw_only_by_the_person(organisation, admin):
    person = UserFactory()
    request = services.ask_to_join(organisation, by=person)
    with pytest.raises(PermissionDenied):
        services.withdraw_request(request, by=admin)
    services.withdraw_request(request, by=person)
    request.refresh_from_db()
    assert request.status == MembershipRequest.Status.WITHDRAWN
    # A new request is possible once the first is withdrawn.
    assert services.ask_to_join(organisation, by=person).is_pending


def test_the_last_admin_stays(organisation, admin):
    admin_membership = OrganisationMembership.objects.get(user=admin)
    with pytest.raises(services.MembershipError, match="administra"):
        services.change_role(admin_membership, MEMBER, by=admin)
    with pytest.raises(services.MembershipError):
        services.remove_member(admin_membership, by=admin)
    with pytest.raises(services.MembershipError):
        services.leave_organisation(organisation, by=admin)
    other = UserFactory()
    other_membership = OrganisationMembership.objects.create(user=other, organisation=organisation)
    services.change_role(other_membership, ADMIN, by=admin)
    assert Notification.objects.filter(recipient=other).exists()
    services.leave_organisation(organisation, by=admin)
    assert list(organisation.memberships.values_list("user", "role")) == [(other.pk, ADMIN)]


def test_remove_and_roles_need_an_admin_or_a_coordinator(organisation, admin, demo_user):
    member = UserFactory()
    membership = OrganisationMembership.objects.create(user=member, organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.change_role(membership, ADMIN, by=member)
    with pytest.raises(PermissionDenied):
        services.remove_member(OrganisationMembership.objects.get(user=admin), by=member)
    services.remove_member(membership, by=demo_user("coordination"))
    assert not OrganisationMembership.objects.filter(user=member).exists()
    assert titles(member)


def test_creating_an_organisation(demo_user):
    person = UserFactory()
    organisation = services.create_organisation(
        by=person,
        name="  Jardins   partagés du Champsaur ",
        kind=Organisation.Kind.ENTERPRISE,
        legal_form=Organisation.LegalForm.ASSOCIATION,
        commune=None,
        website="",
        description="Des jardins.",
    )
    assert organisation.name == "Jardins partagés du Champsaur"
    assert organisation.locale.language_code == "fr"
    assert organisation.slug
    assert OrganisationMembership.objects.get(user=person).role == ADMIN
    assert Notification.objects.filter(
        recipient=demo_user("coordination"), title__contains="Jardins partagés du Champsaur"
    ).exists()


def test_an_obvious_duplicate_is_refused():
    OrganisationFactory(name="L'Écrin Solidaire")
    with pytest.raises(services.MembershipError) as error:
        services.create_organisation(
            by=UserFactory(),
            name="l\u2019ecrin   SOLIDAIRE",
            kind=Organisation.Kind.ENTERPRISE,
            legal_form=Organisation.LegalForm.ASSOCIATION,
        )
    assert "L'Écrin Solidaire" in error.value.message_dict["name"][0]
    assert Organisation.objects.filter(name__icontains="solidaire").count() == 1
