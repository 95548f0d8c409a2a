"""The experiments' part of account deletion (see accounts/gdpr.py).

- Blocking rule: the only lead of an experiment still in progress must first name another lead,
  or the experiment would be left without anyone able to act on it. Closed experiments (in a
  terminal state: capitalised, declined, abandoned) keep the anonymised lead in their history.
- Erased: invitations addressed to the person's e-mail address that are still pending (the
  network erases memberships of organisations, the sharing board its read marks).
- Kept, pointing at the anonymised account: experiment memberships (the history of who took
  part), workflow events, comments and documents.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.gdpr import register_blocker, register_eraser
from projects.experiments.models import Experiment, ExperimentMember, Invitation


def experiments_only_led_by(user) -> list[Experiment]:
    """Experiments in progress whose only lead is ``user``."""
    lead = ExperimentMember.Role.LEAD
    led = ExperimentMember.objects.filter(user=user, role=lead).values("experiment_id")
    # Counted on their own join: filtering and counting through one join would count only
    # this person's membership.
    return list(
        Experiment.objects.exclude(state__in=Experiment.State.where("terminal"))
        .filter(pk__in=led)
        .annotate(leads=Count("memberships", filter=Q(memberships__role=lead)))
        .filter(leads=1)
        .order_by("title")
    )


@register_blocker
def sole_lead_blocker(user) -> list[str]:
    return [
        _(
            "You are the only lead of « %(title)s »: name another lead of this experiment "
            "before deleting your account."
        )
        % {"title": experiment.title}
        for experiment in experiments_only_led_by(user)
    ]


@register_eraser
def erase_pending_invitations(user) -> None:
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
