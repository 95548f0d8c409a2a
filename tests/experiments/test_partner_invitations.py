"""Naming a partner organisation invites it: its members accept or decline; until then it is
« invitée », and only accepted partners are shown to the public, funders and the matcher."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

import projects.experiments.partners as partners
from accounts import roles
from accounts.models import Notification
from projects.experiments.models import ExperimentEvent, ExperimentPartner
from tests.experiments.api_support import api, detail_url
from tests.factories import ExperimentFactory, OrganisationFactory, UserFactory, advance, join

Status = ExperimentPartner.Status


@pytest.fixture
def setup(db):
    lead = UserFactory(email="lead-inv@example.org")
    experiment = ExperimentFactory(lead=lead, title="Cuisine partagée")
    invited = OrganisationFactory(name="Structure invitée")
    answerer = UserFactory(email="answerer@example.org", language="it")
    join(answerer, invited)
    stranger = UserFactory(email="stranger@example.org")
    join(stranger, OrganisationFactory())
    coordinator = UserFactory(email="coord-inv@example.org")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    return {
        "lead": lead,
        "experiment": experiment,
        "invited": invited,
        "answerer": answerer,
        "stranger": stranger,
        "coordinator": coordinator,
    }


@pytest.mark.django_db
def test_naming_an_organisation_invites_it_and_tells_its_members_in_their_language(setup):
    link = partners.invite_partner(setup["experiment"], setup["invited"], by=setup["lead"])
    assert link.status == Status.INVITED
    assert link.invited_by == setup["lead"] and link.invited_at is not None
    notification = Notification.objects.get(recipient=setup["answerer"])
    assert "Structure invitée" in notification.title
    with translation.override("it"):  # the address in the recipient's language
        assert notification.url == reverse("projects:partner_invitations")
    event = ExperimentEvent.objects.get(experiment=setup["experiment"])
    assert event.transition == partners.INVITED and event.actor == setup["lead"]


@pytest.mark.django_db
def test_a_member_accepts_from_the_page_of_their_space(client, setup):
    link = partners.invite_partner(setup["experiment"], setup["invited"], by=setup["lead"])
    client.force_login(setup["answerer"])
    page = client.get(reverse("projects:partner_invitations"))
    assert page.status_code == 200 and list(page.context["invitations"]) == [link]
    response = client.post(
        reverse("projects:answer_partner_invitation", args=[link.pk]), {"answer": "accept"}
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == Status.ACCEPTED and link.decided_by == setup["answerer"]
    assert Notification.objects.filter(recipient=setup["lead"]).exists()
    assert ExperimentEvent.objects.filter(transition=partners.ACCEPTED).count() == 1


@pytest.mark.django_db
def test_a_member_declines_and_the_lead_may_invite_again_or_remove(client, setup):
    link = partners.invite_partner(setup["experiment"], setup["invited"], by=setup["lead"])
    partners.answer_invitation(link, by=setup["answerer"], accept=False)
    link.refresh_from_db()
    assert link.status == Status.DECLINED
    client.force_login(setup["lead"])
    tab = client.get(reverse("projects:partners", args=[setup["experiment"].pk]))
    assert "refusée" in tab.content.decode().lower()
    response = client.post(
        reverse("projects:reinvite_partner", args=[setup["experiment"].pk, link.pk])
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == Status.INVITED and link.decided_by is None
    partners.remove_partner(link, by=setup["lead"])
    assert not ExperimentPartner.objects.filter(pk=link.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["stranger", "lead", "coordinator"])
def test_only_a_member_of_the_invited_organisation_answers(client, setup, who):
    link = partners.invite_partner(setup["experiment"], setup["invited"], by=setup["lead"])
    with pytest.raises(PermissionDenied):
        partners.answer_invitation(link, by=setup[who], accept=True)
    client.force_login(setup[who])
    response = client.post(
        reverse("projects:answer_partner_invitation", args=[link.pk]), {"answer": "accept"}
    )
    assert response.status_code == 403
    link.refresh_from_db()
    assert link.status == Status.INVITED


@pytest.mark.django_db
def test_an_answered_invitation_cannot_be_answered_again(client, setup):
    link = partners.invite_partner(setup["experiment"], setup["invited"], by=setup["lead"])
    partners.answer_invitation(link, by=setup["answerer"], accept=True)
    with pytest.raises(ValidationError):
        partners.answer_invitation(link, by=setup["answerer"], accept=False)
    client.force_login(setup["answerer"])
    response = client.post(
        reverse("projects:answer_partner_invitation", args=[link.pk]), {"answer": "decline"}
    )
    assert response.status_code == 409


@pytest.mark.django_db
def test_only_editors_of_the_experiment_invite(setup):
    with pytest.raises(PermissionDenied):
        partners.invite_partner(setup["experiment"], setup["invited"], by=setup["stranger"])
    assert not ExperimentPartner.objects.filter(experiment=setup["experiment"]).exists()


@pytest.mark.django_db
def test_an_organisation_without_members_is_listed_for_the_coordinators(client, setup):
    lonely = OrganisationFactory(name="Structure sans membre")
    link = partners.invite_partner(setup["experiment"], lonely, by=setup["lead"])
    assert Notification.objects.filter(recipient=setup["coordinator"]).exists()
    assert list(partners.unanswerable_invitations()) == [link]
    client.force_login(setup["coordinator"])
    page = client.get(reverse("projects:partner_invitations"))
    assert page.context["unanswerable"] == [link]
    client.force_login(setup["lead"])
    tab = client.get(reverse("projects:partners", args=[setup["experiment"].pk]))
    assert tab.context["partners"][0].has_members is False


@pytest.mark.django_db
def test_the_partners_tab_formset_invites_the_new_partners(client, setup):
    client.force_login(setup["lead"])
    url = reverse("projects:partners", args=[setup["experiment"].pk])
    data = {
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        "partners-0-organisation": setup["invited"].pk,
        "partners-0-role": "Cuisine",
    }
    assert client.post(url, data).status_code == 302
    link = ExperimentPartner.objects.get(experiment=setup["experiment"])
    assert link.status == Status.INVITED and link.role == "Cuisine"
    assert Notification.objects.filter(recipient=setup["answerer"]).exists()


@pytest.mark.django_db
def test_only_accepted_partners_are_shown_publicly(client, setup):
    experiment = advance(
        setup["experiment"], "formalised", lead=setup["lead"], coordinator=setup["coordinator"]
    )
    experiment.is_public = True
    experiment.save()
    link = partners.invite_partner(experiment, setup["invited"], by=setup["lead"])
    public = client.get(reverse("projects:public_detail", args=[experiment.slug]))
    assert "Structure invitée" not in public.content.decode()
    body = api().get(detail_url(experiment)).json()
    assert "Structure invitée" not in [p["name"] for p in body["partners"]]
    members_view = api(setup["lead"]).get(detail_url(experiment)).json()
    assert {"name": "Structure invitée", "status": "invited"}.items() <= next(
        p for p in members_view["partners"] if p["name"] == "Structure invitée"
    ).items()
    partners.answer_invitation(link, by=setup["answerer"], accept=True)
    public = client.get(reverse("projects:public_detail", args=[experiment.slug]))
    assert "Structure invitée" in public.content.decode()


@pytest.mark.django_db
def test_the_space_shows_an_invited_partner_as_such(client, setup):
    partners.invite_partner(setup["experiment"], setup["invited"], by=setup["lead"])
    client.force_login(setup["lead"])
    response = client.get(reverse("projects:experiment", args=[setup["experiment"].pk]))
    content = response.content.decode()
    assert "Structure invitée" in content
    assert str(Status.INVITED.label) in content or "invitée" in content
