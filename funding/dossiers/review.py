"""The funders' space: the inbox of the dossiers sent to a funder's calls and each dossier's
review page (stages, assignments, versions and their differences, documents, PDF, ZIP, reviews,
internal notes, messages, the actions of the current stage). The decision page is
`funder_space.decision`, the people of the review `funder_space.people`.

Only reviewers of the funder of a dossier's call reach it, and only once it was submitted: for
anyone else every address here answers 404, so that nobody learns a dossier exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import funding.dossiers.permissions as permissions
import funding.dossiers.reading as reading
import funding.dossiers.services as dossiers
import funding.dossiers.snapshots as snapshots
from core.documents import download_response
from core.translation import localize_all
from funding.catalogue.models import FundingCall
from funding.dossiers.forms import MessageForm, NoteForm, ReviewForm
from funding.dossiers.funder_space import page as review_page
from funding.dossiers.funder_space.forms import (
    AssignForm,
    ConflictForm,
    FunderInboxForm,
)
from funding.dossiers.models import ApplicationVersion, FundingApplication, ReviewAssignment
from funding.dossiers.transitions import kept_typed, run_transition_view
from funding.dossiers.views import save_campaign_view

State = FundingApplication.State
INBOX_SIZE = 100


def _funders_of(user) -> frozenset[int]:
    ids = permissions.funder_ids(user)
    if not ids:
        raise Http404
    return ids


def funder_side(user):
    """The dossiers ``user`` sees on the funder's side (their role's), with what pages read."""
    _funders_of(user)
    return (
        FundingApplication.objects.filter(permissions.funder_side_filter(user))
        .with_context()
        .select_related("stage")
        .prefetch_related(
            "call__criteria",
            "stages__reviews",
            Prefetch("assignments", queryset=ReviewAssignment.objects.select_related("reviewer")),
        )
    )


def get_application_for(user, pk: int) -> FundingApplication:
    """The dossier if ``user`` sees it on its funder's side; 404 otherwise."""
    application = funder_side(user).filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


@login_required
def inbox(request):
    """The dossiers sent to the reviewer's funders, filtered by state, call and closing date."""
    visible = funder_side(request.user)
    calls = list(
        FundingCall.objects.filter(applications__in=visible.values("pk"))
        .distinct()
        .order_by("name")
    )
    calls = localize_all(calls)
    form = FunderInboxForm(request.GET or None, calls=calls, user=request.user)
    applications = form.filter(
        visible.prefetch_related("stages__reviews__scores").order_by("-submitted_at", "-pk")
    )[:INBOX_SIZE]
    applications = list(applications)
    names = {c.pk: c.name for c in calls}
    rows = [
        {
            "application": a,
            "call_name": names.get(a.call_id, a.call.name),
            **review_page.inbox_facts(request.user, a),
        }
        for a in applications
    ]
    return render(
        request,
        "funding/dossiers/inbox.html",
        {
            "form": form,
            "rows": rows,
            "is_filtered": bool(request.GET),
            "action": reverse("funding:review_inbox"),
        },
        status=200 if not form.errors else 400,
    )


def _version_param(request, versions: list[ApplicationVersion], name: str, default):
    value = request.GET.get(name, "")
    if not value:
        return default
    if not value.isdigit():
        raise Http404
    found = next((v for v in versions if v.number == int(value)), None)
    if found is None:
        raise Http404
    return found


def _reading(application: FundingApplication, version: ApplicationVersion | None):
    """The shown version as the reviewer reads it, each document with its download address."""
    if version is None:
        return None
    files = {(d.label, d.original_name): d.pk for d in version.documents.all()}

    def document_url(document: dict) -> str | None:
        pk = files.get((document.get("label"), document.get("name")))
        if pk is None:
            return None
        return reverse(
            "funding:review_document",
            kwargs={"pk": application.pk, "number": version.number, "document_pk": pk},
        )

    return reading.read(version.snapshot, document_url=document_url)


