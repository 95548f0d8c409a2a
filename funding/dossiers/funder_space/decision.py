"""The decision page of the funders' space: the reviews' averages and recommendations, what is
still missing, and the decisions (accept with an amount and conditions, decline with a reason,
request changes; after a decision, the staff's new decision).

Money decisions are confirmed on a second page, without JavaScript: posting them shows the amount
in words and figures and a « Confirm the decision » button that posts the same values again with
``confirmed=1``; « Back » shows the decision page with what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import funding.dossiers.permissions as permissions
import funding.dossiers.services as dossiers
from core.translation import localize_all
from funding.dossiers.amounts import amount_in_words
from funding.dossiers.funder_space.forms import MONEY_DECISIONS, DecisionForm
from funding.dossiers.review import get_application_for

# The transitions taken from the decision page, in the order shown.
DECISIONS = ("accept", "decline", "request_changes", "revise_accept", "revise_decline")


def _infos(application, user) -> dict:
    found = {
        t.name: t
        for t in dossiers.transitions_for(application, user)
        if t.name in DECISIONS and t.possible and t.permitted
    }
    return {name: found[name] for name in DECISIONS if name in found}


def _decision_application(request, pk: int):
    application = get_application_for(request.user, pk)
    if not permissions.deciders(request.user, application):
        raise PermissionDenied
    return application


def _summarised_stage(application):
    """The stage whose reviews the decision page sums up: the current one when it has reviews,
    else the latest earlier one that has (a committee decides on the experts' reviews)."""
    current = permissions.current_stage(application)
    if current is None:
        return None
    reviewed = [
        s
        for s in sorted(application.stages.all(), key=lambda s: s.position)
        if s.position <= current.position and s.reviews.all()
    ]
    if not reviewed or reviewed[-1].position == current.position:
        return current
    return reviewed[-1]


def _page(request, application, *, status: int = 200, bound: DecisionForm | None = None):
    user = request.user
    stage = permissions.current_stage(application)
    summarised = _summarised_stage(application)
    criteria = dossiers.criteria_of(application, summarised)
    reviews = application.reviews.select_related("reviewer").prefetch_related("scores")
    if summarised is not None:
        reviews = reviews.filter(stage=summarised)
    reviews = list(reviews)
    infos = _infos(application, user)
    forms = []
    for name, info in infos.items():
        if not info.allowed:
            continue
        if bound is not None and bound.name == name:
            form = bound
        else:
            form = DecisionForm(name=name, info=info, initial={"expected_state": application.state})
        forms.append({"info": info, "form": form, "money": name in MONEY_DECISIONS})
    missing = []
    for info in infos.values():
        for item in info.missing:
            if item.message not in missing:
                missing.append(item.message)
    context = {
        "application": application,
        "call": localize_all([application.call])[0],
        "stage": stage,
        "summarised": summarised,
        "summary": dossiers.review_summary(application, criteria, reviews),
        "reviews": reviews,
        "missing": missing,
        "decision_forms": forms,
    }
    return render(request, "funding/dossiers/decision.html", context, status=status)


@login_required
def review_decision(request, pk: int):
    """The decision page (those whom the current stage allows to decide)."""
    return _page(request, _decision_application(request, pk))


@login_required
@require_POST
def review_decide(request, pk: int, name: str):
    """Take a decision; money decisions go through their confirmation page first."""
    if name not in DECISIONS:
        raise Http404
    application = _decision_application(request, pk)
    info = _infos(application, request.user).get(name)
    form = DecisionForm(request.POST, name=name, info=info)
    if info is None or not info.allowed:
        messages.error(request, _("This decision is not possible now: reload the page."))
        for item in info.missing if info else []:
            messages.error(request, item.message)
        return _page(request, application, status=409)
    if request.POST.get("back"):
        return _page(request, application, bound=form)
    if not form.is_valid():
        return _page(request, application, status=400, bound=form)
    data = form.cleaned_data
    # The stage the person saw: the workflow refuses the decision if the dossier moved on.
    expected_stage = request.POST.get("expected_stage") or None
    amount = data.get("granted_amount")
    if amount is not None and amount > application.requested_amount:
        form.add_error(
            "granted_amount", _("The granted amount cannot exceed the amount requested.")
        )
        return _page(request, application, status=400, bound=form)
    if form.needs_confirmation:
        return render(
            request,
            "funding/dossiers/decision_confirm.html",
            {
                "application": application,
                "form": form,
                "info": info,
                "amount": amount,
                "amount_words": amount_in_words(amount, get_language() or "fr"),
                "expected_stage": expected_stage or "",
            },
        )
    try:
        dossiers.run_transition(
            application,
            name,
            by=request.user,
            comment=data["comment"],
            expected_state=data["expected_state"],
            expected_stage=expected_stage,
            granted_amount=amount,
            conditions=data.get("conditions", ""),
        )
    except dossiers.WorkflowError as error:
        messages.error(request, error.message)
        for item in error.missing:
            messages.error(request, item.message)
        application = get_application_for(request.user, pk)
        return _page(request, application, status=error.status, bound=form)
    messages.success(request, _("Done: %(action)s.") % {"action": info.label})
    return redirect(reverse("funding:review_dossier", kwargs={"pk": pk}))
