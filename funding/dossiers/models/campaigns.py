"""After the decision: the crowdfunding campaign of an accepted dossier, and the reminders of
drafts whose call closes soon."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from funding.dossiers.models.dossier import ZERO, FundingApplication


class Campaign(models.Model):
    """The crowdfunding campaign of an accepted dossier on a platform's call."""

    application = models.OneToOneField(
        FundingApplication, on_delete=models.CASCADE, related_name="campaign"
    )
    goal = models.DecimalField(
        _("Goal (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    pledged = models.DecimalField(
        _("Pledged so far (€)"),
        max_digits=12,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    ends_on = models.DateField(_("End date"))
    all_or_nothing = models.BooleanField(_("All or nothing"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return f"{self.pledged} / {self.goal} €"

    @property
    def reached_goal(self) -> bool:
        return self.pledged >= self.goal

    @property
    def secured(self) -> Decimal:
        """What the campaign brings: an all-or-nothing campaign below its goal brings nothing."""
        if self.all_or_nothing and not self.reached_goal:
            return ZERO
        return self.pledged


class ReminderSent(models.Model):
    """A deadline reminder already sent, so that the daily run never sends it twice."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=10)
    deadline = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "deadline"], name="one_reminder_per_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind}"