def _detail(request, application: FundingApplication, *, status: int = 200, **forms):
    user = request.user
    versions = list(application.versions.prefetch_related("documents").order_by("number"))
    shown = _version_param(request, versions, "version", versions[-1] if versions else None)
    earlier = [v for v in versions if shown and v.number < shown.number]
    compare = _version_param(request, versions, "compare", earlier[-1] if earlier else None)
    changes = snapshots.diff(compare.snapshot, shown.snapshot) if compare and shown else []
    stage = permissions.current_stage(application)
    criteria = dossiers.criteria_of(application, stage)
    reviews = list(
        application.reviews.filter(stage=stage)
        .select_related("reviewer")
        .prefetch_related("scores")
    )
    mine = next((r for r in reviews if r.reviewer_id == user.pk), None)
    if not permissions.can_read_all_reviews(user, application):
        reviews = [mine] if mine else []
    can_review = permissions.can_review(user, application)
    assignment = review_page.my_assignment(user, application)
    context = {
        "application": application,
        "call": localize_all([application.call])[0],
        "versions": versions,
        "shown": shown,
        "compare": compare,
        "changes": changes,
        "reading": _reading(application, shown),
        "summary": dossiers.review_summary(application, criteria, reviews),
        "reviews": reviews,
        "review_form": forms.get("review_form")
        or (ReviewForm(criteria=criteria, review=mine) if can_review else None),
        "stage_bar": review_page.stage_bar(application),
        "stage_groups": review_page.readable_reviews(user, application),
        "can_share": permissions.can_share_review(user, application),
        "can_assign": permissions.can_assign(user, application),
        "assignments": review_page.assignment_rows(application),
        "assign_form": forms.get("assign_form")
        or AssignForm(people=dossiers.assignable_people(application)),
        "my_assignment": assignment,
        "conflict_form": forms.get("conflict_form")
        or (ConflictForm() if permissions.can_declare_conflict(user, application) else None),
        "next_stage": review_page.next_stage(application),
        "decision_open": review_page.decision_open(user, application),
        "note_form": forms.get("note_form") or NoteForm(),
        "notes": application.notes.select_related("author"),
        "message_form": forms.get("message_form") or MessageForm(),
        "messages_list": application.messages.select_related("author"),
        "events": application.events.select_related("actor"),
        "transitions": review_page.stage_actions(user, application),
        "kept": kept_typed(request, application),
        "campaign": getattr(application, "campaign", None) if application.is_crowdfunding else None,
        "campaign_form": forms.get("campaign_form"),
        "can_update_campaign": permissions.can_update_campaign(user, application),
    }
    if context["can_update_campaign"] and not context["campaign_form"]:
        from funding.dossiers.forms import CampaignForm

        campaign = context["campaign"]
        context["campaign_form"] = CampaignForm(
            initial={
                "goal": campaign.goal if campaign else application.granted_amount,
                "pledged": campaign.pledged if campaign else 0,
                "ends_on": campaign.ends_on if campaign else None,
                "all_or_nothing": campaign.all_or_nothing
                if campaign
                else application.call.all_or_nothing,
            }
        )
    return render(request, "funding/dossiers/review.html", context, status=status)


@login_required
def review_dossier(request, pk: int):
    return _detail(request, get_application_for(request.user, pk))


@login_required
def review_pdf(request, pk: int, number: int):
    application = get_application_for(request.user, pk)
    version = snapshots.ensure_pdf(get_object_or_404(application.versions, number=number))
    if not version.pdf:
        raise Http404
    return download_response(
        version.pdf,
        filename=f"dossier-{application.pk}-v{version.number}.pdf",
        content_type="application/pdf",
    )


@login_required
def review_document(request, pk: int, number: int, document_pk: int):
    """A document as it was submitted in that version."""
    application = get_application_for(request.user, pk)
    version = get_object_or_404(application.versions, number=number)
    document = get_object_or_404(version.documents, pk=document_pk)
    return download_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@login_required
def review_zip(request, pk: int):
    """Every submitted version: snapshots, PDFs and documents, as one ZIP file."""
    application = get_application_for(request.user, pk)
    versions = application.versions.prefetch_related("documents").order_by("number")
    response = HttpResponse(
        snapshots.build_zip(application, versions), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="dossier-{application.pk}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def _back(pk: int, anchor: str = ""):
    return redirect(reverse("funding:review_dossier", kwargs={"pk": pk}) + anchor)


@login_required
@require_POST
def review_score(request, pk: int):
    application = get_application_for(request.user, pk)
    if not permissions.can_review(request.user, application):
        raise PermissionDenied
    criteria = dossiers.criteria_of(application, permissions.current_stage(application))
    form = ReviewForm(request.POST, criteria=criteria)
    if form.is_valid():
        try:
            dossiers.save_review(
                application,
                by=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                recommendation=form.cleaned_data["recommendation"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Scores saved."))
            return _back(pk, "#review")
    return _detail(request, application, status=400, review_form=form)


@login_required
@require_POST
def review_note(request, pk: int):
    application = get_application_for(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        dossiers.add_note(application, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Note saved."))
        return _back(pk, "#notes")
    return _detail(request, application, status=400, note_form=form)


@login_required
@require_POST
def review_message(request, pk: int):
    application = get_application_for(request.user, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        dossiers.post_message(application, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Message sent."))
        return _back(pk, "#messages")
    return _detail(request, application, status=400, message_form=form)


@login_required
@require_POST
def review_transition(request, pk: int, name: str):
    """Start the review, send to the next stage, request changes, decline (money decisions are
    confirmed on the decision page: they are sent there)."""
    application = get_application_for(request.user, pk)
    if name not in dossiers.FUNDER_TRANSITIONS:
        raise Http404
    if name not in review_page.STAGE_ACTIONS:
        # Decisions (and their confirmation) are taken on the decision page only.
        messages.error(request, _("Decisions are taken on the decision page."))
        return redirect(reverse("funding:review_decision", kwargs={"pk": pk}))
    return run_transition_view(
        request,
        application,
        name,
        on_success=lambda: _back(pk),
        on_refusal=lambda: _back(pk, "#actions"),
    )


@login_required
@require_POST
def review_campaign(request, pk: int):
    application = get_application_for(request.user, pk)
    return save_campaign_view(
        request,
        application,
        on_success=lambda: _back(pk, "#campaign"),
        render_again=lambda form: _detail(request, application, status=400, campaign_form=form),
    )
