"""The coordinators pipeline in the admin: the listing, its export and the board."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook
from wagtail.models import Locale

from projects.experiments.models import Experiment, ExperimentPartner
from projects.network.models import Territory, Theme
from projects.wagtail_hooks import ExperimentViewSet
from tests.experiments.admin_support import S, _admin_language, _budget, _shown, url
from tests.factories import (
    ExperimentFactory,
    OrganisationFactory,
    advance,
    complete_sheet,
)


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
def test_csv_export_never_writes_a_formula(coordinator_client, people):
    people["experiment"].title = '=HYPERLINK("http://evil.example","Cliquez")'
    people["experiment"].save(update_fields=["title"])
    response = coordinator_client.get(url("index") + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    titles = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","Cliquez")' in titles
    assert not any(cell.startswith("=") for row in rows for cell in row)


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
