"""The leads' space: who opens which page, forms that keep input, transitions from the UI."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification
from projects.experiments.models import BudgetLine, Experiment, ExperimentMember, Invitation
from tests.experiments.conftest import ROLES
from tests.factories import ExperimentFactory, UserFactory, advance, complete_sheet, join

S = Experiment.State


def url(view: str, **kwargs) -> str:
    with translation.override("fr"):
        return reverse(f"projects:{view}", kwargs=kwargs or None)


def client_for(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


READ_PAGES = ["experiment", "partners", "budget", "timeline", "documents", "activity"]
EDIT_PAGES = [("sheet", {"section": "general"}), ("capitalisation", {})]

# role → expected status on the experiment's pages (anonymous is sent to sign in)
READ_STATUS = {
    "anonymous": 302,
    "other": 404,
    "editor": 404,
    "partner": 200,
    "lead": 200,
    "coordinator": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", READ_PAGES)
def test_who_opens_the_experiment_pages(client, people, role, page):
    response = client_for(client, people, role).get(url(page, pk=people["experiment"].pk))
    assert response.status_code == READ_STATUS[role]
    if role == "anonymous":
        assert "/fr/compte/connexion/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("page", "extra"), EDIT_PAGES)
def test_who_edits_the_sheet(client, people, role, page, extra):
    response = client_for(client, people, role).get(url(page, pk=people["experiment"].pk, **extra))
    expected = {**READ_STATUS}
    assert response.status_code == expected[role] or (page == "capitalisation")


@pytest.mark.django_db
def test_a_viewer_reads_but_cannot_change(client, people):
    viewer = UserFactory()
    ExperimentMember.objects.create(
        experiment=people["experiment"], user=viewer, role=ExperimentMember.Role.VIEWER
    )
    client.force_login(viewer)
    pk = people["experiment"].pk
    assert client.get(url("experiment", pk=pk)).status_code == 200
    assert client.get(url("sheet", pk=pk, section="general")).status_code == 403
    assert client.post(url("budget", pk=pk), {}).status_code == 403
    assert client.post(url("partners", pk=pk), {}).status_code == 403


@pytest.mark.django_db
def test_sheet_with_errors_keeps_what_was_typed(client, people):
    client.force_login(people["lead"])
    pk = people["experiment"].pk
    response = client.post(
        url("sheet", pk=pk, section="schedule"),
        {"start_date": "2027-05-01", "end_date": "2027-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="2027-05-01"' in html
    assert "La date de fin précède la date de début." in html
    people["experiment"].refresh_from_db()
    assert people["experiment"].start_date is None


@pytest.mark.django_db
def test_sheet_parts_save_as_drafts_and_continue(client, people):
    client.force_login(people["lead"])
    pk = people["experiment"].pk
    response = client.post(
        url("sheet", pk=pk, section="objectives"),
        {
            "objectives": "Partager un local",
            "expected_results": "",
            "indicators": "",
            "save_next": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("sheet", pk=pk, section="cooperation")
    people["experiment"].refresh_from_db()
    assert people["experiment"].objectives == "Partager un local"


def _budget_post(lines, self_financing="0"):
    data = {
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "financing-self_financing": self_financing,
    }
    for i, (label, nature, amount) in enumerate(lines):
        data.update(
            {f"lines-{i}-label": label, f"lines-{i}-nature": nature, f"lines-{i}-amount": amount}
        )
    return data


@pytest.mark.django_db
def test_budget_formset_saves_lines_and_shows_totals(client, people):
    client.force_login(people["partner"])
    pk = people["experiment"].pk
    response = client.post(
        url("budget", pk=pk),
        _budget_post(
            [("Animation", "operating", "1000.50"), ("Matériel", "investment", "2000")], "500"
        ),
    )
    assert response.status_code == 302
    assert BudgetLine.objects.filter(experiment_id=pk).count() == 2
    html = client.get(url("budget", pk=pk)).content.decode()
    assert "3\xa0000,50 €" in html


@pytest.mark.django_db
def test_budget_add_row_is_an_enhancement_of_the_save_and_come_back_form(client, people):
    """The script's row template is the formset's empty form; the button waits for the script
    (hidden paragraph) and the hint for people without JavaScript stays in the page."""
    client.force_login(people["lead"])
    html = client.get(url("budget", pk=people["experiment"].pk)).content.decode()
    template = html[html.index('<template id="budget-empty-row">') : html.index("</template>")]
    assert 'name="lines-__prefix__-label"' in template
    assert 'name="lines-__prefix__-amount"' in template
    assert 'for="id_lines-__prefix__-label"' in template
    assert "__line__" in template
    assert '<p hidden><button type="button"' in html
    assert 'data-formset-add="lines" data-template="budget-empty-row"' in html
    assert 'data-formset-hint="lines"' in html
    assert "js/formset-add" in html


@pytest.mark.django_db
def test_budget_with_an_invalid_amount_keeps_every_line(client, people):
    client.force_login(people["lead"])
    pk = people["experiment"].pk
    response = client.post(
        url("budget", pk=pk),
        _budget_post([("Animation", "operating", "1000"), ("Matériel", "investment", "-5")]),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Animation"' in html and 'value="Matériel"' in html
    assert BudgetLine.objects.filter(experiment_id=pk).count() == 0


@pytest.mark.django_db
def test_partner_formset_refuses_the_lead_twice(client, people):
    client.force_login(people["lead"])
    experiment = people["experiment"]
    data = {
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        "partners-0-organisation": str(experiment.lead_organisation_id),
        "partners-0-role": "x",
    }
    response = client.post(url("partners", pk=experiment.pk), data)
    assert response.status_code == 400
    assert "déjà" in response.content.decode()


@pytest.mark.django_db
def test_lead_formalises_from_the_ui_and_missing_items_are_listed(client, people):
    experiment = advance(
        people["experiment"],
        S.FORMALISATION,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    client.force_login(people["lead"])
    overview = client.get(url("experiment", pk=experiment.pk)).content.decode()
    assert "Choisissez au moins une thématique." in overview
    response = client.post(
        url("transition", pk=experiment.pk, name="formalise"),
        {"comment": "", "expected_state": "formalisation"},
    )
    assert response.status_code == 409
    assert "Ajoutez des lignes de budget" in response.content.decode()
    complete_sheet(experiment)
    response = client.post(
        url("transition", pk=experiment.pk, name="formalise"),
        {"comment": "", "expected_state": "formalisation"},
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.state == S.FORMALISED


@pytest.mark.django_db
def test_stale_page_gets_a_reload_message(client, people):
    client.force_login(people["coordinator"])
    pk = people["experiment"].pk
    client.post(
        url("transition", pk=pk, name="accept_idea"), {"comment": "", "expected_state": "idea"}
    )
    response = client.post(
        url("transition", pk=pk, name="decline_idea"), {"comment": "Non", "expected_state": "idea"}
    )
    assert response.status_code in (404, 409)


@pytest.mark.django_db
def test_decline_needs_a_comment_in_the_form(client, people):
    client.force_login(people["coordinator"])
    pk = people["experiment"].pk
    response = client.post(
        url("transition", pk=pk, name="decline_idea"), {"comment": "", "expected_state": "idea"}
    )
    assert response.status_code == 400
    people["experiment"].refresh_from_db()
    assert people["experiment"].state == S.IDEA


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["partner", "other", "editor"])
def test_transition_page_refuses_roles_that_may_not(client, people, role):
    client.force_login(people[role])
    response = client.get(url("transition", pk=people["experiment"].pk, name="accept_idea"))
    assert response.status_code == (403 if role == "partner" else 404)


@pytest.mark.django_db
def test_propose_an_idea(client, people, django_capture_on_commit_callbacks):
    from projects.network.models import Organisation

    public = client.get(url("propose_public"))
    assert public.status_code == 200
    assert "next=" in public.content.decode()
    client.force_login(people["other"])
    lead_org = Organisation.objects.canonical().get(name="Locomun")
    join(people["other"], lead_org)  # only members propose in an organisation's name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("propose"),
            {
                "title": "Une salle partagée à Veynes",
                "summary": "Trois associations partagent une salle.",
                "lead_organisation": lead_org.pk,
            },
        )
    assert response.status_code == 302
    experiment = Experiment.objects.get(title="Une salle partagée à Veynes")
    assert experiment.state == S.IDEA
    assert experiment.memberships.get().user == people["other"]
    assert Notification.objects.filter(
        recipient__email="coord@example.org", title__contains="Veynes"
    ).exists()
    assert any("Veynes" in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_propose_with_errors_keeps_input(client, people):
    client.force_login(people["other"])
    response = client.post(url("propose"), {"title": "Mon idée", "summary": ""})
    assert response.status_code == 400
    assert 'value="Mon idée"' in response.content.decode()


@pytest.mark.django_db
def test_invitation_by_e_mail_then_accepted(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["lead"])
    pk = people["experiment"].pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("invite", pk=pk), {"email": "New@Example.org", "role": "contributor"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new@example.org")
    assert mail.outbox[-1].to == ["new@example.org"]
    assert invitation.token in mail.outbox[-1].body
    stranger = UserFactory(email="stranger@example.org")
    client.force_login(stranger)
    assert client.post(url("invitation", token=invitation.token)).status_code == 409
    invitee = UserFactory(email="new@example.org")
    client.force_login(invitee)
    assert client.post(url("invitation", token=invitation.token)).status_code == 302
    assert ExperimentMember.objects.get(experiment_id=pk, user=invitee).role == "contributor"
    assert client.post(url("invitation", token=invitation.token)).status_code == 409


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["partner", "other"])
def test_only_managers_invite(client, people, role):
    client.force_login(people[role])
    response = client.post(
        url("invite", pk=people["experiment"].pk), {"email": "x@example.org", "role": "viewer"}
    )
    assert response.status_code == (403 if role == "partner" else 404)
    assert not Invitation.objects.filter(email="x@example.org").exists()


@pytest.mark.django_db
def test_comments_in_the_activity_feed(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["partner"])
    pk = people["experiment"].pk
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("activity", pk=pk), {"body": "Je peux prêter la salle le mardi."})
    html = client.get(url("activity", pk=pk)).content.decode()
    assert "Je peux prêter la salle le mardi." in html
    assert Notification.objects.filter(recipient=people["lead"], title__contains="message").exists()


@pytest.mark.django_db
def test_notifications_are_private(client, people):
    note = Notification.objects.create(recipient=people["lead"], title="Pour le porteur", url="/")
    client.force_login(people["other"])
    assert client.get(url("open_notification", pk=note.pk)).status_code == 404
    client.force_login(people["lead"])
    assert client.get(url("open_notification", pk=note.pk)).status_code == 302
    note.refresh_from_db()
    assert note.is_read


@pytest.mark.django_db
def test_public_page_only_from_formalised_when_public(client, people):
    experiment = people["experiment"]
    experiment.is_public = True
    experiment.save()
    assert client.get(url("public_detail", slug=experiment.slug)).status_code == 404
    advance(experiment, S.FORMALISED, lead=people["lead"], coordinator=people["coordinator"])
    assert client.get(url("public_detail", slug=experiment.slug)).status_code == 200
    assert experiment.title in client.get(url("public_list")).content.decode()
    experiment.is_public = False
    experiment.save()
    assert client.get(url("public_detail", slug=experiment.slug)).status_code == 404
    client.force_login(people["lead"])  # members still see it
    assert client.get(url("public_detail", slug=experiment.slug)).status_code == 200


@pytest.mark.django_db
def test_dashboard_queries_do_not_grow_with_experiments(
    client, people, django_assert_max_num_queries
):
    client.force_login(people["lead"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url("space"))
    for _ in range(6):
        complete_sheet(ExperimentFactory(lead=people["lead"]))
    with django_assert_max_num_queries(len(few)):
        response = client.get(url("space"))
    assert response.content.decode().count("badge--idea") >= 7


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["propose", "sheet"])
def test_territories_are_chosen_with_the_hierarchical_picker(client, people, page):
    """The proposal and the sheet use the admin's territory picker: places grouped by kind,
    each with its containers, searchable, several chosen without modifier keys."""
    from projects.network.models import Organisation, Territory

    if page == "propose":
        client.force_login(people["other"])
        join(people["other"], Organisation.objects.canonical().get(name="Locomun"))
        address = url("propose")
    else:
        client.force_login(people["lead"])
        address = url("sheet", pk=people["experiment"].pk, section="general")
    html = client.get(address).content.decode()
    select = html[html.index('<select name="territories"') :]
    select = select[: select.index("</select>")]
    assert "data-searchable-select" in select
    assert "multiple" in select
    assert '<optgroup label="Commune">' in select
    gap = Territory.objects.get(name="Gap", kind="commune")
    assert f'value="{gap.pk}" data-name="Gap" data-path="' in select
    assert "js/searchable-select.js" in html
    assert "css/searchable-select.css" in html
