"""Cooperation experiments and their workflow: idea → formalisation → … → capitalised.

The workflow is declared here, once: the states on `Experiment.State` (label, badge colour,
terminal or not, flags other code asks), each edge as its `@transition` with who runs it, its
conditions and its label. `core.workflow` reads these declarations; the area's services run the
transitions through it (`projects.experiments.services`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from accounts import roles
from core.contact_details import no_contact_details
from core.validators import one_line
from core.workflow import Condition, Requirement, Rule, StateInfo, WorkflowStates, declare
from core.workflow import missing_for as workflow_missing_for
from projects.experiments import checklists
from projects.network.models import Organisation, Territory, Theme

ZERO = Decimal("0")

# Who runs each transition: the checks live in `projects.experiments.permissions`.
COORDINATOR = Rule("coordinator", "projects.experiments.permissions.coordinates")
LEAD = Rule("lead", "projects.experiments.permissions.leads")
LEAD_OR_COORDINATOR = Rule(
    "lead or coordinator", "projects.experiments.permissions.leads_or_coordinates"
)


def private_storage():
    """Documents never live on a public URL (see STORAGES["private"])."""
    return storages["private"]


class ExperimentQuerySet(models.QuerySet):
    def with_sheet(self):
        """Everything the formalisation checklist reads, in a constant number of queries."""
        return self.select_related("lead_organisation").prefetch_related(
            "themes", "territories", "partner_links__organisation", "budget_lines"
        )

    def visible_to(self, user):
        """Experiments whose private space ``user`` may open: members and coordinators."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.is_coordinator(user):
            return self
        return self.filter(memberships__user=user).distinct()

    def public(self):
        """Experiments whose lead made the summary public, from `formalised` on."""
        return self.filter(is_public=True, state__in=Experiment.PUBLIC_STATES)

    def viewable_by(self, user):
        """Experiments ``user`` may at least see: those whose private space they may open,
        and every public summary (the only ones visitors see)."""
        if not getattr(user, "is_authenticated", False):
            return self.public()
        space = Experiment.objects.visible_to(user).values("pk")
        public = Experiment.objects.public().values("pk")
        return self.filter(models.Q(pk__in=space) | models.Q(pk__in=public))


