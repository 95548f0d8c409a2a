"""The decision letter: e-mailed to the lead organisation's people in their own language with
the letter as a PDF/A attached, and downloadable from the dossier's page by the experiment's
side and the funder's reviewers (funding/dossiers/letters.py)."""

import contextlib
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, translation
from pypdf import PdfReader

import funding.dossiers.services as dossiers
from accounts.models import Notification
from accounts.notifications import emails_suppressed
from funding.dossiers.amounts import amount_in_words
from funding.dossiers.letters import compose_letter, decision_letter_pdf
from tests.dossiers.helpers import under_review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("amount", "language", "words"),
    [
        ("15250.50", "fr", "quinze mille deux cent cinquante euros et cinquante centimes"),
        ("15250.50", "en", "fifteen thousand, two hundred and fifty euros and fifty cents"),
        ("15250.50", "it", "quindicimiladuecentocinquanta euro e cinquanta centesimi"),
        ("1", "fr", "un euro"),
        ("1", "it", "un euro"),
        ("1", "en", "one euro"),
        ("0.01", "fr", "zéro euro et un centime"),
        ("1000000", "fr", "un million d\u2019euros"),
        ("2000000", "it", "due milioni di euro"),
        ("80", "fr-be", "quatre-vingts euros"),
        ("80", "de", "quatre-vingts euros"),  # not a language of the platform: French
        (Decimal("10000.00"), "it", "diecimila euro"),
    ],
)
def test_amount_in_words(amount, language, words):
    assert amount_in_words(amount, language) == words


@pytest.mark.parametrize("amount", ["-1", "beaucoup"])
def test_amount_in_words_refuses_what_is_not_an_amount(amount):
    with pytest.raises((ValueError, ArithmeticError)):
        amount_in_words(amount, "fr")


def _accept(world, capture=None):
    """Accept the dossier of call A; ``capture`` (pytest-django's on-commit fixture) sends the
    e-mails that wait for the transaction's commit."""
    application = under_review(world)
    world.contributor.language = "it"
    world.contributor.save(update_fields=["language"])
    mail.outbox.clear()
    with capture(execute=True) if capture else contextlib.nullcontext():
        return dossiers.run_transition(
            application,
            "accept",
            by=world.reviewer_a,
            granted_amount="8500.50",
            conditions="Fournir le bilan à six mois.",
            comment="Projet solide.",
        )


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_an_acceptance_sends_each_person_the_letter_in_their_language(
    world, django_capture_on_commit_callbacks
):
    notifications_before = Notification.objects.count()
    application = _accept(world, django_capture_on_commit_callbacks)
    event = application.events.get(transition="accept")
    letters = {m.to[0]: m for m in mail.outbox if m.attachments}
    assert set(letters) == {world.lead.email, world.contributor.email}  # not the reviewers
    for user, words in (
        (world.lead, "huit mille cinq cents euros et cinquante centimes"),
        (world.contributor, "ottomilacinquecento euro e cinquanta centesimi"),
    ):
        message = letters[user.email]
        with translation.override(user.language):
            day = formats.date_format(event.created_at.date(), "DATE_FORMAT")
        assert words in message.body and day in message.body
        assert "Fournir le bilan à six mois." in message.body and "Financeur A" in message.body
        assert "\n" not in message.subject
        ((name, content, mimetype),) = message.attachments
        assert name.endswith(".pdf") and mimetype == "application/pdf"
        assert content.startswith(b"%PDF")
        text = _pdf_text(content)
        assert words in " ".join(text.split()) and "Cuisine partagée à Gap" in text
        catalog = PdfReader(io.BytesIO(content)).trailer["/Root"]
        assert catalog["/Lang"] == user.language and "/StructTreeRoot" in catalog
    # The in-app notifications go on as before, to the members and coordinators.
    assert Notification.objects.count() > notifications_before


@pytest.mark.parametrize(
    ("transition", "comment", "expected"),
    [
        ("decline", "Hors du périmètre du programme.", "Hors du périmètre du programme."),
        ("request_changes", "Précisez le budget.", "Précisez le budget."),
    ],
)
def test_a_refusal_or_a_change_request_sends_its_letter_with_the_reason(
    world, transition, comment, expected, django_capture_on_commit_callbacks
):
    application = under_review(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossiers.run_transition(application, transition, by=world.reviewer_a, comment=comment)
    letters = [m for m in mail.outbox if m.attachments]
    assert {m.to[0] for m in letters} == {world.lead.email, world.contributor.email}
    assert all(expected in m.body for m in letters)
    assert expected in " ".join(_pdf_text(letters[0].attachments[0][1]).split())


def test_no_letter_for_steps_that_decide_nothing_nor_when_emails_are_suppressed(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = under_review(world)  # submit and start_review: no decision
    assert mail.outbox and not [m for m in mail.outbox if m.attachments]
    with django_capture_on_commit_callbacks(execute=True), emails_suppressed():
        dossiers.run_transition(application, "decline", by=world.reviewer_a, comment="Non.")
    assert not [m for m in mail.outbox if m.attachments]


def test_the_letter_keeps_what_the_funder_typed_in_its_language(world):
    application = _accept(world)
    event = application.events.get(transition="accept")
    with translation.override("en"):
        letter = compose_letter(application, event)
    conditions = next(p for p in letter.paragraphs if "bilan" in p.text)
    assert conditions.quote and conditions.lang == "fr"  # the reviewer writes in French
    assert letter.granted_amount == Decimal("8500.50")
    assert letter.amount_words == "eight thousand, five hundred euros and fifty cents"
    pdf = decision_letter_pdf(application, event, "en")
    xmp = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp


def _letter_url(application, event) -> str:
    return reverse(
        "funding:dossier_letter",
        kwargs={
            "pk": application.experiment_id,
            "dossier_pk": application.pk,
            "event_pk": event.pk,
        },
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("lead", 200),
        ("contributor", 200),
        ("coordinator", 200),
        ("reviewer_a", 200),
        ("reviewer_b", 404),
        ("other", 404),
        ("anonymous", 302),
    ],
)
def test_who_reads_the_letter(client, world, role, status):
    application = _accept(world)
    event = application.events.get(transition="accept")
    if role != "anonymous":
        client.force_login(world.user(role))
    response = client.get(_letter_url(application, event))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert "private" in response["Cache-Control"]


def test_only_decisions_have_letters(client, world):
    application = _accept(world)
    client.force_login(world.lead)
    submit = application.events.get(transition="submit")
    assert client.get(_letter_url(application, submit)).status_code == 404
    other = under_review(world, world.call_b)
    accept = application.events.get(transition="accept")
    url = _letter_url(other, accept)  # a decision, but of another dossier
    assert client.get(url).status_code == 404


def test_the_dossier_page_links_each_letter(client, world):
    application = _accept(world)
    event = application.events.get(transition="accept")
    client.force_login(world.lead)
    url = reverse(
        "funding:dossier", kwargs={"pk": application.experiment_id, "dossier_pk": application.pk}
    )
    page = client.get(url).content.decode()
    assert f'href="{_letter_url(application, event)}"' in page
    assert 'aria-labelledby="letters-title"' in page
