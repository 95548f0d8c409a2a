"""The decision letter: what the lead organisation's people receive when a funder decides on a
dossier (accepted, declined, changes requested).

Each person gets an e-mail in their own language with the letter's text and the letter attached
as a tagged PDF/A; the dossier's page offers the same letter to download, in the reader's
language (`letter_page.dossier_letter`). The letter is written from the dossier and the
decision's audit record (`ApplicationEvent`), both frozen once the decision is taken, so the
letter read later says what the e-mail said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.notifications import emails_are_suppressed
from core.mail import subject_line
from core.pdf import PdfUnavailable, archival_pdf
from funding.dossiers.amounts import amount_in_words
from funding.dossiers.models import ApplicationEvent, FundingApplication
from funding.dossiers.services.people import experiment_people, lead_url

# The transitions that decide something and come with a letter.
DECISIONS = frozenset({"accept", "decline", "request_changes", "revise_accept", "revise_decline"})
# A new decision replacing an earlier one reads as the decision it is.
KINDS = {"revise_accept": "accept", "revise_decline": "decline"}


# ---------------------------------------------------------------------- the letter
@dataclass(frozen=True)
class Paragraph:
    text: str
    lang: str = ""  # what a person typed keeps its language
    quote: bool = False


@dataclass(frozen=True)
class Letter:
    """A decision letter, written in the active language."""

    language: str
    subject: str
    funder: str
    organisation: str
    call: str
    experiment: str
    decision: str
    date: date
    paragraphs: tuple[Paragraph, ...]
    granted_amount: Decimal | None = None
    amount_words: str = ""


def compose_letter(application: FundingApplication, event: ApplicationEvent) -> Letter:
    """The letter of the decision ``event`` on ``application``, in the active language."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    names = {
        "funder": application.call.source.funder.name,
        "organisation": application.experiment.lead_organisation.name,
        "call": application.call.name,
        "experiment": application.experiment.title,
    }
    # What the funder's reviewer typed is in their language, as far as the platform knows.
    typed_in = getattr(event.actor, "language", "") or settings.LANGUAGE_CODE
    typed_lang = typed_in if typed_in != language else ""
    decision = str(FundingApplication.State(event.to_state).label)
    paragraphs = [Paragraph(_("Dear Madam or Sir,"))]
    granted, words = None, ""
    kind = KINDS.get(event.transition, event.transition)
    if event.transition in KINDS:
        paragraphs.append(
            Paragraph(_("This decision replaces the funder's earlier decision on this dossier."))
        )
    if kind == "accept":
        # The amount decided then (a later decision may have changed the dossier's).
        granted = event.granted_amount
        if granted is None:
            granted = application.granted_amount or Decimal("0")
        words = amount_in_words(granted, language)
        paragraphs.append(
            Paragraph(
                _(
                    "We are pleased to inform you that %(funder)s has accepted the dossier "
                    "“%(experiment)s” that %(organisation)s sent in answer to the call "
                    "“%(call)s”."
                )
                % names
            )
        )
        paragraphs.append(
            Paragraph(
                _("The amount granted is %(amount)s € (%(words)s).")
                % {"amount": _format_amount(granted), "words": words}
            )
        )
        if application.conditions and event.pk == _latest_decision_pk(application):
            paragraphs.append(Paragraph(_("This grant comes with the following conditions:")))
            paragraphs.append(Paragraph(application.conditions, typed_lang, quote=True))
    elif kind == "decline":
        paragraphs.append(
            Paragraph(
                _(
                    "We regret to inform you that %(funder)s has not accepted the dossier "
                    "“%(experiment)s” that %(organisation)s sent in answer to the call "
                    "“%(call)s”."
                )
                % names
            )
        )
        paragraphs.append(Paragraph(_("The reason for this decision:")))
    else:
        paragraphs.append(
            Paragraph(
                _(
                    "%(funder)s has examined the dossier “%(experiment)s” that %(organisation)s "
                    "sent in answer to the call “%(call)s”, and asks for changes before "
                    "deciding."
                )
                % names
            )
        )
        paragraphs.append(Paragraph(_("The changes requested:")))
    if event.comment:
        if kind == "accept":
            paragraphs.append(Paragraph(_("The funder's comment:")))
        paragraphs.append(Paragraph(event.comment, typed_lang, quote=True))
    if event.transition == "request_changes":
        paragraphs.append(
            Paragraph(_("Change the dossier, then send it again from its page on the platform."))
        )
    paragraphs.append(Paragraph(_("Yours faithfully,")))
    return Letter(
        language=language,
        subject=_("Decision on the dossier “%(experiment)s”: %(decision)s")
        % {"experiment": names["experiment"], "decision": decision},
        decision=decision,
        date=timezone.localdate(event.created_at),
        paragraphs=tuple(paragraphs),
        granted_amount=granted,
        amount_words=words,
        **names,
    )


def _latest_decision_pk(application: FundingApplication) -> int | None:
    """The conditions kept on the dossier are those of its latest decision only."""
    latest = application.events.filter(transition__in=DECISIONS).order_by("-pk").first()
    return latest.pk if latest else None


def _format_amount(amount: Decimal) -> str:
    return number_format(amount, 2, force_grouping=True)


def letter_filename(application: FundingApplication, event: ApplicationEvent) -> str:
    return f"decision-{application.pk}-{event.pk}-{slugify(event.transition)}.pdf"


def decision_letter_pdf(
    application: FundingApplication, event: ApplicationEvent, language: str
) -> bytes:
    """The letter as a tagged PDF/A in ``language``. Raises `PdfUnavailable` when PDFs
    cannot be made on this machine."""
    with translation.override(language):
        letter = compose_letter(application, event)
        html = render_to_string("funding/decision_letter_pdf.html", {"letter": letter})
    return archival_pdf(html)


# ---------------------------------------------------------------------- sending
def send_decision_letter(application: FundingApplication, event: ApplicationEvent) -> None:
    """After a decision, once the transaction commits: the letter to the lead organisation's
    people (the in-app notification is sent apart, as for every transition)."""
    if event is None or event.transition not in DECISIONS or emails_are_suppressed():
        return
    application_id, event_id = application.pk, event.pk
    transaction.on_commit(lambda: send_decision_letters.enqueue(application_id, event_id))


@task()
def send_decision_letters(application_id: int, event_id: int) -> int:
    """E-mail the letter to each person in their language, the PDF attached; returns how many
    were sent."""
    application = FundingApplication.objects.with_context().get(pk=application_id)
    event = ApplicationEvent.objects.select_related("actor").get(
        pk=event_id, application=application
    )
    pdfs: dict[str, bytes | None] = {}
    sent = 0
    for user in experiment_people(application, coordinators=False):
        language = user.language or settings.LANGUAGE_CODE
        if language not in pdfs:
            try:
                pdfs[language] = decision_letter_pdf(application, event, language)
            except PdfUnavailable:
                pdfs[language] = None  # the e-mail still carries the letter's text
        with translation.override(language):
            letter = compose_letter(application, event)
            body = render_to_string(
                "funding/email/decision_letter.txt",
                {
                    "user": user,
                    "letter": letter,
                    "url": settings.SITE_URL.rstrip("/") + lead_url(application),
                    "attached": pdfs[language] is not None,
                },
            )
            message = EmailMessage(subject=subject_line(letter.subject), body=body, to=[user.email])
            if pdfs[language] is not None:
                message.attach(
                    letter_filename(application, event), pdfs[language], "application/pdf"
                )
            message.send()
        sent += 1
    return sent
