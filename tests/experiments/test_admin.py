"""The coordinators pipeline in the admin: an experiment detail, its sheet and transitions."""

import pytest
from django.utils.html import escape
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from accounts.models import Notification
from projects.experiments.admin.forms import SHEET_FIELDS
from projects.experiments.models import Experiment, ExperimentEvent, ExperimentPartner
from projects.network.models import Theme
from tests.experiments.admin_support import S, _budget, _shown, _status, url
from tests.factories import (
    OrganisationFactory,
    advance,
)


# ------------------------------------------------------------------------------ detail
@pytest.mark.django_db
def test_inspect_shows_audit_trail_members_partners_budget_and_missing(coordinator_client, people):
    experiment = people["experiment"]
    from projects.experiments.services import run_transition

    run_transition(experiment, "accept_idea", by=people["coordinator"], comment="Belle idée.")
    _budget(experiment, "4200.00")
    partner = OrganisationFactory(name="Partenaire Visible")
    ExperimentPartner.objects.create(experiment=experiment, organisation=partner, role="Prête")
    response = coordinator_client.get(url("inspect", experiment.pk))
    assert response.status_code == 200
    content = response.content.decode()
    event = ExperimentEvent.objects.get(experiment=experiment)
    assert "Belle idée." in content
    assert people["coordinator"].get_full_name() in content
    assert _shown(S.IDEA.label) in content and _shown(S.FORMALISATION.label) in content
    assert response.context["events"] == [event]
    assert people["lead"].email in content and people["partner"].email in content
    assert "Partenaire Visible" in content and "Prête" in content
    assert "4\u00a0200,00" in content or "4,200.00" in content or "4 200,00" in content
    experiment.refresh_from_db()
    missing = [str(r.message) for r in response.context["next_steps"]]
    assert missing == [str(r.message) for r in experiment.formalisation_gaps()]
    assert missing and all(message in content for message in missing[:1])
    assert "<form" not in content.split('id="section-audit"')[1]  # read-only


@pytest.mark.django_db
def test_inspect_of_a_missing_experiment_is_404(coordinator_client):
    assert _status(coordinator_client, url("inspect", 999999)) == 404


