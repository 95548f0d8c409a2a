"""The review of dossiers: the funders' reviewers, the calls' criteria, the scores."""

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
