"""GDPR: each person downloads their data and deletes their account (anonymised, audit kept)."""

import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token

import projects.experiments.services as services
from accounts import gdpr, roles
from accounts.models import Notification, User
from projects.experiments.models import (
    Experiment,
    ExperimentComment,
    ExperimentEvent,
    ExperimentMember,
)
from projects.network.models import OrganisationMembership
from tests.factories import ExperimentFactory, OrganisationFactory, UserFactory, member_of

PASSWORD = "a-long-enough-password-42"


def url(name: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"accounts:{name}")


@pytest.fixture
def person(db):
    """A partner of an experiment led by someone else, member of an organisation, with a
    comment, a notification and an API token."""
    organisation = OrganisationFactory()
    user = member_of(organisation, email="marie@example.org", full_name="Marie Curie-Dupont")
    user.set_password(PASSWORD)
    user.save()
    experiment = ExperimentFactory(lead=UserFactory())
    ExperimentMember.objects.create(
        experiment=experiment, user=user, role=ExperimentMember.Role.CONTRIBUTOR
    )
    ExperimentComment.objects.create(experiment=experiment, author=user, body="Je relis le budget.")
    Notification.objects.create(recipient=user, title="Bienvenue", body="…")
    Token.objects.create(user=user)
    return user


@pytest.mark.django_db
def test_the_export_holds_the_account_and_what_points_at_it(client, person):
    client.force_login(person)
    response = client.get(url("export_data"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "marie@example.org"
    assert data["account"]["full_name"] == "Marie Curie-Dupont"
    assert "password" not in data["account"]
    records = data["records"]
    assert records["projects.ExperimentComment (author)"][0]["body"] == "Je relis le budget."
    assert records["accounts.Notification (recipient)"][0]["title"] == "Bienvenue"
    assert len(records["projects.OrganisationMembership (user)"]) == 1
    assert len(records["projects.ExperimentMember (user)"]) == 1
    assert Token.objects.get(user=person).key not in response.content.decode()


@pytest.mark.django_db
def test_the_export_query_count_does_not_grow_with_the_rows(client, person):
    client.force_login(person)
    client.get(url("export_data"))  # warm Django's and Wagtail's own caches
    experiment = Experiment.objects.filter(memberships__user=person).get()

    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("export_data")).status_code == 200
        return len(queries)

    few = queries_for_export()
    for n in range(20):
        ExperimentComment.objects.create(experiment=experiment, author=person, body=f"n°{n}")
        Notification.objects.create(recipient=person, title=f"t{n}")
    assert queries_for_export() == few


@pytest.mark.django_db
def test_the_export_and_the_deletion_need_sign_in(client):
    assert client.get(url("export_data")).status_code == 302
    assert client.get(url("delete_account")).status_code == 302
    assert client.post(url("delete_account"), {"password": "x"}).status_code == 302


@pytest.mark.django_db
def test_deleting_needs_the_password(client, person):
    client.force_login(person)
    response = client.post(url("delete_account"), {"password": "wrong"})
    assert response.status_code == 400
    person.refresh_from_db()
    assert person.is_active and person.email == "marie@example.org"


@pytest.mark.django_db
def test_deleting_anonymises_and_keeps_the_audit_trail(client, person):
    person.groups.add(Group.objects.get(name=roles.EDITORS))
    person.pending_email = "marie.nouvelle@example.org"  # a change asked, never confirmed
    person.save(update_fields=["pending_email"])
    comment = ExperimentComment.objects.get(author=person)
    client.force_login(person)
    assert client.get(url("delete_account")).status_code == 200
    response = client.post(url("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302

    person.refresh_from_db()
    assert gdpr.is_anonymised(person)
    assert person.full_name != "Marie Curie-Dupont"
    assert "marie" not in person.email and person.pending_email == ""
    assert not person.is_active and not person.has_usable_password()
    assert not person.groups.exists()
    assert not Notification.objects.filter(recipient=person).exists()
    assert not Token.objects.filter(user=person).exists()
    assert not OrganisationMembership.objects.filter(user=person).exists()
    # The history keeps pointing at the (anonymised) account.
    comment.refresh_from_db()
    assert comment.author_id == person.pk
    assert ExperimentMember.objects.filter(user=person).exists()
    # Signed out, and cannot sign in again.
    assert client.get(url("profile")).status_code == 302
    assert not client.login(username="marie@example.org", password=PASSWORD)
    # The address is free for a new account.
    assert not User.objects.filter(email="marie@example.org").exists()


@pytest.mark.django_db
def test_the_only_lead_of_an_experiment_in_progress_must_hand_over_first(client):
    lead = UserFactory()
    lead.set_password(PASSWORD)
    lead.save()
    experiment = ExperimentFactory(lead=lead, title="Garage solidaire du Champsaur")
    client.force_login(lead)
    page = client.get(url("delete_account"))
    assert "Garage solidaire du Champsaur" in page.content.decode()
    response = client.post(url("delete_account"), {"password": PASSWORD})
    assert response.status_code == 409
    lead.refresh_from_db()
    assert lead.is_active

    # A second lead is named: the first may go, the experiment keeps its events.
    ExperimentMember.objects.create(
        experiment=experiment, user=UserFactory(), role=ExperimentMember.Role.LEAD
    )
    assert client.post(url("delete_account"), {"password": PASSWORD}).status_code == 302
    lead.refresh_from_db()
    assert gdpr.is_anonymised(lead)


@pytest.mark.django_db
def test_workflow_events_keep_an_anonymised_actor(demo_user):
    coordinator = UserFactory()
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    coordinator.set_password(PASSWORD)
    coordinator.save()
    experiment = ExperimentFactory(lead=demo_user("porteur"))
    services.run_transition(experiment, "accept_idea", by=coordinator, comment="")
    gdpr.delete_account(coordinator, password=PASSWORD)
    event = ExperimentEvent.objects.get(experiment=experiment, transition="accept_idea")
    assert event.actor_id == coordinator.pk
    assert gdpr.is_anonymised(event.actor)


@pytest.mark.django_db
def test_a_closed_experiment_does_not_block_its_lead(db):
    lead = UserFactory()
    lead.set_password(PASSWORD)
    lead.save()
    experiment = ExperimentFactory(lead=lead)
    Experiment.objects.filter(pk=experiment.pk).update(state=Experiment.State.ABANDONED)
    assert gdpr.deletion_blockers(lead) == []
    gdpr.delete_account(lead, password=PASSWORD)
    assert ExperimentMember.objects.filter(user=lead, experiment=experiment).exists()
