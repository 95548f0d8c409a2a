"""Browser: a member posts a request on the sharing board; another member whose offer fits is
told, replies, and turns the conversation into a cooperation idea.

Elements are found by their names and addresses rather than their wording, which translators
change.
"""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification, User
from projects.experiments.models import Experiment
from projects.network.models import Organisation, Territory
from projects.sharing.models import Conversation, SharingPost
from tests.browser.fixtures import sign_in
from tests.conftest import DEMO_PASSWORD
from tests.factories import sharing_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OFFER = "Remorque de 750 kg à prêter à Embrun"
REQUEST = "Une remorque pour déménager notre atelier"


def url(view: str, **kwargs) -> str:
    with translation.override("fr"):
        return reverse(f"projects:{view}", kwargs=kwargs or None)


def test_a_request_meets_an_offer_and_becomes_an_idea(chromium, live_server):
    # Julien Roux (porteur@) offers, for GSA 05, a trailer around Embrun.
    porteur = User.objects.get(email="porteur@example.org")
    gsa = Organisation.objects.canonical().get(name="GSA 05")
    offer = sharing_post(
        porteur,
        gsa,
        title=OFFER,
        category=SharingPost.Category.EQUIPMENT,
        territory="embrun",
        description="Remorque bâchée, attelage standard, à retirer à Embrun.",
    )
    mail.outbox.clear()

    # Élodie Garcin (partenaire@) posts a request for Serres Lez'Arts, on the whole EPCI.
    member_context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    member = member_context.new_page()
    sign_in(member, "partenaire@example.org", DEMO_PASSWORD)
    member.goto(url("sharing_board"))
    member.locator(f"main a[href='{url('sharing_new')}']").first.click()
    member.wait_for_url(f"**{url('sharing_new')}")
    member.locator("input[name=kind][value=request]").check()
    member.locator("select[name=category]").select_option("equipment")
    member.locator("input[name=title]").fill(REQUEST)
    member.locator("textarea[name=description]").fill(
        "Nous déménageons notre atelier de Serres à Embrun et cherchons une remorque."
    )
    epci = Territory.objects.get(slug="cc-serre-poncon")
    member.locator("select[name=territory]").select_option(str(epci.pk))
    member.locator("button[name=action][value=publish]").click()
    member.wait_for_load_state()
    request_ = SharingPost.objects.get(title=REQUEST)
    assert member.url.endswith(url("sharing_post", pk=request_.pk))
    assert member.locator("h1").inner_text() == REQUEST
    assert request_.state == SharingPost.State.PUBLISHED
    # Her own post page lists the offer that fits.
    assert member.locator(f"a[href='{url('sharing_post', pk=offer.pk)}']").count() == 1

    # Julien is told, in the platform and by e-mail, with a link to her request.
    notification = Notification.objects.get(
        recipient=porteur, url=url("sharing_post", pk=request_.pk)
    )
    assert any(m.to == ["porteur@example.org"] for m in mail.outbox)
    lead_context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    lead = lead_context.new_page()
    sign_in(lead, "porteur@example.org", DEMO_PASSWORD)
    lead.goto(url("notifications"))
    lead.locator(f"a[href='{url('open_notification', pk=notification.pk)}']").click()
    lead.wait_for_url(f"**{url('sharing_post', pk=request_.pk)}")
    assert lead.locator("h1").inner_text() == REQUEST

    # He replies on behalf of GSA 05 (he acts for two organisations).
    lead.locator("select[name=organisation]").select_option(label="GSA 05")
    lead.locator("textarea[name=body]").fill("Bonjour, notre remorque est libre : quand ?")
    lead.locator(f"form[action='{url('sharing_reply', pk=request_.pk)}'] button").click()
    lead.wait_for_load_state()
    conversation = Conversation.objects.get(post=request_)
    assert lead.url.endswith(url("conversation", pk=conversation.pk))
    assert "notre remorque est libre" in lead.locator(".conversation").inner_text()

    # Élodie sees an unread conversation in the header, and reads it.
    member.goto(url("sharing_board"))
    assert member.locator(".badge--header").inner_text().startswith("1")
    member.goto(url("conversation", pk=conversation.pk))
    assert "notre remorque est libre" in member.locator(".conversation").inner_text()
    member.reload()
    assert member.locator(".badge--header").count() == 0

    # Julien turns the conversation into a cooperation idea, pre-filled from the posts.
    lead.locator(f"a[href='{url('conversation_idea', pk=conversation.pk)}']").click()
    lead.wait_for_url(f"**{url('conversation_idea', pk=conversation.pk)}")
    assert REQUEST in lead.locator("input[name=title]").input_value()
    assert OFFER in lead.locator("textarea[name=description]").input_value()
    lead.locator("main form button[type=submit]").click()
    lead.wait_for_load_state()
    experiment = Experiment.objects.get(sharing_conversations=conversation)
    assert lead.url.endswith(url("experiment", pk=experiment.pk))
    assert experiment.state == Experiment.State.IDEA
    assert experiment.lead_organisation == gsa
    assert [p.organisation.name for p in experiment.partner_links.all()] == ["Serres Lez'Arts"]
    assert lead.locator("h1").inner_text() == experiment.title

    for context in (member_context, lead_context):
        context.close()
