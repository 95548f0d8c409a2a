"""The weekly digest of funding calls (who opted out, and what was sent to whom each week), and
the alerts « tell me when it opens » on calls of the funding tab."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestOptOut(models.Model):
    """A person who no longer wants the weekly digest of funding calls (one click on the
    signed link of a digest, no sign-in needed)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="funding_digest_opt_out",
    )
    created_at = models.DateTimeField(_("Unsubscribed on"), default=timezone.now)

    class Meta:
        verbose_name = _("funding digest opt-out")
        verbose_name_plural = _("funding digest opt-outs")

    def __str__(self) -> str:
        return str(self.user)


class DigestDelivery(models.Model):
    """One weekly digest sent to one lead: at most one per person and week, which makes the
    run idempotent, and the (experiment, call) pairs it announced, so that the next digest
    only announces calls that are new to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="funding_digests",
    )
    week = models.DateField(_("Week (its Monday)"))
    sent_at = models.DateTimeField(_("Sent"), default=timezone.now)
    announced = models.JSONField(
        _("Announced calls"),
        default=list,
        blank=True,
        help_text=_("[experiment id, call id] pairs announced as new."),
    )
    closing = models.JSONField(
        _("Calls closing soon"),
        default=list,
        blank=True,
        help_text=_("[experiment id, call id] pairs reminded as closing soon."),
    )

    class Meta:
        verbose_name = _("funding digest")
        verbose_name_plural = _("funding digests")
        ordering = ["-week", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="one_funding_digest_a_week")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.week:%Y-%m-%d}"


class CallWatch(models.Model):
    """A person asked to be told when a call of their experiment's funding tab opens: a call
    opening later, or a recurring call between two sessions (`funding.matching.watches`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="funding_call_watches",
    )
    experiment = models.ForeignKey(
        "projects.Experiment",
        verbose_name=_("Experiment"),
        on_delete=models.CASCADE,
        related_name="funding_call_watches",
    )
    call = models.ForeignKey(
        "funding.FundingCall",
        verbose_name=_("Call"),
        on_delete=models.CASCADE,
        related_name="watches",
    )
    created_at = models.DateTimeField(_("Asked on"), default=timezone.now)
    notified_at = models.DateTimeField(
        _("Told on"),
        null=True,
        blank=True,
        help_text=_("When the person was told the call is open; empty while it is awaited."),
    )

    class Meta:
        verbose_name = _("call opening alert")
        verbose_name_plural = _("call opening alerts")
        ordering = ["user", "experiment", "call"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "experiment", "call"], name="one_call_watch_per_experiment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.experiment_id} · {self.call_id}"
