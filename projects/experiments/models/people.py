"""The people and organisations of an experiment: its partners, its members, invitations."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.validators import one_line
from projects.experiments.models.experiment import Experiment
from projects.network.models import Organisation


class PartnerQuerySet(models.QuerySet):
    def accepted(self):
        """The organisations that agreed to take part: the only ones shown as partners to the
        public, to funders and to the matcher."""
        return self.filter(status=ExperimentPartner.Status.ACCEPTED)

    def invited(self):
        return self.filter(status=ExperimentPartner.Status.INVITED)


class ExperimentPartner(models.Model):
    """A partner organisation of an experiment, with its role.

    Naming an organisation invites it: it becomes a partner once one of its members accepts.
    Existing partnerships (before invitations) were recorded as accepted.
    """

    class Status(models.TextChoices):
        INVITED = "invited", pgettext_lazy("partner organisation", "Invited")
        ACCEPTED = "accepted", pgettext_lazy("partner organisation", "Accepted")
        DECLINED = "declined", pgettext_lazy("partner organisation", "Declined")

    purges_page_cache = True  # the public page and listing of an experiment name its partners

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="partner_links"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="partner_links",
    )
    role = models.CharField(
        _("Role in the experiment"), max_length=200, blank=True, validators=[one_line]
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("Invited on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Answered on"), null=True, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "organisation"], name="unique_partner_per_experiment"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED


def accepted_partners() -> models.Prefetch:
    """Prefetch an experiment's accepted partners (with their organisation) as its
    ``partner_links``: for the pages and exports that show partners to the public or funders."""
    return models.Prefetch(
        "partner_links",
        queryset=ExperimentPartner.objects.accepted().select_related("organisation"),
    )


class ExperimentMember(models.Model):
    """A person taking part in an experiment: lead, contributor or viewer."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CONTRIBUTOR = "contributor", _("Contributor")
        VIEWER = "viewer", _("Viewer")

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiment_memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("On behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("Role"), max_length=12, choices=Role.choices, default=Role.VIEWER)
    joined_at = models.DateTimeField(_("Joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("experiment member")
        verbose_name_plural = _("experiment members")
        constraints = [models.UniqueConstraint(fields=["experiment", "user"], name="unique_member")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


def default_invitation_expiry():
    return timezone.now() + timedelta(days=14)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An e-mail invitation to join an organisation or an experiment."""

    email = models.EmailField(_("E-mail address"))
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    experiment = models.ForeignKey(
        Experiment, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        _("Role"),
        max_length=12,
        choices=ExperimentMember.Role.choices,
        default=ExperimentMember.Role.CONTRIBUTOR,
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(experiment__isnull=False),
                name="invitation_has_a_target",
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
