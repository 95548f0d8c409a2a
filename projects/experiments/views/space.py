"""The leads' space ("Mon espace"): my experiments, my notifications, proposing an idea and
accepting an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

import projects.experiments.dashboard as dashboard
import projects.experiments.permissions as permissions
import projects.experiments.services as services
from accounts.models import Notification
from projects.experiments.forms import ProposeIdeaForm
from projects.experiments.models import Experiment, ExperimentMember, Invitation
from projects.experiments.views.common import _status
from projects.network.directory_links import directory_page


# ---------------------------------------------------------------------- dashboard
@login_required
def space(request):
    """My experiments with their state and what the next step still needs, my notifications."""
    experiments = (
        Experiment.objects.with_sheet()
        .filter(memberships__user=request.user)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=ExperimentMember.objects.filter(user=request.user),
                to_attr="my_membership",
            )
        )
        .distinct()
        .order_by("-updated_at")
    )
    rows = [
        {
            "experiment": experiment,
            "role": experiment.my_membership[0].get_role_display()
            if experiment.my_membership
            else "",
            "next_steps": services.next_steps(experiment),
        }
        for experiment in experiments
    ]
    notifications = request.user.notifications.filter(read_at__isnull=True)[:10]
    # Coordinators follow every experiment from the admin: the space leads them there.
    steers = permissions.can_steer_pipeline(request.user)
    return render(
        request,
        "projects/space.html",
        {
            "rows": rows,
            "notifications": notifications,
            "steers_pipeline": steers,
            "ideas_awaiting": dashboard.count_ideas_awaiting_decision() if steers else 0,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """Every notification; POST marks them all read."""
    if request.method == "POST":
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        messages.success(request, _("All notifications are marked as read."))
        return redirect("projects:notifications")
    items = request.user.notifications.all()[:100]
    return render(request, "projects/notifications.html", {"items": items})


@login_required
def open_notification(request, pk: int):
    """Mark one notification read and follow its link."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "projects:space")


# ---------------------------------------------------------------------- ideas
def propose_public(request):
    """The public "Propose a cooperation" page: explains, then asks to sign in or sign up."""
    if request.user.is_authenticated:
        return redirect("projects:propose")
    return render(request, "projects/propose_public.html")


@login_required
@require_http_methods(["GET", "POST"])
def propose(request):
    """Propose an idea in the name of one's organisation; a person who belongs to none is told
    how to join one instead of seeing a form they could not send."""
    if not permissions.can_propose(request.user):
        directory = directory_page(request)
        return render(
            request,
            "projects/propose_no_organisation.html",
            {"directory_url": directory.get_url(request) if directory else ""},
            status=403 if request.method == "POST" else 200,
        )
    form = ProposeIdeaForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.names_foreign_lead():
        return render(
            request,
            "projects/propose_forbidden.html",
            {"message": services.NOT_YOUR_ORGANISATION_MESSAGE},
            status=403,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        experiment = services.propose_idea(
            by=request.user,
            title=data["title"],
            summary=data["summary"],
            lead_organisation=data["lead_organisation"],
            partner=data["partner"],
            themes=data["themes"],
            territories=data["territories"],
        )
        messages.success(
            request,
            _("Your idea is recorded. The coordinators will look at it and get back to you."),
        )
        return redirect("projects:experiment", pk=experiment.pk)
    return render(request, "projects/propose.html", {"form": form}, status=_status(request))


# ---------------------------------------------------------------------- invitations
@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """Accept an invitation received by e-mail (after signing in or creating an account)."""
    pending = (
        Invitation.objects.select_related("experiment", "organisation", "invited_by")
        .filter(token=token)
        .first()
    )
    if pending is None:
        raise Http404
    if request.method == "POST":
        try:
            accepted = services.accept_invitation(token, by=request.user)
        except services.InvitationError as error:
            messages.error(request, str(error))
            return render(request, "projects/invitation.html", {"invitation": pending}, status=409)
        messages.success(request, _("Welcome aboard!"))
        if accepted.experiment_id:
            return redirect("projects:experiment", pk=accepted.experiment_id)
        return redirect("projects:space")
    return render(request, "projects/invitation.html", {"invitation": pending})
