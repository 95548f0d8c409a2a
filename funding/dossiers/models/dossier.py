"""The dossier and its workflow: draft → submitted → under review → accepted, declined….

The workflow is declared here, once: the states on `FundingApplication.State`, each edge as its
`@transition` with who runs it (`permission=`), its conditions and its label (`custom=`). The
engine (`core.workflow`) reads these declarations; `funding.dossiers.services` runs the
transitions through it, with what only dossiers do (versions, decisions, secured funding).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from core.workflow import Condition, Rule, StateInfo, WorkflowStates, declare
from core.workflow.models import WorkflowEvent, state_change_fields
from funding.catalogue.models import FundingCall, canonical_only
from funding.dossiers.conditions import checklist, deadline_gaps
from funding.dossiers.stage_conditions import (
    at_last_stage,
    before_last_stage,
    decision_revisable,
    reviews_done,
    stage_allows_changes,
    stage_allows_decline,
)
from projects.experiments.models import Experiment

ZERO = Decimal("0")

# Who runs each transition: the checks live in `funding.dossiers.permissions`.
LEAD = Rule("lead", "funding.dossiers.permissions.leads")
STAFF = Rule("funder's staff", "funding.dossiers.permissions.staff")
DECIDERS = Rule("whom the stage allows", "funding.dossiers.permissions.deciders")
# A review stage may move on before its reviews are in, with a comment saying why.
REVIEWS_DONE = Condition(reviews_done, own_refusal=True)


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

    class State(WorkflowStates):
        # In context: the same English words name states of experiments and sharing posts,
        # whose French and Italian nouns have another gender (« une annonce retirée »).
        # Flag `editable`: the lead's side may change answers, documents and amount.
        DRAFT = "draft", StateInfo("amber", editable=True), pgettext_lazy("dossier state", "Draft")
        SUBMITTED = "submitted", StateInfo("blue"), pgettext_lazy("dossier state", "Submitted")
        UNDER_REVIEW = (
            "under_review",
            StateInfo("blue"),
            pgettext_lazy("dossier state", "Under review"),
        )
        CHANGES_REQUESTED = (
            "changes_requested",
            StateInfo("orange", editable=True),
            pgettext_lazy("dossier state", "Changes requested"),
        )
        ACCEPTED = (
            "accepted",
            StateInfo("green", terminal=True),
            pgettext_lazy("dossier state", "Accepted"),
        )
        DECLINED = (
            "declined",
            StateInfo("red", terminal=True),
            pgettext_lazy("dossier state", "Declined"),
        )
        WITHDRAWN = (
            "withdrawn",
            StateInfo("red", terminal=True),
            pgettext_lazy("dossier state", "Withdrawn"),
        )

    EDITABLE_STATES = State.where("editable")
    FINAL_STATES = State.where("terminal")

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
    stage = models.ForeignKey(
        "funding.DossierStage",
        verbose_name=_("Review stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The stage of its review the dossier is at (its own copy of the stages)."),
    )
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
            # One live dossier per experiment and call: starting again reopens it. The states
            # are those not terminal (`State.where("terminal", present=False)`, a test checks).
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
        return self.State(self.state).has("editable")

    @property
    def is_final(self) -> bool:
        return self.State(self.state).terminal

    @property
    def stage_count(self) -> int:
        """How many review stages the dossier walks (its prefetched stages when present)."""
        return len(self.stages.all())

    @property
    def decided(self) -> bool:
        return self.state in {self.State.ACCEPTED, self.State.DECLINED}

    # ------------------------------------------------------------------ transitions
    def _entered(self) -> None:
        self.state_changed_at = timezone.now()

    @transition(
        field=state,
        source=State.DRAFT,
        target=State.SUBMITTED,
        conditions=[Condition(deadline_gaps, own_refusal=True), Condition(checklist)],
        permission=LEAD,
        custom=declare(_("Send the dossier to the funder"), freezes_version=True),
    )
    def submit(self) -> None:
        """The lead sends the dossier, complete and before the call closes."""
        self._entered()
        self.submitted_at = self.state_changed_at

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.UNDER_REVIEW,
        permission=STAFF,
        custom=declare(_("Start the review")),
    )
    def start_review(self) -> None:
        """The funder's staff take the dossier up: it enters its first review stage (or, sent
        again after changes, the stage that asked for them)."""
        self._entered()

    @transition(
        field=state,
        source=State.UNDER_REVIEW,
        target=State.UNDER_REVIEW,
        conditions=[Condition(before_last_stage, own_refusal=True)],
        permission=DECIDERS,
        custom=declare(_("Send to the next stage"), overridable=[REVIEWS_DONE], stage_step=True),
    )
    def advance(self) -> None:
        """The people the stage allows send the dossier on to its next stage (the services
        move `stage`)."""

    @transition(
        field=state,
        source=State.UNDER_REVIEW,
        target=State.CHANGES_REQUESTED,
        conditions=[Condition(stage_allows_changes, own_refusal=True)],
        permission=DECIDERS,
        custom=declare(
            pgettext_lazy("dossier transition", "Request changes"), comment_required=True
        ),
    )
    def request_changes(self) -> None:
        """A reviewer asks the lead for changes (comment required)."""
        self._entered()

    @transition(
        field=state,
        source=State.CHANGES_REQUESTED,
        target=State.SUBMITTED,
        conditions=[Condition(checklist)],
        permission=LEAD,
        custom=declare(_("Send the changed dossier to the funder"), freezes_version=True),
    )
    def resubmit(self) -> None:
        """The lead sends the changed dossier: a new version."""
        self._entered()
        self.submitted_at = self.state_changed_at

    @transition(
        field=state,
        source=State.UNDER_REVIEW,
        target=State.ACCEPTED,
        conditions=[Condition(at_last_stage, own_refusal=True)],
        permission=DECIDERS,
        custom=declare(_("Accept"), overridable=[REVIEWS_DONE], decision=True, money=True),
    )
    def accept(self) -> None:
        """Accepted at the last stage, with a granted amount at most the requested one."""
        self._entered()

    @transition(
        field=state,
        source=State.UNDER_REVIEW,
        target=State.DECLINED,
        conditions=[Condition(stage_allows_decline, own_refusal=True)],
        permission=DECIDERS,
        custom=declare(_("Decline"), comment_required=True, decision=True),
    )
    def decline(self) -> None:
        """Declined, with its reason, at a stage that allows it."""
        self._entered()

    @transition(
        field=state,
        source=[State.ACCEPTED, State.DECLINED],
        target=State.ACCEPTED,
        conditions=[Condition(decision_revisable, own_refusal=True)],
        permission=STAFF,
        custom=declare(
            _("Take a new decision: accept"),
            comment_required=True,
            decision=True,
            money=True,
            revises=True,
        ),
    )
    def revise_accept(self) -> None:
        """A decision is never undone: a new one replaces it, in the history (another amount,
        or an acceptance after a decline)."""
        self._entered()

    @transition(
        field=state,
        source=State.ACCEPTED,
        target=State.DECLINED,
        permission=STAFF,
        custom=declare(
            _("Take a new decision: decline"), comment_required=True, decision=True, revises=True
        ),
    )
    def revise_decline(self) -> None:
        """An acceptance replaced by a decline (the funding is withdrawn), in the history."""
        self._entered()

    @transition(
        field=state,
        source=State.where("terminal", present=False),
        target=State.WITHDRAWN,
        permission=LEAD,
        custom=declare(_("Withdraw the dossier")),
    )
    def withdraw(self) -> None:
        """The lead withdraws the dossier before any decision."""
        self._entered()


class ApplicationEvent(WorkflowEvent):
    """The audit record of one transition of a dossier: who, when, from, to, comment."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="events"
    )
    from_state, to_state = state_change_fields(FundingApplication.State)
    # The review stages it left and entered (their names as people read them then).
    from_stage = models.CharField(_("From stage"), max_length=100, blank=True)
    to_stage = models.CharField(_("To stage"), max_length=100, blank=True)
    # The decision's figures, as decided then (the dossier keeps only the latest).
    granted_amount = models.DecimalField(
        _("Granted amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
