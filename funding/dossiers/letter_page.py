"""The decision letter of a dossier, to download (the e-mail carried the same letter)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

import funding.dossiers.letters as letters
import funding.dossiers.permissions as permissions
from core.pdf import PdfUnavailable
from funding.dossiers.models import FundingApplication


@login_required
def dossier_letter(request, pk: int, dossier_pk: int, event_pk: int):
    """The letter of one decision as a PDF in the reader's language: the experiment's side and
    the funder's reviewers read it; 404 for anyone else and for any other event."""
    application = (
        FundingApplication.objects.with_context().filter(pk=dossier_pk, experiment_id=pk).first()
    )
    if application is None or not permissions.can_read_decision_letter(request.user, application):
        raise Http404
    event = (
        application.events.select_related("actor")
        .filter(pk=event_pk, transition__in=letters.DECISIONS)
        .first()
    )
    if event is None:
        raise Http404
    try:
        pdf = letters.decision_letter_pdf(application, event, translation.get_language())
    except PdfUnavailable:
        response = HttpResponse(
            _("The letter cannot be made as a PDF right now. Please try again later."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "3600"
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = letters.letter_filename(application, event)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
