"""Who hears about a dossier, and the addresses of its pages for each side."""

from django.db.models import Q
from django.urls import reverse

from accounts import roles
from accounts.models import User
from funding.dossiers.models import FundingApplication


def lead_url(application: FundingApplication) -> str:
    return reverse(
        "funding:dossier", kwargs={"pk": application.experiment_id, "dossier_pk": application.pk}
    )


def funder_url(application: FundingApplication) -> str:
    return reverse("funding:review_dossier", kwargs={"pk": application.pk})


def funder_people(application: FundingApplication, role: str):
    """The funder's active people in ``role`` (`FunderMembership.Role`)."""
    return User.objects.filter(
        funder_memberships__funder_id=application.funder_id,
        funder_memberships__role=role,
        is_active=True,
    ).distinct()


def staff_of(application: FundingApplication):
    """The funder's staff: they hear of submissions, withdrawals and conflicts of interest."""
    return funder_people(application, "staff")


def committee_of(application: FundingApplication):
    return funder_people(application, "committee")


# Who hears, on the funder's side, about what the lead does (submit, withdraw, messages).
reviewers_of = staff_of


def experiment_people(application: FundingApplication, *, coordinators: bool):
    members = Q(experiment_memberships__experiment_id=application.experiment_id)
    if coordinators:
        members |= Q(groups__name=roles.COORDINATORS)
    return User.objects.filter(members, is_active=True).distinct()
