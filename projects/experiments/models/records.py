"""What an experiment accumulates: its milestones, documents, activity feed and audit trail."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.validators import one_line
from core.workflow.models import Comment, WorkflowEvent, state_change_fields
from projects.experiments.models.experiment import Experiment, private_storage


class Milestone(models.Model):
    """A dated step of an experiment's timeline."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Milestone"), max_length=200, validators=[one_line])
    due_date = models.DateField(_("Date"))
    done = models.BooleanField(_("Done"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title


def document_path(instance: "ExperimentDocument", filename: str) -> str:
    return f"experiments/{instance.experiment_id}/{secrets.token_hex(8)}-{filename}"


class ExperimentDocument(models.Model):
    """A private document of an experiment (members, coordinators, funders of a dossier)."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("Title"), max_length=200, validators=[one_line])
    file = models.FileField(_("File"), upload_to=document_path, storage=private_storage)
    original_name = models.CharField(_("File name"), max_length=255)
    content_type = models.CharField(_("Type"), max_length=100)
    size = models.PositiveIntegerField(_("Size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("Uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("experiment document", "document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ExperimentComment(Comment):
    """A message in an experiment's activity feed, among members and coordinators."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="comments")

    class Meta(Comment.Meta):
        verbose_name = _("comment")
        verbose_name_plural = _("comments")


class ExperimentEvent(WorkflowEvent):
    """The audit record of one transition: who, when, from, to, comment. Never edited."""

    purges_page_cache = True  # the public dashboard counts formalisations

    experiment = models.ForeignKey(Experiment, on_delete=models.PROTECT, related_name="events")
    from_state, to_state = state_change_fields(Experiment.State)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
