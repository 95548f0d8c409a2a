"""Review stages: how a funder reviews, as data its staff edit in the admin.

A `ReviewProcess` is an ordered list of `ReviewStage`s: its name, who acts at it (the funder's
staff, the reviewers assigned to the dossier, the funder's committee), whether it scores and on
which criteria, and the outcomes that leave it (the next stage — the decision after the last —,
a request for changes, a decline). Three presets ship (`PRESETS`, rows without a funder); a
funder's staff pick one for their funder or one of its calls (a copy of its stages they may
edit). When a dossier is first taken up for review, the stages are copied into its own
`DossierStage` rows: later edits of the process never change a dossier in flight.

The dossier's lifecycle stays one django-fsm-2 machine shared by every funder
(`FundingApplication.State`); the stages are data that a dossier walks while it is under review.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.validators import one_line
from funding.catalogue.models import Funder, FundingCall, canonical_only
from funding.dossiers.models.dossier import FundingApplication

MAX_STAGE_CRITERIA = 12


class Actors(models.TextChoices):
    """Who acts at a stage (scores, and takes its outcomes when they are a committee)."""

    STAFF = "staff", _("The funder's staff")
    ASSIGNED = "assigned", _("The reviewers assigned to the dossier")
    COMMITTEE = "committee", _("The funder's committee")


# The shipped presets' stage names, translated when shown (a stage keeps its preset `code`).
STAGE_NAMES = {
    "review": pgettext_lazy("review stage", "Review"),
    "screening": pgettext_lazy("review stage", "Screening"),
    "external_review": pgettext_lazy("review stage", "External review"),
    "committee": pgettext_lazy("review stage", "Committee"),
    "eligibility": pgettext_lazy("review stage", "Eligibility check"),
    "programming_committee": pgettext_lazy("review stage", "Programming committee"),
}


def parse_criteria(text: str) -> list[dict]:
    """A stage's own criteria, one per line, « label » or « label | weight » (1 to 10)."""
    criteria = []
    for index, line in enumerate(line.strip() for line in (text or "").splitlines()):
        if not line:
            continue
        label, _sep, weight = line.partition("|")
        label, weight = label.strip(), weight.strip()
        if not label:
            raise ValidationError(_("A criterion needs a label before its weight."))
        if weight and (not weight.isdigit() or not 1 <= int(weight) <= 10):
            raise ValidationError(
                _("The weight of “%(label)s” must be a whole number from 1 to 10.")
                % {"label": label}
            )
        criteria.append({"key": f"own-{index}", "label": label, "weight": int(weight or 1)})
    if len(criteria) > MAX_STAGE_CRITERIA:
        raise ValidationError(_("A stage has at most 12 criteria."))
    return criteria


class StageRules(models.Model):
    """What a stage is, both as edited (`ReviewStage`) and as frozen in a dossier."""

    # What a copy of a stage keeps (a process copied from a preset, a dossier's frozen stages).
    RULES = (
        "name",
        "code",
        "actors",
        "scores",
        "criteria",
        "required_reviews",
        "can_request_changes",
        "can_decline",
    )

    name = models.CharField(
        _("Name"),
        max_length=100,
        validators=[one_line],
        help_text=_("As the reviewers and the lead read it, e.g. Programming committee."),
    )
    code = models.SlugField(
        _("Code"),
        max_length=40,
        blank=True,
        help_text=_("Set on the shipped presets' stages, whose names are then translated."),
    )
    actors = models.CharField(
        _("Who acts"), max_length=20, choices=Actors.choices, default=Actors.STAFF
    )
    scores = models.BooleanField(
        _("Scored"), default=False, help_text=_("The people who act give scores at this stage.")
    )
    criteria = models.TextField(
        _("Criteria"),
        blank=True,
        help_text=_(
            "One criterion per line, with its weight after a bar if it counts more "
            "(e.g. « Eligibility of the lead organisation | 2 »). "
            "Empty: the call's review criteria."
        ),
    )
    required_reviews = models.PositiveSmallIntegerField(
        _("Reviews needed"),
        default=0,
        validators=[MaxValueValidator(10)],
        help_text=_(
            "How many reviews must be complete before the dossier moves on (a decision "
            "taken earlier needs a comment)."
        ),
    )
    can_request_changes = models.BooleanField(_("May ask the lead for changes"), default=True)
    can_decline = models.BooleanField(_("May decline the dossier"), default=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        try:
            parse_criteria(self.criteria)
        except ValidationError as error:
            raise ValidationError({"criteria": error.messages}) from error

    @property
    def label(self):
        """The name people read: the translated name of a preset's stage, else its own."""
        return STAGE_NAMES.get(self.code, self.name)

    @property
    def own_criteria(self) -> list[dict]:
        try:
            return parse_criteria(self.criteria)
        except ValidationError:
            return []


class ReviewProcess(ClusterableModel):
    """An ordered list of review stages: a shipped preset, or one funder's own."""

    name = models.CharField(_("Name"), max_length=150, validators=[one_line])
    funder = models.ForeignKey(
        Funder,
        verbose_name=_("Funder"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_processes",
        limit_choices_to=canonical_only,
        help_text=_("Empty for the platform's presets, which every funder may copy."),
    )
    preset = models.SlugField(
        _("Preset"), max_length=40, blank=True, help_text=_("Set on the shipped presets only.")
    )
    calls = models.ManyToManyField(
        FundingCall,
        verbose_name=_("Only for these calls"),
        blank=True,
        related_name="review_processes",
        limit_choices_to=canonical_only,
        help_text=_("Empty: every call of the funder that has no process of its own."),
    )
    language = models.CharField(
        _("Language of the names"), max_length=7, choices=settings.LANGUAGES, default="fr"
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("funder"), FieldPanel("language")]),
        FieldPanel("calls"),
        InlinePanel("stages", label=_("Stages"), min_num=1, max_num=8),
    ]

    class Meta:
        verbose_name = _("review process")
        verbose_name_plural = _("review processes")
        ordering = ["funder__name", "name"]

    def __str__(self) -> str:
        return self.name


class ReviewStage(StageRules, Orderable):
    """One stage of a review process, in its order."""

    process = ParentalKey(ReviewProcess, on_delete=models.CASCADE, related_name="stages")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("actors")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("scores"), FieldPanel("required_reviews")]),
                FieldPanel("criteria"),
            ],
            heading=_("Scoring"),
        ),
        FieldRowPanel([FieldPanel("can_request_changes"), FieldPanel("can_decline")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("review stage")
        verbose_name_plural = _("review stages")

    def __str__(self) -> str:
        return str(self.label)


class DossierStage(StageRules):
    """A stage as the dossier started it: a copy that later edits of the process never change."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="stages"
    )
    position = models.PositiveSmallIntegerField(_("Position"), validators=[MinValueValidator(1)])
    language = models.CharField(max_length=7, default="fr")
    frozen_criteria = models.JSONField(default=list, blank=True)
    entered_at = models.DateTimeField(_("Entered"), null=True, blank=True)
    left_at = models.DateTimeField(_("Left"), null=True, blank=True)

    class Meta:
        verbose_name = _("stage of a dossier")
        verbose_name_plural = _("stages of dossiers")
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="one_dossier_stage_per_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.position}. {self.name}"

    @property
    def is_last(self) -> bool:
        """Whether no stage follows (reads the dossier's prefetched stages when present)."""
        return self.position >= self.application.stage_count

    @property
    def own_criteria(self) -> list[dict]:
        return list(self.frozen_criteria or [])

    def enter(self) -> None:
        self.entered_at = timezone.now()
        self.left_at = None
