"""Requests to join an organisation, decided by its administrators (or the coordinators)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.network.models.organisations import Organisation


class MembershipRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=MembershipRequest.Status.PENDING)


class MembershipRequest(models.Model):
    """A person asks to act on behalf of an organisation; an administrator of the organisation
    (or a coordinator, when it has none) approves or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", pgettext_lazy("membership request", "Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership_requests",
        verbose_name=_("Person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="membership_requests",
        verbose_name=_("Organisation"),
    )
    message = models.TextField(
        _("Message"),
        blank=True,
        max_length=2000,
        help_text=_("Who you are in the organisation, for the people who decide."),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Decided by"),
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    decision_message = models.TextField(_("Message with the decision"), blank=True)
    created_at = models.DateTimeField(_("Asked at"), auto_now_add=True)

    objects = MembershipRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status="pending"),
                name="one_pending_membership_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
