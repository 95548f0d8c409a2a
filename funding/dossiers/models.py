"""Funding dossiers: an experiment's application to one call, its frozen versions, its review.

A `FundingApplication` (the UI's « dossier ») links an experiment to a canonical call. The lead
answers the call's questions and uploads its required documents, then submits: the submission
freezes a numbered `ApplicationVersion` (a JSON snapshot, copies of the documents and a PDF) that
later edits of the experiment never change. Reviewers belong to the funder of the call's source
(`FunderMembership`) and score the dossier on the call's criteria (`CallCriterion`).

Transitions only change in-memory state; `funding.dossiers.services` checks permissions, locks the
row, saves, audits and notifies.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from funding.catalogue.models import CallRequirement, Funder, FundingCall, canonical_only
from projects.experiments.models import AuditRecord, AuditRecordError, Experiment, private_storage

ZERO = Decimal("0")
MAX_SCORE = 5


class FunderMembership(models.Model):
    """A person who reviews, for a funder, the dossiers sent to that funder's calls."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="funder_memberships",
        help_text=_("Someone with an account on the platform; type to find them."),
    )
    funder = models.ForeignKey(
        Funder,
        verbose_name=_("Funder"),
        on_delete=models.CASCADE,
        related_name="memberships",
        limit_choices_to=canonical_only,
        help_text=_("The person reviews the dossiers sent to this funder's calls."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("funder reviewer")
        verbose_name_plural = _("funder reviewers")
        constraints = [
            models.UniqueConstraint(fields=["user", "funder"], name="unique_funder_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.funder}"


class CallCriterion(TranslatableMixin, Orderable):
    """A criterion of a call's scoring grid, with its weight (reviewers score 0 to 5)."""

    call = ParentalKey(FundingCall, on_delete=models.CASCADE, related_name="criteria")
    label = models.CharField(
        _("Criterion"), max_length=255, help_text=_("e.g. Cooperation between the partners.")
    )
    help = models.TextField(
        pgettext_lazy("question help", "Help"),
        blank=True,
        help_text=_("What reviewers should look at; shown beside the score."),
    )
    weight = models.PositiveSmallIntegerField(
        _("Weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("From 1 to 10: how much the criterion counts in the total score."),
    )

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help"),
        SynchronizedField("weight"),
    ]
    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("weight")]), FieldPanel("help")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self) -> str:
        return self.label


def _is_crowdfunding(call: FundingCall) -> bool:
    return any(str(aid).startswith("crowdfunding_") for aid in call.aid_types or [])


class FundingApplicationQuerySet(models.QuerySet):
    def with_context(self):
        """What lists and pages show about each dossier, in a constant number of queries."""
        return self.select_related(
            "experiment__lead_organisation", "call__source__funder", "campaign"
        )

    def for_funders(self, funder_ids):
        """Dossiers sent to these funders' calls, never drafts that were never submitted."""
        return self.filter(call__source__funder_id__in=funder_ids, version_number__gt=0)


class FundingApplication(FSMModelMixin, models.Model):
    """An experiment's dossier for one call (UI: « dossier »)."""

    class State(models.TextChoices):
        # In context: the same English words name states of experiments and sharing posts,
        # whose French and Italian nouns have another gender (« une annonce retirée »).
        DRAFT = "draft", pgettext_lazy("dossier state", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("dossier state", "Submitted")
        UNDER_REVIEW = "under_review", pgettext_lazy("dossier state", "Under review")
        CHANGES_REQUESTED = "changes_requested", pgettext_lazy("dossier state", "Changes requested")
        ACCEPTED = "accepted", pgettext_lazy("dossier state", "Accepted")
        DECLINED = "declined", pgettext_lazy("dossier state", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("dossier state", "Withdrawn")

    EDITABLE_STATES = (State.DRAFT, State.CHANGES_REQUESTED)
    DECIDED_STATES = (State.ACCEPTED, State.DECLINED)
    FINAL_STATES = (State.ACCEPTED, State.DECLINED, State.WITHDRAWN)
    BEFORE_DECISION = (
        State.DRAFT,
        State.SUBMITTED,
        State.UNDER_REVIEW,
        State.CHANGES_REQUESTED,
    )

    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("Experiment"),
        on_delete=models.PROTECT,
        related_name="funding_applications",
    )
    call = models.ForeignKey(
        FundingCall,
        verbose_name=_("Call"),
        on_delete=models.PROTECT,
        related_name="applications",
        limit_choices_to=canonical_only,
    )
    requested_amount = models.DecimalField(
        _("Requested amount (€)"),
        max_digits=12,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    granted_amount = models.DecimalField(
        _("Granted amount (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    conditions = models.TextField(_("Conditions"), blank=True)
    decision_reason = models.TextField(_("Reason of the decision"), blank=True)
    state = FSMField(
        _("State"), default=State.DRAFT, choices=State.choices, protected=True, db_index=True
    )
    state_changed_at = models.DateTimeField(_("In this state since"), default=timezone.now)
    submitted_at = models.DateTimeField(_("Last submitted"), null=True, blank=True)
    version_number = models.PositiveIntegerField(_("Versions submitted"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(pgettext_lazy("timestamp", "Created"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("timestamp", "Updated"), auto_now=True)

    objects = FundingApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            # One live dossier per experiment and call: starting again reopens it.
            models.UniqueConstraint(
                fields=["experiment", "call"],
                condition=Q(state__in=["draft", "submitted", "under_review", "changes_requested"]),
                name="one_open_dossier_per_experiment_and_call",
            )
        ]

    def __str__(self) -> str:
        return f"{self.experiment} → {self.call}"

    @property
    def funder_id(self) -> int:
        return self.call.source.funder_id

    @property
    def is_crowdfunding(self) -> bool:
        return _is_crowdfunding(self.call)

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES

    @property
    def is_final(self) -> bool:
        return self.state in self.FINAL_STATES

    # ------------------------------------------------------------------ transitions
    def _entered(self) -> None:
        self.state_changed_at = timezone.now()

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED)
    def submit(self) -> None:
        """The lead sends the dossier, complete and before the call closes."""
        self._entered()
        self.submitted_at = self.state_changed_at

    @transition(field=state, source=State.SUBMITTED, target=State.UNDER_REVIEW)
    def start_review(self) -> None:
        """A reviewer of the funder takes the dossier up."""
        self._entered()

    @transition(field=state, source=State.UNDER_REVIEW, target=State.CHANGES_REQUESTED)
    def request_changes(self) -> None:
        """A reviewer asks the lead for changes (comment required)."""
        self._entered()

    @transition(field=state, source=State.CHANGES_REQUESTED, target=State.SUBMITTED)
    def resubmit(self) -> None:
        """The lead sends the changed dossier: a new version."""
        self._entered()
        self.submitted_at = self.state_changed_at

    @transition(field=state, source=State.UNDER_REVIEW, target=State.ACCEPTED)
    def accept(self) -> None:
        """A reviewer accepts, with a granted amount at most the requested one."""
        self._entered()

    @transition(field=state, source=State.UNDER_REVIEW, target=State.DECLINED)
    def decline(self) -> None:
        """A reviewer declines (reason required)."""
        self._entered()

    @transition(
        field=state,
        source=[State.DRAFT, State.SUBMITTED, State.UNDER_REVIEW, State.CHANGES_REQUESTED],
        target=State.WITHDRAWN,
    )
    def withdraw(self) -> None:
        """The lead withdraws the dossier before any decision."""
        self._entered()


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


class ApplicationEvent(AuditRecord):
    """The audit record of one transition of a dossier: who, when, from, to, comment."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("By"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transition = models.CharField(_("Action"), max_length=40)
    from_state = models.CharField(
        pgettext_lazy("state change", "From"),
        max_length=20,
        choices=FundingApplication.State.choices,
    )
    to_state = models.CharField(_("To"), max_length=20, choices=FundingApplication.State.choices)
    comment = models.TextField(pgettext_lazy("noun", "Comment"), blank=True)
    created_at = models.DateTimeField(_("When"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.transition}: {self.from_state} → {self.to_state}"


class ApplicationMessage(models.Model):
    """A message between the experiment's people and the funder's reviewers about a dossier."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_funder = models.BooleanField(default=False)
    body = models.TextField(_("Message"), max_length=5000)
    created_at = models.DateTimeField(_("Posted"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier message")
        verbose_name_plural = _("dossier messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class ApplicationNote(models.Model):
    """A note that only the funder's reviewers read."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("Note"), max_length=5000)
    created_at = models.DateTimeField(_("Written"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class Review(models.Model):
    """One reviewer's scoring of a dossier on the call's criteria."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossier_reviews"
    )
    comment = models.TextField(_("Overall comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_review_each")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.application_id}"


class ReviewScore(models.Model):
    """A score from 0 to 5 on one criterion, with a comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(CallCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("Score"), validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)]
    )
    comment = models.TextField(pgettext_lazy("noun", "Comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(score__lte=MAX_SCORE), name="score_at_most_5"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


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
