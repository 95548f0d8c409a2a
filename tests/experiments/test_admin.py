"""The coordinators' pipeline in the Wagtail admin: access, listing, export, board, detail,
sheet editing and transitions."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from wagtail.admin.menu import admin_menu
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from accounts import roles
from accounts.models import Notification
from projects.experiments.admin.access import PipelinePermissionPolicy
from projects.experiments.admin.forms import SHEET_FIELDS
from projects.experiments.models import BudgetLine, Experiment, ExperimentEvent, ExperimentPartner
from projects.experiments.permissions import can_steer_pipeline
from projects.network.models import Territory, Theme
from projects.wagtail_hooks import ExperimentViewSet
from tests.experiments.conftest import ROLES
from tests.factories import (
    ExperimentFactory,
    OrganisationFactory,
    UserFactory,
    advance,
    complete_sheet,
)

S = Experiment.State


def url(name: str, *args) -> str:
    return reverse(f"experiments:{name}", args=args)


def _admin_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def _shown(text, language: str = "fr") -> str:
    """A UI string as the admin shows it in ``language`` (the default admin language is fr)."""
    with translation.override(language):
        return str(text)


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.org")
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


@pytest.fixture
def coordinator_client(client, people):
    client.force_login(people["coordinator"])
    return client


def _pipeline_urls(experiment: Experiment) -> list[str]:
    return [
        url("index"),
        url("index") + "?export=csv",
        url("index") + "?export=xlsx",
        url("index_results"),
        url("board"),
        url("inspect", experiment.pk),
        url("edit", experiment.pk),
        url("transition", experiment.pk, "accept_idea"),
    ]


def _status(client, path: str) -> int:
    """The final status: LocaleMiddleware first redirects any 404 to its /fr/ twin."""
    return client.get(path, follow=True).status_code


# ------------------------------------------------------------------------------ access
@pytest.mark.django_db
def test_coordinator_opens_every_pipeline_view(coordinator_client, people):
    for path in _pipeline_urls(people["experiment"]):
        response = coordinator_client.get(path)
        assert response.status_code == 200, path


@pytest.mark.django_db
def test_superuser_opens_the_pipeline(client, people):
    from accounts.models import User

    client.force_login(User.objects.create_superuser("root@example.org", "pw", full_name="Root"))
    assert client.get(url("board")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_get_403_everywhere(client, people, moderator, role):
    user = moderator if role == "moderator" else people["editor"]
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # they do use the admin
    experiment = people["experiment"]
    for path in _pipeline_urls(experiment):
        assert client.get(path).status_code == 403, path
    response = client.post(
        url("transition", experiment.pk, "accept_idea"),
        {"comment": "Non.", "expected_state": S.IDEA},
    )
    assert response.status_code == 403
    experiment.refresh_from_db()
    assert experiment.state == S.IDEA
    assert not ExperimentEvent.objects.filter(experiment=experiment).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, "moderator"])
def test_only_coordinators_steer_the_pipeline(people, moderator, role):
    user = moderator if role == "moderator" else people[role]
    steers = role == "coordinator"
    assert can_steer_pipeline(user) is steers
    policy = PipelinePermissionPolicy(Experiment)
    assert policy.user_has_permission(user, "view") is steers
    assert policy.user_has_permission(user, "change") is steers
    for action in ("add", "delete"):  # never, not even for coordinators
        assert policy.user_has_permission(user, action) is False
    if role != "anonymous":
        assert (user in policy.users_with_permission("change")) is steers
        assert user not in policy.users_with_permission("delete")


@pytest.mark.django_db
def test_lead_without_admin_access_is_turned_away(client, people):
    client.force_login(people["lead"])
    response = client.get(url("board"))
    assert response.status_code == 302
    assert response["Location"] != url("board")


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_admin_login(client, people):
    for path in _pipeline_urls(people["experiment"]):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"), [("coordinator", True), ("editor", False), ("moderator", False)]
)
def test_menu_item_only_for_coordinators(people, moderator, role, shown):
    request = RequestFactory().get("/admin/")
    request.user = moderator if role == "moderator" else people[role]
    urls = [item.url for item in admin_menu.menu_items_for_request(request)]
    assert (url("index") in urls) is shown


@pytest.mark.django_db
def test_dashboard_sidebar_links_the_pipeline_for_coordinators_only(client, people):
    client.force_login(people["coordinator"])
    assert url("index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(people["editor"])
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()


# ------------------------------------------------------------------------------ listing
def _listed(client, query: str = "") -> set[int]:
    response = client.get(url("index") + query)
    assert response.status_code == 200
    return {experiment.pk for experiment in response.context["object_list"]}


@pytest.mark.django_db
def test_listing_columns(coordinator_client, people):
    experiment = complete_sheet(people["experiment"])
    content = coordinator_client.get(url("index")).content.decode()
    assert experiment.title in content
    assert escape(experiment.lead_organisation.name) in content
    assert _shown(S.IDEA.label) in content
    assert experiment.themes.get().name in content
    assert url("inspect", experiment.pk) in content
    assert url("board") in content


@pytest.mark.django_db
def test_filter_by_state(coordinator_client, people):
    funded = advance(
        ExperimentFactory(lead=people["lead"]),
        S.FUNDED,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    listed = _listed(coordinator_client, f"?state={S.FUNDED}")
    assert funded.pk in listed
    assert people["experiment"].pk not in listed
    assert listed == set(Experiment.objects.filter(state=S.FUNDED).values_list("pk", flat=True))
    for ordering in ("lead_organisation__name", "-state", "days_in_state", "-updated_at"):
        both = _listed(coordinator_client, f"?state={S.FUNDED}&state={S.IDEA}&ordering={ordering}")
        assert {funded.pk, people["experiment"].pk} <= both


@pytest.mark.django_db
def test_filter_by_canonical_theme(coordinator_client, people):
    first, second = Theme.objects.canonical().order_by("number")[:2]
    on_first = ExperimentFactory()
    on_first.themes.set([first])
    on_second = ExperimentFactory()
    on_second.themes.set([second])
    listed = _listed(coordinator_client, f"?theme={first.pk}")
    assert on_first.pk in listed and on_second.pk not in listed


@pytest.mark.django_db
def test_filter_by_territory_includes_territories_inside(coordinator_client, people):
    gap = Territory.objects.get(slug="gap")
    container = gap.ancestors.order_by("rank").first()
    assert container is not None, "the demo places Gap inside larger territories"
    elsewhere = Territory.objects.exclude(pk=gap.pk).exclude(ancestors=container)
    elsewhere = elsewhere.exclude(pk=container.pk).first()
    in_gap = ExperimentFactory()
    in_gap.territories.set([gap])
    outside = ExperimentFactory()
    outside.territories.set([elsewhere])
    assert in_gap.pk in _listed(coordinator_client, f"?territory={gap.pk}")
    listed = _listed(coordinator_client, f"?territory={container.pk}")
    assert in_gap.pk in listed and outside.pk not in listed


@pytest.mark.django_db
def test_filter_by_lead_organisation(coordinator_client, people):
    other = ExperimentFactory()
    lead_pk = people["experiment"].lead_organisation_id
    listed = _listed(coordinator_client, f"?lead_organisation={lead_pk}")
    assert people["experiment"].pk in listed and other.pk not in listed


@pytest.mark.django_db
def test_search_by_title_and_bad_filters_do_not_break(coordinator_client, people):
    target = ExperimentFactory(title="Atelier vélo partagé à Briançon")
    listed = _listed(coordinator_client, "?q=vélo partagé")
    assert listed == {target.pk}
    assert coordinator_client.get(url("index") + "?state=nonsense&theme=x").status_code == 200
    assert coordinator_client.get(url("index") + "?ordering=secret_field").status_code == 200


@pytest.mark.django_db
def test_order_by_days_in_state_and_by_workflow_state(coordinator_client, people):
    old = ExperimentFactory(title="Ancienne")
    Experiment.objects.filter(pk=old.pk).update(
        state_changed_at=timezone.now() - datetime.timedelta(days=90)
    )
    response = coordinator_client.get(url("index") + "?ordering=-days_in_state")
    assert next(iter(response.context["object_list"])).pk == old.pk
    response = coordinator_client.get(url("index") + "?ordering=days_in_state")
    assert list(response.context["object_list"])[-1].pk == old.pk

    funded = advance(
        ExperimentFactory(lead=people["lead"]),
        S.FUNDED,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    ranks = {state: rank for rank, state in enumerate(S.values)}
    response = coordinator_client.get(url("index") + "?ordering=state")
    states = [e.state for e in response.context["object_list"]]
    assert states == sorted(states, key=ranks.get)
    assert funded.state in states


@pytest.mark.django_db
def test_listing_shows_themes_in_the_coordinators_admin_language(coordinator_client, people):
    theme = Theme.objects.canonical().order_by("number").first()
    english = theme.get_translation(Locale.objects.get(language_code="en"))
    assert english.name != theme.name
    people["experiment"].themes.set([theme])
    _admin_language(people["coordinator"], "en")
    content = coordinator_client.get(url("index")).content.decode()
    assert english.name in content


# ------------------------------------------------------------------------------ export
def _budget(experiment: Experiment, *amounts: str, in_kind: str | None = None) -> None:
    for n, amount in enumerate(amounts):
        BudgetLine.objects.create(experiment=experiment, label=f"Ligne {n}", amount=amount)
    if in_kind:
        BudgetLine.objects.create(
            experiment=experiment, label="Bénévolat", amount=in_kind, in_kind=True
        )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_csv_export_has_a_header_and_one_row_per_experiment(coordinator_client, people, language):
    _admin_language(people["coordinator"], language)
    headings = {
        name: _shown(label, language) for name, label in ExperimentViewSet.export_headings.items()
    }
    experiment = people["experiment"]
    _budget(experiment, "1000.50", "2000.25", in_kind="500.00")
    Experiment.objects.filter(pk=experiment.pk).update(self_financing=Decimal("300.00"))
    Experiment.objects.filter(pk=experiment.pk).update(secured_funding=Decimal("1200.00"))
    theme = Theme.objects.canonical().order_by("number").first()
    experiment.themes.set([theme])
    partner = OrganisationFactory(name="Partenaire Export")
    ExperimentPartner.objects.create(experiment=experiment, organisation=partner)

    response = coordinator_client.get(url("index") + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="experiments.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, body = rows[0], rows[1:]
    assert header[0] == _shown(Experiment._meta.get_field("title").verbose_name, language)
    assert header[2] == headings["state"]
    assert len(header) == len(ExperimentViewSet.list_export)
    assert len(body) == Experiment.objects.count()
    row = dict(zip(header, next(r for r in body if r[0] == experiment.title), strict=True))
    assert row[headings["budget_total"]] == "3500.75"
    # Cash budget 3000.75, less self-financing 300.
    assert row[headings["funding_need"]] == "2700.75"
    assert row[headings["secured_funding"]] == "1200.00"
    assert row[headings["funding_gap"]] == "1500.75"
    assert row[headings["state"]] == _shown(S.IDEA.label, language)
    assert row[headings["partners"]] == "Partenaire Export"
    assert (
        row[headings["themes"]]
        == theme.get_translation(Locale.objects.get(language_code=language)).name
    )
    assert experiment.lead_organisation.name in row.values()


@pytest.mark.django_db
def test_csv_export_follows_the_filters(coordinator_client, people):
    funded = advance(
        ExperimentFactory(lead=people["lead"]),
        S.FUNDED,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    response = coordinator_client.get(url("index") + f"?state={S.FUNDED}&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    titles = [row[0] for row in rows[1:]]
    assert funded.title in titles and people["experiment"].title not in titles


@pytest.mark.django_db
def test_xlsx_export(coordinator_client, people):
    _budget(people["experiment"], "1500.00", "250.00")
    response = coordinator_client.get(url("index") + "?export=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    header = list(rows[0])
    row = next(r for r in rows[1:] if r[0] == people["experiment"].title)
    column = header.index(_shown(ExperimentViewSet.export_headings["budget_total"]))
    assert Decimal(str(row[column])) == Decimal("1750.00")
    assert len(rows) - 1 == Experiment.objects.count()


# ------------------------------------------------------------------------------ board
@pytest.mark.django_db
def test_board_counts_per_state_match_the_data(coordinator_client, people):
    for state in (S.FORMALISATION, S.FORMALISATION, S.SEEKING_FUNDING, S.RUNNING):
        advance(
            ExperimentFactory(lead=people["lead"]),
            state,
            lead=people["lead"],
            coordinator=people["coordinator"],
        )
    response = coordinator_client.get(url("board"))
    columns = response.context["columns"]
    assert [column.state for column in columns] == list(S.values)
    for column in columns:
        assert column.count == Experiment.objects.filter(state=column.state).count()
        assert len(column.cards) == column.count  # fewer than the cap here
    content = response.content.decode()
    assert content.count('<section class="pipeline-column') == len(S.values)
    board = content.split('class="pipeline-board"')[1]
    assert board.count("<h2") == len(S.values)


@pytest.mark.django_db
def test_board_cards_link_to_the_experiment_and_to_coordinator_actions(coordinator_client, people):
    experiment = people["experiment"]
    formalisation = advance(
        ExperimentFactory(lead=people["lead"]),
        S.FORMALISATION,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    response = coordinator_client.get(url("board"))
    cards = {card.experiment.pk: card for c in response.context["columns"] for card in c.cards}
    assert {a.name for a in cards[experiment.pk].actions} == {
        "accept_idea",
        "decline_idea",
        "abandon",
    }
    # Formalising is the lead's move: the coordinator may only abandon here.
    assert {a.name for a in cards[formalisation.pk].actions} == {"abandon"}
    assert cards[formalisation.pk].missing == len(formalisation.formalisation_gaps())
    content = response.content.decode()
    assert url("inspect", experiment.pk) in content
    assert url("transition", experiment.pk, "accept_idea") in content
    assert url("transition", formalisation.pk, "formalise") not in content


@pytest.mark.django_db
def test_board_caps_each_column_and_links_the_rest(coordinator_client, people, monkeypatch):
    import projects.experiments.admin.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CARDS_PER_COLUMN", 2)
    for _ in range(3):
        ExperimentFactory()
    response = coordinator_client.get(url("board"))
    idea = next(c for c in response.context["columns"] if c.state == S.IDEA)
    assert idea.count == Experiment.objects.filter(state=S.IDEA).count() >= 4
    assert len(idea.cards) == 2
    assert f"{url('index')}?state=idea" in response.content.decode()


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


# ------------------------------------------------------------------------------ query counts
def _query_count(client, path: str) -> int:
    def fetch():
        response = client.get(path)
        assert response.status_code == 200
        if response.streaming:  # an export runs its queries while it streams
            b"".join(response.streaming_content)

    fetch()  # warm Wagtail's per-process caches (site, content types, menu)
    with CaptureQueriesContext(connection) as queries:
        fetch()
    return len(queries)


def _experiments(count: int, lead, themes, territory) -> None:
    states = [S.IDEA, S.FORMALISATION, S.SEEKING_FUNDING, S.RUNNING, S.CAPITALISED, S.DECLINED]
    for n in range(count):
        experiment = ExperimentFactory(lead=lead)
        experiment.themes.set(themes)
        experiment.territories.set([territory])
        BudgetLine.objects.create(experiment=experiment, label="Poste", amount="1000")
        ExperimentPartner.objects.create(experiment=experiment, organisation=OrganisationFactory())
        Experiment.objects.filter(pk=experiment.pk).update(state=states[n % len(states)])


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("view", "query"),
    [("index", ""), ("index", "?ordering=state&theme=1"), ("index", "?export=csv"), ("board", "")],
    ids=["listing", "listing-filtered", "csv", "board"],
)
def test_query_count_does_not_grow_with_experiments(
    coordinator_client, people, view, query, language
):
    path = url(view) + query
    _admin_language(people["coordinator"], language)
    themes = list(Theme.objects.canonical()[:2])
    territory = Territory.objects.get(slug="gap")
    # The coordinator also leads some: their role is read for every card of the board.
    _experiments(10, people["coordinator"], themes, territory)
    few = _query_count(coordinator_client, path)
    _experiments(50, people["coordinator"], themes, territory)
    assert Experiment.objects.count() >= 60
    many = _query_count(coordinator_client, path)
    assert few == many
