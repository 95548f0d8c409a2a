"""Browser, keyboard only: an idea becomes a formalised experiment without a mouse.

The same journey as test_experiment_journey.py, but every action is a key press (Tab, Enter,
Space, arrows) or typing: the lead signs in, proposes an idea, a coordinator accepts it from the
experiment's space, the lead fills what formalisation requires and formalises. At every stop of
the Tab key the focused element must be visible and show a focus indicator.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from projects.experiments.models import Experiment
from tests.conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Un fournil partagé à Veynes"
DESCRIPTION = (
    "Deux associations et une épicerie solidaire de Veynes cuisent chacune du pain quelques "
    "jours par mois dans des fours trop petits. Elles veulent partager un fournil équipé, avec "
    "un planning commun, une formation à l'hygiène et une convention qui répartit les frais "
    "selon l'usage. L'expérimentation dure un an et mesure les économies et les emplois créés."
)
MAX_TABS = 150

# True when the focused element is on screen and drawn with a focus indicator (an outline or a
# box shadow), as the site's :focus-visible rule does.
FOCUS_IS_VISIBLE = """() => {
    let el = document.activeElement;
    // Into shadow roots (Wagtail's user bar is a custom element).
    while (el && el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; }
    if (!el || el === document.body) { return "nothing has the focus"; }
    const box = el.getBoundingClientRect();
    // A searchable select draws the focus ring on its whole control, around the search box.
    const style = getComputedStyle(el.closest(".ts-wrapper.focus .ts-control") || el);
    const label = el.outerHTML.slice(0, 120);
    if (box.width < 2 || box.height < 2 || style.visibility === "hidden") {
        return "focused element not visible: " + label;
    }
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    if (!outline && style.boxShadow === "none") {
        return "no focus indicator on: " + label;
    }
    return "";
}"""


def _url(name: str, *args) -> str:
    with translation.override("fr"):
        return reverse(name, args=args)


def _focus(tab, locator) -> None:
    """Press Tab until ``locator`` has the focus, checking the focus indicator at each stop."""
    target = locator.element_handle()
    if tab.evaluate("el => el === document.activeElement", target):  # autofocus
        return
    for _ in range(MAX_TABS):
        tab.keyboard.press("Tab")
        problem = tab.evaluate(FOCUS_IS_VISIBLE)
        assert not problem, problem
        if tab.evaluate("el => el === document.activeElement", target):
            return
    raise AssertionError(f"{locator} never got the focus after {MAX_TABS} presses of Tab")


def _type(tab, locator, text: str) -> None:
    _focus(tab, locator)
    tab.keyboard.type(text)


def _choose(tab, locator, label: str) -> None:
    """Select an option of a focused <select> with the arrow keys."""
    _focus(tab, locator)
    options = locator.evaluate("el => Array.from(el.options).map(o => o.text.trim())")
    assert label in options, f"{label!r} is not among {options}"
    # Home, then ArrowDown: the same keys select in single and multiple lists.
    tab.keyboard.press("Home")
    for _ in range(options.index(label)):
        tab.keyboard.press("ArrowDown")
    selected = locator.evaluate("el => Array.from(el.selectedOptions).map(o => o.text.trim())")
    assert selected == [label], selected


def _pick(tab, select: str, name: str) -> None:
    """Choose a place in a territory picker (a searchable select) by typing its name."""
    _focus(tab, tab.locator(f"{select}-ts-control"))
    tab.keyboard.type(name)
    active = tab.locator(".ts-dropdown .option.active .searchable-option__name")
    expect(active).to_have_text(name)
    tab.keyboard.press("Enter")
    tab.keyboard.press("Escape")
    chosen = tab.locator(f"{select} option:checked").all_inner_texts()
    assert [text.split(" \N{EM DASH} ")[0].strip() for text in chosen] == [name], chosen


def _press(tab, locator, key: str = "Enter") -> None:
    """Focus a button, link or checkbox with Tab, then activate it from the keyboard."""
    _focus(tab, locator)
    if key == "Enter":
        with tab.expect_navigation():
            tab.keyboard.press(key)
    else:
        tab.keyboard.press(key)


def _start(tab, path: str) -> None:
    """Open a page; the focus starts at the top of the document, as after typing an address."""
    tab.goto(path)
    tab.wait_for_load_state()


def _sign_in(tab, email: str) -> None:
    _start(tab, _url("accounts:login"))
    _type(tab, tab.locator("main input[name=username]"), email)
    _type(tab, tab.locator("main input[name=password]"), DEMO_PASSWORD)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.locator(".account-nav button[type=submit]").count() == 1  # signed in


def test_keyboard_only_idea_to_formalised(chromium, live_server):
    lead_context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    lead_context.set_default_timeout(15_000)
    lead = lead_context.new_page()
    _sign_in(lead, "porteur@example.org")

    # The lead proposes the idea.
    _start(lead, _url("projects:propose"))
    _type(lead, lead.locator("#id_title"), TITLE)
    _type(lead, lead.locator("#id_summary"), "Partager un fournil équipé entre associations.")
    _choose(lead, lead.locator("#id_lead_organisation"), "Fab'Alpes")
    _press(lead, lead.locator("main form button[type=submit]"))
    assert lead.locator("h1").inner_text() == TITLE
    experiment = Experiment.objects.get(title=TITLE)
    assert experiment.state == Experiment.State.IDEA

    # A coordinator accepts it from the experiment's space, by keyboard too.
    coordinator_context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    coordinator_context.set_default_timeout(15_000)
    coordinator = coordinator_context.new_page()
    _sign_in(coordinator, "coordination@example.org")
    _start(coordinator, _url("projects:experiment", experiment.pk))
    accept = _url("projects:transition", experiment.pk, "accept_idea")
    _press(coordinator, coordinator.locator(f"main a[href='{accept}']"))
    _press(coordinator, coordinator.locator("main form button[type=submit]"))
    experiment.refresh_from_db()
    assert experiment.state == Experiment.State.FORMALISATION

    # The lead fills the sheet, part by part.
    _start(lead, _url("projects:sheet", experiment.pk, "general"))
    _type(lead, lead.locator("#id_description"), DESCRIPTION)
    _press(lead, lead.locator("input[name=themes]").first, "Space")
    assert lead.locator("input[name=themes]").first.is_checked()
    _pick(lead, "#id_territories", "Veynes")
    _press(lead, lead.locator("#id_is_public"), "Space")
    assert lead.locator("#id_is_public").is_checked()
    _press(lead, lead.locator("button[name=save_next]"))
    assert lead.url.endswith(_url("projects:sheet", experiment.pk, "objectives"))
    _type(lead, lead.locator("#id_objectives"), "Réduire de moitié le coût de la cuisson.")
    _press(lead, lead.locator("button[name=save]"))

    _start(lead, _url("projects:sheet", experiment.pk, "schedule"))
    _focus(lead, lead.locator("#id_start_date"))
    # Day and month alike: the same keys whether the browser's order is day/month or month/day.
    lead.keyboard.type("03032027")
    assert lead.locator("#id_start_date").input_value() == "2027-03-03"
    _press(lead, lead.locator("button[name=save]"))

    _start(lead, _url("projects:partners", experiment.pk))
    _choose(lead, lead.locator("select[name='partners-0-organisation']"), "Le Gabion")
    _type(lead, lead.locator("input[name='partners-0-role']"), "co-utilisateur")
    _press(lead, lead.locator("main form:has([name='partners-0-role']) button[type=submit]"))

    _start(lead, _url("projects:budget", experiment.pk))
    _type(lead, lead.locator("input[name='lines-0-label']"), "Four et pétrin")
    _choose(lead, lead.locator("select[name='lines-0-nature']"), _nature_label(lead))
    _type(lead, lead.locator("input[name='lines-0-amount']"), "6200")
    _press(lead, lead.locator("main form:has([name='lines-0-label']) button[type=submit]"))

    experiment.refresh_from_db()
    assert experiment.formalisation_gaps() == []

    # Nothing is missing: the lead formalises.
    _start(lead, _url("projects:experiment", experiment.pk))
    formalise = _url("projects:transition", experiment.pk, "formalise")
    _press(lead, lead.locator(f"main a[href='{formalise}']"))
    _press(lead, lead.locator("main form button[type=submit]"))
    experiment.refresh_from_db()
    assert experiment.state == Experiment.State.FORMALISED
    assert lead.url.endswith(_url("projects:experiment", experiment.pk))

    for context in (lead_context, coordinator_context):
        context.close()


def _nature_label(tab) -> str:
    """The label of the investment option, whatever the interface language says."""
    return tab.locator("select[name='lines-0-nature'] option[value=investment]").inner_text()
