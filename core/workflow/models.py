"""The audit records of the workflows: abstract bases only (each area's table is its own).

`ExperimentEvent` and `ApplicationEvent` are the same record of one transition — who, when,
from, to, comment — with a key to their object and the choices of their states:

    class ExperimentEvent(WorkflowEvent):
        experiment = models.ForeignKey(Experiment, on_delete=models.PROTECT, related_name="events")
        from_state, to_state = state_change_fields(Experiment.State)

        class Meta(WorkflowEvent.Meta):
            verbose_name = _("workflow event")
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditRecordError(Exception):
    """Audit records are written once and never changed or deleted."""


class AuditRecord(models.Model):
    """Base of the append-only audit records (experiments' and dossiers' events)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AuditRecordError("Audit records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditRecordError("Audit records cannot be deleted.")


def state_change_fields(states) -> tuple[models.CharField, models.CharField]:
    """The `from_state` and `to_state` fields of an event, with the workflow's ``states``."""
    return (
        models.CharField(
            pgettext_lazy("state change", "From"), max_length=20, choices=states.choices
        ),
        models.CharField(_("To"), max_length=20, choices=states.choices),
    )


class WorkflowEvent(AuditRecord):
    """The audit record of one transition: who, when, from, to, comment. Never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("By"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transition = models.CharField(_("Action"), max_length=40)
    comment = models.TextField(pgettext_lazy("noun", "Comment"), blank=True)
    created_at = models.DateTimeField(_("When"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.transition}: {self.from_state} → {self.to_state}"


class Comment(models.Model):
    """Base of what people write about an object of a workflow: an experiment's activity feed,
    a dossier's messages and notes (each area's table is its own)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("Message"), max_length=5000)
    created_at = models.DateTimeField(_("Posted"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]
