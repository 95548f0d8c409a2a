"""Running a dossier's transition from a page, for both sides (the leads' `views` and the
funders' `review`): post/redirect/get whatever the outcome.

A refusal (the form incomplete, a comment missing, the dossier not complete, changed meanwhile
or in another state) redirects to the dossier's page with its reasons in the messages, rather
than answering the POST with a page: reloading that page never sends the transition again.
What the person typed (a comment, a granted amount, conditions) is kept in the session until the
page shows it again, prefilled, once. The session rather than the address: a comment may be long
and private, and addresses end up in logs and browser histories. The API answers with its
status codes (400, 403, 409) as before.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

import funding.dossiers.services as dossiers
from core.workflow import WorkflowError, declaration
from funding.dossiers.forms import TransitionForm
from funding.dossiers.models import FundingApplication

# What a refused transition keeps of what the person typed, for the page it redirects to.
TYPED_FIELDS = ("comment", "granted_amount", "conditions")


def _typed_key(application: FundingApplication) -> str:
    return f"dossier-transition-typed:{application.pk}"


def keep_typed(request, application: FundingApplication, name: str) -> None:
    """Keep what was typed in a refused transition's form until the page shows it again (in
    the session, not in the address: a comment may be long and is nobody else's business)."""
    typed = {f: request.POST.get(f, "") for f in TYPED_FIELDS if request.POST.get(f, "").strip()}
    if typed:
        request.session[_typed_key(application)] = {"name": name, **typed}


def kept_typed(request, application: FundingApplication) -> dict:
    """What a refused transition's form held (once: the next page shows it, then it is gone)."""
    return request.session.pop(_typed_key(application), {})


def run_transition_view(request, application, name, *, on_success, on_refusal):
    """Shared by both sides: validate the form, run the service, report the outcome.

    Success and refusal both redirect (post/redirect/get): the refusal's reasons go to the
    messages, what was typed to the session (`keep_typed`), so that reloading the page never
    sends the transition again. ``on_success`` and ``on_refusal`` return the redirects.
    Someone whose role does not allow the transition is refused first (403), whatever the
    form holds; the engine checks again under the row lock."""
    declared = declaration(FundingApplication, name)
    if declared is None or not declared.allows(request.user, application):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete: reload the page and try again."))
        keep_typed(request, application, name)
        return on_refusal()
    label = str(dossiers.WORKFLOW.label(name))
    try:
        dossiers.run_transition(
            application,
            name,
            by=request.user,
            comment=form.cleaned_data["comment"],
            expected_state=form.cleaned_data["expected_state"],
            expected_stage=form.cleaned_data.get("expected_stage"),
            granted_amount=form.cleaned_data.get("granted_amount"),
            conditions=form.cleaned_data.get("conditions", ""),
        )
    except WorkflowError as error:
        messages.error(request, error.message)
        for item in error.missing:
            messages.error(request, item.message)
        keep_typed(request, application, name)
        return on_refusal()
    messages.success(request, _("Done: %(action)s.") % {"action": label})
    return on_success()
