"""The funding matrix pages its calls (eight columns at a time), keeps its filters across pages,
names itself in the admin header and draws its experiments' states as coloured badges."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from funding.matching.matrix import CALLS_PER_PAGE, NONE, Matrix, page_of_calls
from tests.factories import FundingCallFactory, UserFactory

URL = "/admin/funding-matrix/"


@pytest.fixture
def coordinator_client(client, db):
    user = UserFactory(email="matrix-pages@example.org")
    user.groups.add(Group.objects.get(name=roles.COORDINATORS))
    client.force_login(user)
    return client


def _calls_of(html: str) -> list[str]:
    head = html.split("<thead>")[1].split("</thead>")[0]
    return re.findall(r'<th scope="col" data-call="(\d+)"', head)


@pytest.mark.django_db
def test_the_matrix_shows_eight_calls_a_page_and_every_call_once(coordinator_client):
    # All calls, so that there are more than a page of them whatever the demo matches.
    for _ in range(CALLS_PER_PAGE + 1):
        FundingCallFactory(closes_at=timezone.now() + datetime.timedelta(days=30))
    first = coordinator_client.get(URL, {"all_calls": "on"})
    assert first.status_code == 200
    matrix = first.context["matrix"]
    page = first.context["page"]
    total = len(matrix.calls)
    assert total > CALLS_PER_PAGE
    assert page.count == -(-total // CALLS_PER_PAGE)
    seen = []
    for number in range(1, page.count + 1):
        response = coordinator_client.get(URL, {"all_calls": "on", "page": number})
        shown = _calls_of(response.content.decode())
        assert len(shown) == min(CALLS_PER_PAGE, total - (number - 1) * CALLS_PER_PAGE)
        for row in response.context["shown"].rows:
            assert len(row.cells) == len(shown)
        seen += shown
    assert seen == [str(call.id) for call in matrix.calls]


@pytest.mark.django_db
def test_the_pager_keeps_the_filters_and_marks_the_current_page(coordinator_client):
    for _ in range(CALLS_PER_PAGE + 1):
        FundingCallFactory()
    html = coordinator_client.get(URL, {"all_calls": "on", "page": 2}).content.decode()
    nav = html.split('class="funding-matrix-pager"')[1].split("</nav>")[0]
    assert 'aria-labelledby="matrix-pager-title"' in html
    current = re.findall(r'<a href="([^"]+)" data-page="(\d+)" aria-current="page">', nav)
    assert [number for _, number in current] == ["2"]
    links = re.findall(r'href="([^"]+)"', nav)
    assert links and all("all_calls=on" in link and "page=" in link for link in links)
    # The CSV keeps the filters but not the page: it has every call.
    csv_link = re.search(r'href="([^"]+export=csv[^"]*)"', html).group(1)
    assert "page=" not in csv_link


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-3", "abc", "99999"])
def test_a_page_out_of_range_shows_the_nearest_one(coordinator_client, page):
    response = coordinator_client.get(URL, {"page": page})
    assert response.status_code == 200
    expected = 1 if page in {"0", "-3", "abc"} else response.context["page"].count
    assert response.context["page"].number == expected


def test_page_of_calls_cuts_the_columns_of_every_row():
    calls = tuple(type("Call", (), {"id": n})() for n in range(20))
    from funding.matching.matrix import Cell, Row

    row = Row(experiment=None, recommendations=None, cells=tuple(Cell(c, NONE) for c in calls))
    matrix = Matrix(calls=calls, rows=(row,))
    page = page_of_calls(matrix, 3, per_page=8)
    assert (page.number, page.count, page.first, page.last) == (3, 3, 17, 20)
    assert [c.id for c in page.matrix.calls] == [16, 17, 18, 19]
    assert [cell.call.id for cell in page.matrix.rows[0].cells] == [16, 17, 18, 19]
    empty = page_of_calls(Matrix(calls=(), rows=()), 2)
    assert (empty.number, empty.count, empty.first, empty.last) == (1, 1, 0, 0)


@pytest.mark.django_db
def test_the_header_names_the_matrix_not_the_dashboard(coordinator_client):
    html = coordinator_client.get(URL).content.decode()
    breadcrumbs = html.split('data-controller="w-breadcrumbs')[1].split("</nav>")[0]
    assert reverse("wagtailadmin_home") in breadcrumbs
    assert "Matrice" in breadcrumbs or "Funding matrix" in breadcrumbs


@pytest.mark.django_db
def test_experiment_states_are_coloured_badges(coordinator_client):
    html = coordinator_client.get(URL).content.decode()
    assert 'class="state-badge state-badge--blue" data-state="seeking_funding"' in html