# ------------------------------------------------------------------------------ sheet
def _sheet_data(experiment: Experiment, **changes) -> dict:
    data = {
        "title": experiment.title,
        "summary": experiment.summary,
        "lead_organisation": experiment.lead_organisation_id,
        "themes": [t.pk for t in experiment.themes.all()],
        "territories": [t.pk for t in experiment.territories.all()],
        "description": experiment.description,
        "objectives": experiment.objectives,
        "expected_results": "",
        "indicators": "",
        "cooperation_forms": [],
        "support_needed": [],
        "self_financing": "0",
        "start_date": "",
        "end_date": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_coordinator_edits_the_sheet_but_never_the_state(coordinator_client, people):
    experiment = people["experiment"]
    form = coordinator_client.get(url("edit", experiment.pk)).context["form"]
    assert "state" not in form.fields and "secured_funding" not in form.fields
    theme = Theme.objects.canonical().first()
    response = coordinator_client.post(
        url("edit", experiment.pk),
        _sheet_data(
            experiment,
            title="Titre corrigé",
            themes=[theme.pk],
            cooperation_forms=["premises", "jobs"],
            state=S.FUNDED,
            secured_funding="99999",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url("inspect", experiment.pk)
    experiment.refresh_from_db()
    assert experiment.title == "Titre corrigé"
    assert experiment.cooperation_forms == ["premises", "jobs"]
    assert list(experiment.themes.all()) == [theme]
    assert experiment.state == S.IDEA and experiment.secured_funding == 0


@pytest.mark.django_db
def test_sheet_offers_its_fields_and_canonical_themes_only(coordinator_client, people):
    experiment = people["experiment"]
    form = coordinator_client.get(url("edit", experiment.pk)).context["form"]
    assert set(form.fields) == set(SHEET_FIELDS)
    assert set(form.fields["themes"].queryset) == set(Theme.objects.canonical())
    theme = Theme.objects.canonical().first()
    translated = theme.get_translation(Locale.objects.get(language_code="it"))
    response = coordinator_client.post(
        url("edit", experiment.pk), _sheet_data(experiment, themes=[translated.pk])
    )
    assert response.status_code == 400
    assert not experiment.themes.exists()


@pytest.mark.django_db
def test_sheet_errors_re_render_with_400_and_what_was_typed(coordinator_client, people):
    experiment = people["experiment"]
    response = coordinator_client.post(
        url("edit", experiment.pk),
        _sheet_data(
            experiment, title="Gardé tel quel", start_date="2027-05-01", end_date="2027-01-01"
        ),
    )
    assert response.status_code == 400
    assert "Gardé tel quel" in response.content.decode()
    experiment.refresh_from_db()
    assert experiment.title != "Gardé tel quel"


@pytest.mark.django_db
def test_saving_the_sheet_keeps_a_transition_run_meanwhile(coordinator_client, people, monkeypatch):
    """A transition that lands while the sheet is being saved is not overwritten by it."""
    from projects.experiments.admin.forms import ExperimentSheetForm
    from projects.experiments.services import run_transition

    experiment = people["experiment"]
    clean = ExperimentSheetForm.clean

    def clean_while_a_transition_lands(form):
        # Runs after the view loaded the experiment and before it saves it.
        run_transition(
            Experiment.objects.get(pk=experiment.pk), "accept_idea", by=people["coordinator"]
        )
        return clean(form)

    monkeypatch.setattr(ExperimentSheetForm, "clean", clean_while_a_transition_lands)
    response = coordinator_client.post(
        url("edit", experiment.pk), _sheet_data(experiment, title="Après transition")
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.title == "Après transition"
    assert experiment.state == S.FORMALISATION
    assert ExperimentEvent.objects.get(experiment=experiment).to_state == S.FORMALISATION


@pytest.mark.django_db
def test_closed_experiment_cannot_be_edited(coordinator_client, people):
    experiment = people["experiment"]
    from projects.experiments.services import run_transition

    run_transition(experiment, "decline_idea", by=people["coordinator"], comment="Hors champ.")
    assert coordinator_client.get(url("edit", experiment.pk)).status_code == 403
    response = coordinator_client.post(url("edit", experiment.pk), _sheet_data(experiment))
    assert response.status_code == 403
    content = coordinator_client.get(url("index")).content.decode()
    assert url("edit", experiment.pk) not in content


# ------------------------------------------------------------------------------ transitions
@pytest.mark.django_db
def test_accept_idea_with_a_comment(coordinator_client, people):
    experiment = people["experiment"]
    form_page = coordinator_client.get(url("transition", experiment.pk, "accept_idea"))
    assert form_page.status_code == 200
    content = form_page.content.decode()
    assert 'name="expected_state" value="idea"' in content
    assert 'name="comment"' in content
    response = coordinator_client.post(
        url("transition", experiment.pk, "accept_idea"),
        {"comment": "Bonne idée, allez-y.", "expected_state": S.IDEA},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("board")
    experiment.refresh_from_db()
    assert experiment.state == S.FORMALISATION
    event = ExperimentEvent.objects.get(experiment=experiment)
    assert (event.actor, event.transition, event.from_state, event.to_state, event.comment) == (
        people["coordinator"],
        "accept_idea",
        S.IDEA,
        S.FORMALISATION,
        "Bonne idée, allez-y.",
    )
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert Notification.objects.filter(recipient=people["lead"]).exists()


@pytest.mark.django_db
def test_transition_returns_to_the_page_it_came_from(coordinator_client, people):
    experiment = people["experiment"]
    back = url("inspect", experiment.pk)
    response = coordinator_client.post(
        url("transition", experiment.pk, "accept_idea"),
        {"expected_state": S.IDEA, "next": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    response = coordinator_client.post(
        url("transition", experiment.pk, "abandon"),
        {"expected_state": S.FORMALISATION, "comment": "Fin.", "next": "https://evil.example/"},
    )
    assert response["Location"] == url("board")


@pytest.mark.django_db
def test_decline_without_a_comment_changes_nothing(coordinator_client, people):
    experiment = people["experiment"]
    page = coordinator_client.get(url("transition", experiment.pk, "decline_idea"))
    assert "required" in page.content.decode()
    before = Notification.objects.count()
    response = coordinator_client.post(
        url("transition", experiment.pk, "decline_idea"),
        {"comment": "   ", "expected_state": S.IDEA},
    )
    assert response.status_code == 400
    message = _shown(gettext_lazy("Please explain this decision in a comment."))
    assert escape(message) in response.content.decode()
    experiment.refresh_from_db()
    assert experiment.state == S.IDEA
    assert not ExperimentEvent.objects.filter(experiment=experiment).exists()
    assert Notification.objects.count() == before


@pytest.mark.django_db
def test_stale_state_is_refused_with_409_and_keeps_the_comment(coordinator_client, people):
    experiment = people["experiment"]
    advance(experiment, S.FORMALISED, lead=people["lead"], coordinator=people["coordinator"])
    response = coordinator_client.post(
        url("transition", experiment.pk, "reopen"),
        {"comment": "Il manque la convention.", "expected_state": S.FORMALISATION},
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "Il manque la convention." in content
    assert 'name="expected_state" value="formalised"' in content
    experiment.refresh_from_db()
    assert experiment.state == S.FORMALISED
    assert not ExperimentEvent.objects.filter(experiment=experiment, transition="reopen").exists()


@pytest.mark.django_db
def test_mark_funded_lists_what_is_missing_and_needs_a_comment_to_override(
    coordinator_client, people
):
    experiment = advance(
        people["experiment"],
        S.SEEKING_FUNDING,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    page = coordinator_client.get(url("transition", experiment.pk, "mark_funded"))
    gap = experiment.funding_gaps()[0].message
    assert escape(str(gap)) in page.content.decode()
    response = coordinator_client.post(
        url("transition", experiment.pk, "mark_funded"), {"expected_state": S.SEEKING_FUNDING}
    )
    assert response.status_code == 400
    experiment.refresh_from_db()
    assert experiment.state == S.SEEKING_FUNDING
    response = coordinator_client.post(
        url("transition", experiment.pk, "mark_funded"),
        {"expected_state": S.SEEKING_FUNDING, "comment": "Subvention notifiée hors plateforme."},
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.state == S.FUNDED


@pytest.mark.django_db
def test_conditions_unmet_are_listed_with_409(coordinator_client, people, monkeypatch):
    """The service has the last word: what it refuses is listed, nothing changes."""
    from core.workflow import ConditionsUnmet, Requirement

    experiment = people["experiment"]

    def refuse(*args, **kwargs):
        raise ConditionsUnmet(
            "Some conditions are not met yet.",
            [Requirement("x", "Signer la convention de partenariat.")],
        )

    monkeypatch.setattr("projects.experiments.admin.views.run_transition", refuse)
    response = coordinator_client.post(
        url("transition", experiment.pk, "accept_idea"),
        {"expected_state": S.IDEA, "comment": "Gardé."},
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "Signer la convention de partenariat." in content and "Gardé." in content


@pytest.mark.django_db
def test_transition_not_offered_to_coordinators_is_403(coordinator_client, people):
    experiment = advance(
        people["experiment"],
        S.FORMALISATION,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    assert coordinator_client.get(url("transition", experiment.pk, "formalise")).status_code == 403
    response = coordinator_client.post(
        url("transition", experiment.pk, "formalise"), {"expected_state": S.FORMALISATION}
    )
    assert response.status_code == 403
    experiment.refresh_from_db()
    assert experiment.state == S.FORMALISATION


@pytest.mark.django_db
def test_unknown_or_impossible_transitions(coordinator_client, people):
    experiment = people["experiment"]
    assert _status(coordinator_client, url("transition", experiment.pk, "explode")) == 404
    assert _status(coordinator_client, url("transition", 999999, "accept_idea")) == 404
    response = coordinator_client.get(url("transition", experiment.pk, "mark_funded"))
    assert response.status_code == 409
    assert "<form" not in response.content.decode().split('id="transition-heading"')[1]
    response = coordinator_client.post(
        url("transition", experiment.pk, "mark_funded"),
        {"expected_state": S.IDEA, "comment": "Essai."},
    )
    assert response.status_code == 409
    experiment.refresh_from_db()
    assert experiment.state == S.IDEA