class Experiment(FSMModelMixin, models.Model):
    """A cooperation project between at least two organisations: the unit of the workflow."""

    # Public pages list and show it: any change purges the page cache (core/cache/purges.py), so
    # an experiment taken off the public pages leaves them at once.
    purges_page_cache = True

    class State(WorkflowStates):
        # Flags: `public`, the summary may be shown on a public page (from `formalised` on);
        # `matching`, the funding matcher helps (the budget is being written or known, and the
        # experiment is not over); `funding_sought`, funding is sought or about to be (the
        # coordinators' funding matrix).
        IDEA = "idea", StateInfo("amber"), _("Idea")
        FORMALISATION = "formalisation", StateInfo("amber", matching=True), _("Formalisation")
        FORMALISED = (
            "formalised",
            StateInfo("blue", public=True, matching=True, funding_sought=True),
            _("Formalised"),
        )
        SEEKING_FUNDING = (
            "seeking_funding",
            StateInfo("blue", public=True, matching=True, funding_sought=True),
            _("Seeking funding"),
        )
        FUNDED = "funded", StateInfo("green", public=True, matching=True), _("Funded")
        RUNNING = "running", StateInfo("green", public=True, matching=True), _("Running")
        CAPITALISED = (
            "capitalised",
            StateInfo("purple", terminal=True, public=True),
            _("Capitalised"),
        )
        DECLINED = "declined", StateInfo("red", terminal=True), _("Declined")
        ABANDONED = "abandoned", StateInfo("red", terminal=True), _("Abandoned")

    class CooperationForm(models.TextChoices):
        PREMISES = "premises", _("Shared premises")
        EQUIPMENT = "equipment", _("Shared equipment")
        JOBS = "jobs", _("Shared jobs")
        COMMUNICATION = "communication", _("Shared communication")
        TREASURY = "treasury", _("Pooled treasury")
        JOINT_SERVICE = "joint_service", _("Joint service")
        OTHER = "other", _("Other")

    class Support(models.TextChoices):
        ENGINEERING = "engineering", _("Engineering")
        LEGAL = "legal", _("Legal")
        COMMUNICATION = "communication", _("Communication")
        FUNDING = "funding", _("Funding")

    FINAL_STATES = State.where("terminal")
    PUBLIC_STATES = State.where("public")

    # The title and the summary are what a public experiment shows to everyone: no e-mail
    # address nor phone number in them.
    title = models.CharField(_("Title"), max_length=200, validators=[one_line, no_contact_details])
    slug = models.SlugField(_("Slug"), max_length=220, unique=True)
    summary = models.TextField(
        pgettext_lazy("abstract", "Summary"),
        max_length=600,
        blank=True,
        validators=[no_contact_details],
    )
    description = models.TextField(_("Description"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("Themes"))
    territories = models.ManyToManyField(Territory, blank=True, verbose_name=_("Territories"))
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_experiments",
    )
    objectives = models.TextField(_("Objectives"), blank=True)
    expected_results = models.TextField(_("Expected results"), blank=True)
    indicators = models.TextField(_("Indicators"), blank=True)
    cooperation_forms = models.JSONField(_("Forms of cooperation"), default=list, blank=True)
    support_needed = models.JSONField(_("Support needed"), default=list, blank=True)
    self_financing = models.DecimalField(
        _("Self-financing"),
        max_digits=12,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    secured_funding = models.DecimalField(
        _("Secured funding"),
        max_digits=12,
        decimal_places=2,
        default=ZERO,
        editable=False,
        help_text=_("Accepted dossiers and successful campaigns, kept up to date by the platform."),
    )
    start_date = models.DateField(_("Start date"), null=True, blank=True)
    end_date = models.DateField(_("End date"), null=True, blank=True)
    capitalisation_worked = models.TextField(_("What worked"), blank=True)
    capitalisation_did_not_work = models.TextField(_("What did not work"), blank=True)
    capitalisation_advice = models.TextField(_("Advice to others"), blank=True)
    is_public = models.BooleanField(
        _("Public summary"),
        default=False,
        help_text=_("From the formalised state on, show the summary on a public page."),
    )
    state = FSMField(
        _("State"), default=State.IDEA, choices=State.choices, protected=True, db_index=True
    )
    state_changed_at = models.DateTimeField(_("In this state since"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(pgettext_lazy("timestamp", "Created"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("timestamp", "Updated"), auto_now=True)

    objects = ExperimentQuerySet.as_manager()

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date comes before the start date.")})
        for field, choices in (
            ("cooperation_forms", self.CooperationForm.values),
            ("support_needed", self.Support.values),
        ):
            value = getattr(self, field) or []
            if not isinstance(value, list) or any(item not in choices for item in value):
                raise ValidationError({field: _("Choose among the options offered.")})

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:200] or "experimentation"
        slug, n = base, 2
        while Experiment.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    # ------------------------------------------------------------------ budget and funding
    @property
    def budget_total(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all()), ZERO)

    @property
    def in_kind_total(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all() if line.in_kind), ZERO)

    def budget_total_for(self, nature: str) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all() if line.nature == nature), ZERO)

    @property
    def operating_total(self) -> Decimal:
        return self.budget_total_for(BudgetLine.Nature.OPERATING)

    @property
    def investment_total(self) -> Decimal:
        return self.budget_total_for(BudgetLine.Nature.INVESTMENT)

    @property
    def funding_need(self) -> Decimal:
        """What must be funded: the cash budget (in-kind lines cover themselves) less
        self-financing."""
        return max(self.budget_total - self.in_kind_total - self.self_financing, ZERO)

    @property
    def funding_gap(self) -> Decimal:
        return max(self.funding_need - self.secured_funding, ZERO)

    # ------------------------------------------------------------------ requirements
    # What the conditions of the transitions check (reading prefetched data when present).
    formalisation_gaps = checklists.formalisation_gaps
    funding_gaps = checklists.funding_gaps
    capitalisation_gaps = checklists.capitalisation_gaps

    def missing_for(self, transition_name: str) -> list[Requirement]:
        """Unmet conditions of a transition, listed before anyone tries it."""
        return workflow_missing_for(self, transition_name)

    @property
    def is_final(self) -> bool:
        return self.State(self.state).terminal

    # ------------------------------------------------------------------ transitions
    # One explicit @transition per edge. They only change in-memory state and its timestamp;
    # the engine (`core.workflow`) checks the rule, locks the row, saves, audits and notifies.
    def _entered(self) -> None:
        self.state_changed_at = timezone.now()

    @transition(
        field=state,
        source=State.IDEA,
        target=State.FORMALISATION,
        permission=COORDINATOR,
        custom=declare(_("Accept the idea")),
    )
    def accept_idea(self) -> None:
        """A coordinator accepts the idea: the lead can fill in the formalisation sheet."""
        self._entered()

    @transition(
        field=state,
        source=State.IDEA,
        target=State.DECLINED,
        permission=COORDINATOR,
        custom=declare(_("Decline the idea"), comment_required=True),
    )
    def decline_idea(self) -> None:
        """A coordinator declines the idea (comment required)."""
        self._entered()

    @transition(
        field=state,
        source=State.FORMALISATION,
        target=State.FORMALISED,
        conditions=[Condition(checklists.formalisation_gaps)],
        permission=LEAD,
        custom=declare(_("Declare the sheet complete")),
    )
    def formalise(self) -> None:
        """The lead declares the formalisation sheet complete."""
        self._entered()

    @transition(
        field=state,
        source=State.FORMALISED,
        target=State.FORMALISATION,
        permission=COORDINATOR,
        custom=declare(_("Reopen the sheet"), comment_required=True),
    )
    def reopen(self) -> None:
        """A coordinator sends the sheet back for changes (comment required)."""
        self._entered()

    @transition(
        field=state,
        source=State.FORMALISED,
        target=State.SEEKING_FUNDING,
        permission=LEAD_OR_COORDINATOR,
        custom=declare(_("Start seeking funding")),
    )
    def seek_funding(self) -> None:
        """The lead or a coordinator starts looking for funding."""
        self._entered()

    @transition(
        field=state,
        source=State.SEEKING_FUNDING,
        target=State.FUNDED,
        permission=COORDINATOR,
        # An uncovered budget is listed as missing; the coordinator may decide despite it,
        # explaining why in a comment.
        custom=declare(_("Mark as funded"), overridable=[Condition(checklists.funding_gaps)]),
    )
    def mark_funded(self) -> None:
        """A coordinator records that the budget is covered (or overrides, with a comment)."""
        self._entered()

    @transition(
        field=state,
        source=State.FUNDED,
        target=State.RUNNING,
        permission=LEAD,
        custom=declare(_("Launch the experiment")),
    )
    def launch(self) -> None:
        """The lead starts the experiment."""
        self._entered()

    @transition(
        field=state,
        source=State.RUNNING,
        target=State.CAPITALISED,
        conditions=[Condition(checklists.capitalisation_gaps)],
        permission=LEAD,
        custom=declare(_("Capitalise")),
    )
    def capitalise(self) -> None:
        """The lead closes the experiment with its capitalisation report."""
        self._entered()

    @transition(
        field=state,
        source=State.where("terminal", present=False),
        target=State.ABANDONED,
        permission=LEAD_OR_COORDINATOR,
        custom=declare(_("Abandon"), comment_required=True),
    )
    def abandon(self) -> None:
        """The lead or a coordinator stops the experiment (comment required)."""
        self._entered()


class BudgetLine(models.Model):
    """A line of an experiment's budget."""

    class Nature(models.TextChoices):
        OPERATING = "operating", _("Operating")
        INVESTMENT = "investment", _("Investment")

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="budget_lines"
    )
    label = models.CharField(_("Label"), max_length=200, validators=[one_line])
    nature = models.CharField(
        _("Nature"), max_length=12, choices=Nature.choices, default=Nature.OPERATING
    )
    amount = models.DecimalField(
        _("Amount (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    in_kind = models.BooleanField(
        _("In kind"), default=False, help_text=_("Contribution in kind (volunteering, loans…)")
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.label}: {self.amount} €"
