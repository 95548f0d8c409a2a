"""Browser: an idea becomes a formalised, public experiment.

The lead signs in and proposes an idea; the coordinator accepts it in the admin; the lead
completes the formalisation sheet, partners and budget, and formalises it; the public page
appears.
"""

import re

import pytest

from projects.experiments.models import Experiment
from tests.browser.fixtures import sign_in
from tests.conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Une salle de réunion partagée à Embrun"
DESCRIPTION = (
    "Trois associations d'Embrun louent chacune une salle de réunion quelques heures par semaine. "
    "Elles veulent partager une salle équipée, avec un planning commun et une convention de mise "
    "à disposition qui répartit les frais selon l'usage. L'expérimentation dure un an et mesure "
    "les économies réalisées et les nouvelles activités rendues possibles."
)


def test_an_idea_becomes_a_public_formalised_experiment(chromium, live_server):
    lead_context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    lead = lead_context.new_page()
    sign_in(lead, "porteur@example.org", DEMO_PASSWORD)

    # The public "propose a cooperation" page sends a signed-in member to the form.
    lead.goto("/fr/proposer-une-cooperation/")
    lead.get_by_label("Titre de l'idée").fill(TITLE)
    lead.get_by_label("En quelques phrases").fill("Partager une salle équipée entre associations.")
    lead.get_by_label("Structure cheffe de file (la vôtre)").select_option(label="Fab'Alpes")
    lead.get_by_role("button", name="Envoyer l'idée").click()
    lead.wait_for_load_state()
    assert lead.locator("h1").inner_text() == TITLE
    assert "Idée" in lead.locator(".experiment-header__meta").inner_text()
    experiment = Experiment.objects.get(title=TITLE)

    # The coordinator accepts the idea in the Wagtail admin.
    coordinator_context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    coordinator = coordinator_context.new_page()
    coordinator.goto("/admin/login/")
    coordinator.fill("input[name=username]", "coordination@example.org")
    coordinator.fill("input[name=password]", DEMO_PASSWORD)
    coordinator.locator("form button[type=submit]").first.click()
    coordinator.wait_for_load_state()
    coordinator.goto("/admin/experiments/")
    coordinator.get_by_role("link", name=TITLE).first.click()
    coordinator.wait_for_load_state()
    coordinator.locator("a[href*='/transition/accept_idea/']").first.click()
    coordinator.wait_for_load_state()
    coordinator.locator("main form button[type=submit]").click()
    coordinator.wait_for_load_state()
    experiment.refresh_from_db()
    assert experiment.state == Experiment.State.FORMALISATION

    # The lead completes the sheet, part by part.
    lead.goto(f"/fr/mon-espace/experimentations/{experiment.pk}/fiche/general/")
    lead.get_by_label("Description").fill(DESCRIPTION)
    lead.get_by_label("Locaux et matériels").check()
    # Territories: the searchable picker, typed into and clicked.
    lead.get_by_role("combobox", name="Territoires").click()
    lead.keyboard.type("Embrun")
    lead.locator(".ts-dropdown").get_by_text("Embrun", exact=True).first.click()
    lead.keyboard.press("Escape")
    chosen = lead.locator("#id_territories option:checked").all_inner_texts()
    assert [text.split(" \N{EM DASH} ")[0] for text in chosen] == ["Embrun"], chosen
    lead.get_by_label("Résumé public").check()
    lead.get_by_role("button", name="Enregistrer et continuer").click()
    lead.wait_for_load_state()
    lead.get_by_label("Objectifs").fill("Réduire les frais de location de 30 %.")
    lead.get_by_role("button", name="Enregistrer", exact=True).click()
    lead.wait_for_load_state()
    lead.goto(f"/fr/mon-espace/experimentations/{experiment.pk}/fiche/schedule/")
    lead.get_by_label("Date de début").fill("2027-03-01")
    lead.get_by_role("button", name="Enregistrer", exact=True).click()
    lead.wait_for_load_state()

    lead.goto(f"/fr/mon-espace/experimentations/{experiment.pk}/partenaires/")
    lead.locator("select[name='partners-0-organisation']").select_option(label="Le Gabion")
    lead.locator("input[name='partners-0-role']").fill("co-utilisateur")
    lead.get_by_role("button", name="Enregistrer les partenaires").click()
    lead.wait_for_load_state()

    lead.goto(f"/fr/mon-espace/experimentations/{experiment.pk}/budget/")
    lead.locator("input[name='lines-0-label']").fill("Équipement de la salle")
    lead.locator("select[name='lines-0-nature']").select_option("investment")
    lead.locator("input[name='lines-0-amount']").fill("4500")
    # The totals follow the typing (progressive enhancement).
    lead.locator("input[name='lines-0-amount']").dispatch_event("input")
    assert re.search(r"4\s?500,00", lead.locator("[data-total='total']").inner_text())
    # "Add a budget line" appends a row at once (no reload) and takes the focus there.
    rows = int(lead.locator("input[name='lines-TOTAL_FORMS']").input_value())
    lead.locator("[data-formset-add='lines']").click()
    added = lead.locator(f"input[name='lines-{rows}-label']")
    assert added.evaluate("element => element === document.activeElement")
    assert lead.locator("input[name='lines-TOTAL_FORMS']").input_value() == str(rows + 1)
    assert (
        lead.locator(f"label[for='id_lines-{rows}-label']").text_content().endswith(f"{rows + 1})")
    )
    added.fill("Animation des ateliers")
    lead.locator(f"input[name='lines-{rows}-amount']").fill("1200")
    lead.locator(f"input[name='lines-{rows}-amount']").dispatch_event("input")
    assert re.search(r"5\s?700,00", lead.locator("[data-total='total']").inner_text())
    lead.get_by_role("button", name="Enregistrer le budget").click()
    lead.wait_for_load_state()
    assert set(experiment.budget_lines.values_list("label", flat=True)) >= {
        "Équipement de la salle",
        "Animation des ateliers",
    }

    # Nothing is missing any more: the lead formalises.
    lead.goto(f"/fr/mon-espace/experimentations/{experiment.pk}/")
    assert lead.locator(".checklist").count() == 0
    lead.get_by_role("link", name="Déclarer la fiche complète").click()
    lead.wait_for_load_state()
    lead.get_by_role("button", name="Confirmer").click()
    lead.wait_for_load_state()
    experiment.refresh_from_db()
    assert experiment.state == Experiment.State.FORMALISED

    # The public page appears, for anyone.
    visitor = chromium.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    visitor.goto(f"/fr/experimentations/{experiment.slug}/")
    assert visitor.locator("h1").inner_text() == TITLE
    visitor.goto("/fr/experimentations/")
    assert visitor.get_by_role("link", name=TITLE).count() == 1
    for context in (lead_context, coordinator_context, visitor.context):
        context.close()
