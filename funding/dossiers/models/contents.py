"""What a dossier holds: the lead's answers and documents, its frozen versions, and the
messages and notes about it."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.workflow.models import AuditRecordError, Comment
from funding.catalogue.models import CallRequirement
from funding.dossiers.models.dossier import FundingApplication
from projects.experiments.models import private_storage


class ApplicationAnswer(models.Model):
    """The lead's answer to one question of the call."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="answers"
    )
    requirement = models.ForeignKey(CallRequirement, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Answer"), max_length=10000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["application", "requirement"], name="unique_answer")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.requirement_id}"


def application_document_path(instance: "ApplicationDocument", filename: str) -> str:
    return f"dossiers/{instance.application_id}/current/{secrets.token_hex(8)}-{filename}"


class ApplicationDocument(models.Model):
    """The current file given for one required document of the call (private storage)."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="documents"
    )
    requirement = models.ForeignKey(CallRequirement, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("File"), upload_to=application_document_path, storage=private_storage)
    original_name = models.CharField(_("File name"), max_length=255)
    content_type = models.CharField(_("Type"), max_length=100)
    size = models.PositiveIntegerField(_("Size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("Uploaded"), auto_now=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement"], name="one_document_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return self.original_name


def version_pdf_path(instance: "ApplicationVersion", filename: str) -> str:
    return (
        f"dossiers/{instance.application_id}/v{instance.number}/{secrets.token_hex(8)}-{filename}"
    )


class ApplicationVersion(models.Model):
    """A submitted state of the dossier, frozen: snapshot, document copies and PDF."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("Version"))
    snapshot = models.JSONField(_("Snapshot"), editable=False)
    pdf = models.FileField(
        _("PDF"), upload_to=version_pdf_path, storage=private_storage, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(pgettext_lazy("dossier", "Submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("dossier version")
        verbose_name_plural = _("dossier versions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.application} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AuditRecordError("Submitted versions cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditRecordError("Submitted versions cannot be deleted.")


def version_document_path(instance: "VersionDocument", filename: str) -> str:
    version = instance.version
    return (
        f"dossiers/{version.application_id}/v{version.number}/docs/"
        f"{secrets.token_hex(8)}-{filename}"
    )


class VersionDocument(models.Model):
    """A copy of a document as it was when the version was submitted."""

    version = models.ForeignKey(
        ApplicationVersion, on_delete=models.PROTECT, related_name="documents"
    )
    label = models.CharField(_("Required document"), max_length=255)
    file = models.FileField(_("File"), upload_to=version_document_path, storage=private_storage)
    original_name = models.CharField(_("File name"), max_length=255)
    content_type = models.CharField(_("Type"), max_length=100)
    size = models.PositiveIntegerField(_("Size (bytes)"))

    class Meta:
        verbose_name = _("submitted document")
        verbose_name_plural = _("submitted documents")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AuditRecordError("Submitted documents cannot be changed.")
        super().save(*args, **kwargs)


class ApplicationMessage(Comment):
    """A message between the experiment's people and the funder's reviewers about a dossier."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="messages"
    )
    from_funder = models.BooleanField(default=False)

    class Meta(Comment.Meta):
        verbose_name = _("dossier message")
        verbose_name_plural = _("dossier messages")


class ApplicationNote(Comment):
    """A note that only the funder's reviewers read."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="notes"
    )
    body = models.TextField(_("Note"), max_length=5000)
    created_at = models.DateTimeField(_("Written"), auto_now_add=True)

    class Meta(Comment.Meta):
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
