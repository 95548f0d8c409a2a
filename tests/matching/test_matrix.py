"""The coordinators' funding matrix in the admin: access, content, filters, CSV, and a query
count that does not grow with the number of experiments and calls."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu

from accounts import roles
from funding.matching.applications import applications_of
from funding.matching.matrix import MATCH, NEAR, build_matrix
from funding.matching.queries import experiments_facts
from funding.matching.recommendations import candidate_calls, recommend_facts
from projects.experiments.models import Experiment
from tests.factories import (
    ExperimentFactory,
    FundingCallFactory,
    UserFactory,
    complete_sheet,
)

S = Experiment.State
URL = "/admin/funding-matrix/"
CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"
TREASURY = "Trésorerie mutualisée entre associations du Gapençais"


def user_in(group: str, email: str):
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def coordinator(db):
    return user_in(roles.COORDINATORS, "matrix-coord@example.org")


def test_the_url_is_the_admin_one():
    assert reverse("funding_matrix") == URL


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who, status",
    [("coordinator", 200), ("editor", 403), ("moderator", 403), ("superuser", 200)],
)
def test_only_the_people_who_steer_the_pipeline_see_the_matrix(client, who, status):
    if who == "superuser":
        user = UserFactory(email="super@example.org", is_superuser=True, is_staff=True)
    else:
        group = {
            "coordinator": roles.COORDINATORS,
            "editor": roles.EDITORS,
            "moderator": roles.MODERATORS,
        }[who]
        user = user_in(group, f"{who}@example.org")
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == status
    request = response.wsgi_request
    shown = {item.name for item in admin_menu.menu_items_for_request(request)}
    assert ("funding-matrix" in shown) is (status == 200)


@pytest.mark.django_db
def test_anonymous_visitors_and_leads_without_admin_access_are_sent_to_sign_in(client, demo_user):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
    client.force_login(demo_user("porteur"))
    response = client.get(URL)
    assert response.status_code in {302, 403}
    assert CROSS_BORDER not in response.content.decode()


@pytest.mark.django_db
def test_each_cell_shows_the_score_and_the_planned_amount(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    matrix = response.context["matrix"]
    rows = {row.experiment.title: row for row in matrix.rows}
    # By default, the experiments seeking funding, and only them.
    assert set(rows) == set(
        Experiment.objects.filter(state=S.SEEKING_FUNDING).values_list("title", flat=True)
    )
    assert {CROSS_BORDER, TREASURY} <= set(rows)
    # The calls come a page at a time: read every page.
    pages = response.context["page"].count
    html = "".join(
        client.get(URL, {"page": number}).content.decode() for number in range(1, pages + 1)
    )
    for title in (CROSS_BORDER, TREASURY):
        row = rows[title]
        # The matrix matches every row in one batch, without the search layer's text scores
        # (they would cost one query per row): compare with the same computation.
        expected = recommend_facts(
            experiments_facts([row.experiment.pk])[row.experiment.pk],
            candidate_calls(),
            today=timezone.localdate(),
            applications=applications_of([row.experiment.pk])[row.experiment.pk],
        )
        planned = {line.call.id: line.amount for line in expected.plan.lines}
        # The treasury's pending dossiers cover its need: nothing planned.
        assert bool(planned) == (title == CROSS_BORDER), title
        cells = {cell.call.id: cell for cell in row.cells}
        for call_id, amount in planned.items():
            assert cells[call_id].status == MATCH
            assert cells[call_id].amount == amount
            assert f'data-amount="{amount}"' in html
        for match in expected.matches:
            assert cells[match.call.id].status == MATCH
            assert cells[match.call.id].score == match.score
        for near in expected.near_misses:
            assert cells[near.call.id].status == NEAR
        assert row.plan.covered == expected.plan.covered
    # Every column is a match or a near miss of some row (the others are counted, not shown).
    for index, call in enumerate(matrix.calls):
        assert any(row.cells[index].status in {MATCH, NEAR} for row in matrix.rows), call.name


@pytest.mark.django_db
def test_filters_states_themes_kinds_and_all_calls(client, coordinator):
    client.force_login(coordinator)
    formalised = Experiment.objects.filter(state__in=[S.FORMALISED, S.SEEKING_FUNDING])
    response = client.get(URL, {"state": [S.FORMALISED, S.SEEKING_FUNDING]})
    assert {row.experiment.pk for row in response.context["matrix"].rows} == set(
        formalised.values_list("pk", flat=True)
    )

    treasury = Experiment.objects.get(title=TREASURY)
    theme = treasury.themes.first()
    response = client.get(URL, {"theme": theme.pk})
    rows = response.context["matrix"].rows
    assert treasury.pk in {row.experiment.pk for row in rows}
    assert all(row.experiment.themes.filter(pk=theme.pk).exists() for row in rows)

    response = client.get(URL, {"kind": ["crowdfunding_platform"]})
    calls = response.context["matrix"].calls
    assert calls and all(call.source_kind == "crowdfunding_platform" for call in calls)

    narrow = client.get(URL).context["matrix"]
    wide = client.get(URL, {"all_calls": "on"}).context["matrix"]
    assert len(wide.calls) == len(narrow.calls) + narrow.hidden_calls
    assert wide.hidden_calls == 0

    response = client.get(URL, {"state": ["nonsense"]})
    assert response.status_code == 200  # bad filters fall back to the defaults
    assert {row.experiment.pk for row in response.context["matrix"].rows} == set(
        Experiment.objects.filter(state=S.SEEKING_FUNDING).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_csv_export_never_writes_a_formula(client, coordinator):
    Experiment.objects.filter(title=CROSS_BORDER).update(title="=1+1 Queyras")
    client.force_login(coordinator)
    table = list(csv.reader(io.StringIO(client.get(URL, {"export": "csv"}).content.decode())))
    assert "'=1+1 Queyras" in [line[0] for line in table[1:]]
    assert not any(cell.startswith("=") for line in table for cell in line)


@pytest.mark.django_db
def test_csv_export(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode())))
    matrix = build_matrix(
        Experiment.objects.filter(state=S.SEEKING_FUNDING).order_by("title", "pk")
    )
    assert table[0][2:-3] == [call.name for call in matrix.calls]
    assert [line[0] for line in table[1:]] == [row.experiment.title for row in matrix.rows]
    queyras = next(line for line in table[1:] if line[0] == CROSS_BORDER)
    cross_border = Experiment.objects.get(title=CROSS_BORDER)
    plan = recommend_facts(  # the matrix's batch computation (no search-layer text scores)
        experiments_facts([cross_border.pk])[cross_border.pk],
        candidate_calls(),
        today=timezone.localdate(),
        applications=applications_of([cross_border.pk])[cross_border.pk],
    ).plan
    assert queyras[-3:] == [f"{plan.need:.2f}", f"{plan.covered:.2f}", f"{plan.gap:.2f}"]
    index = {call.id: i for i, call in enumerate(matrix.calls)}
    for line in plan.lines:
        assert queyras[2 + index[line.call.id]].endswith(f" / {line.amount:.2f}")


def _add_seeking_experiments(count: int) -> None:
    for _ in range(count):
        experiment = ExperimentFactory()
        complete_sheet(experiment, budget="30000.00")
        Experiment.objects.filter(pk=experiment.pk).update(state=S.SEEKING_FUNDING)


def _queries(client) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"all_calls": "on"})
    assert response.status_code == 200
    matrix = response.context["matrix"]
    return len(queries), len(matrix.rows), len(matrix.calls)


@pytest.mark.django_db
def test_queries_do_not_grow_with_experiments_and_calls(client, coordinator):
    client.force_login(coordinator)
    client.get(URL)  # warm the per-process caches (locales, site)
    _add_seeking_experiments(2)
    FundingCallFactory.create_batch(2)
    few, rows_few, calls_few = _queries(client)
    _add_seeking_experiments(8)
    FundingCallFactory.create_batch(15)
    many, rows_many, calls_many = _queries(client)
    assert rows_many == rows_few + 8 and calls_many == calls_few + 15
    assert many == few
