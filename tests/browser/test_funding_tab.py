"""Browser: a lead opens the funding tab of a demo experiment seeking funding and reads a plan
that covers its budget: the coverage bar, its legend and the table of applications."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from funding.matching.recommendations import recommend
from projects.experiments.models import Experiment
from tests.browser.fixtures import sign_in
from tests.conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"


def test_a_lead_sees_a_plan_covering_the_budget(browser_page):
    experiment = Experiment.objects.get(title=CROSS_BORDER)
    plan = recommend(experiment).plan
    assert plan.lines and plan.gap == 0
    with translation.override("fr"):
        tab_label = gettext("Funding")
        my_space = reverse("projects:space")

    tab = browser_page
    sign_in(tab, "porteur@example.org", DEMO_PASSWORD)
    tab.goto(my_space)
    tab.get_by_role("link", name=CROSS_BORDER).first.click()
    tab.wait_for_load_state()
    tab.locator("nav.tabs").get_by_role("link", name=tab_label, exact=True).click()
    tab.wait_for_load_state()
    assert tab.url.endswith(reverse("funding:experiment_funding", kwargs={"pk": experiment.pk}))

    # The stacked bar, readable as text in its legend.
    assert tab.locator("svg.coverage__bar").is_visible()
    legend = tab.locator(".coverage__legend li")
    assert legend.count() >= len(plan.lines)
    # One row per application, in deadline order, and nothing left to find.
    rows = tab.locator(".funding-plan table tbody tr")
    assert rows.count() == len(plan.lines)
    for index, line in enumerate(plan.lines):
        assert line.call.name in rows.nth(index).locator("th").inner_text()
    gap_row = tab.locator(".funding-plan table tfoot tr").nth(1)
    assert gap_row.locator("td").nth(1).inner_text().strip().startswith("0")
    assert not tab.locator(".coverage__segment--gap").count()
