"""The review of dossiers: the funders' people and their roles, the calls' criteria, the
reviewers assigned to a dossier, the reviews with their scores and recommendation."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.validators import one_line
from funding.catalogue.models import Funder, FundingCall, canonical_only
from funding.dossiers.models.dossier import FundingApplication

MAX_SCORE = 5


class FunderMembership(models.Model):
    """A person who works for a funder on the dossiers sent to its calls, in one role.

    - staff: see every dossier of the funder, assign reviewers, decide, edit the funder's review
      stages in the admin;
    - reviewer: see only the dossiers they are assigned to, and score them;
    - committee: see the dossiers that reached a committee stage, score and decide there.
    """

    class Role(models.TextChoices):
        STAFF = "staff", pgettext_lazy("funder role", "Staff")
        REVIEWER = "reviewer", pgettext_lazy("funder role", "Reviewer")
        COMMITTEE = "committee", pgettext_lazy("funder role", "Committee member")

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
    role = models.CharField(
        _("Role"),
        max_length=20,
        choices=Role.choices,
        default=Role.STAFF,
        help_text=_(
            "Staff see every dossier and decide; reviewers see only the dossiers assigned to "
            "them; committee members see the dossiers that reach a committee stage."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("funder's person")
        verbose_name_plural = _("funders' people")
        constraints = [
            models.UniqueConstraint(fields=["user", "funder"], name="unique_funder_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.funder}"


class CallCriterion(TranslatableMixin, Orderable):
    """A criterion of a call's scoring grid, with its weight (reviewers score 0 to 5)."""

    call = ParentalKey(FundingCall, on_delete=models.CASCADE, related_name="criteria")
    label = models.CharField(
        _("Criterion"),
        max_length=255,
        help_text=_("e.g. Cooperation between the partners."),
        validators=[one_line],
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


class ReviewAssignment(models.Model):
    """A reviewer the funder's staff assigned to a dossier at one stage, with a due date.

    A reviewer who declares a conflict of interest leaves the dossier: the assignment stays as
    the record of it (`conflict_declared_at`), and they no longer see the dossier."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="assignments"
    )
    stage = models.ForeignKey(
        "funding.DossierStage",
        verbose_name=_("Stage"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Reviewer"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    due_on = models.DateField(_("Due on"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Assigned"), auto_now_add=True)
    conflict_declared_at = models.DateTimeField(
        _("Conflict of interest declared"), null=True, blank=True
    )
    conflict_reason = models.TextField(_("Conflict of interest"), blank=True, max_length=2000)
    reminded_on = models.DateField(_("Last reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "reviewer"], name="one_assignment_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.application_id}"

    @property
    def active(self) -> bool:
        return self.conflict_declared_at is None


class Review(models.Model):
    """One reviewer's review of a dossier at one stage: scores, a general comment and a
    recommendation. The funder's staff read it; the lead never does, unless staff share its
    general comment."""

    class Recommendation(models.TextChoices):
        FUND = "fund", _("Fund")
        FUND_WITH_CONDITIONS = "fund_with_conditions", _("Fund with conditions")
        DO_NOT_FUND = "do_not_fund", _("Do not fund")

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="reviews"
    )
    stage = models.ForeignKey(
        "funding.DossierStage",
        verbose_name=_("Stage"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossier_reviews"
    )
    comment = models.TextField(_("Overall comment"), blank=True)
    recommendation = models.CharField(
        _("Recommendation"), max_length=30, choices=Recommendation.choices, blank=True
    )
    shared_at = models.DateTimeField(_("Comment shared with the lead"), null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage", "reviewer"], name="one_review_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.application_id}"

    @property
    def complete(self) -> bool:
        """A review counts once it has its recommendation."""
        return bool(self.recommendation)


class ReviewScore(models.Model):
    """A score from 0 to 5 on one criterion (the call's, or the stage's own), with a comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        CallCriterion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "call-<pk>" for a call's criterion, "own-<n>" for the stage's own n-th criterion.
    key = models.CharField(max_length=40)
    score = models.PositiveSmallIntegerField(
        _("Score"), validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)]
    )
    comment = models.TextField(pgettext_lazy("noun", "Comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "key"], name="one_score_per_criterion_key"),
            models.CheckConstraint(condition=Q(score__lte=MAX_SCORE), name="score_at_most_5"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.score}"
