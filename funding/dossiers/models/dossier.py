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
from projects.experiments.models import Experiment

ZERO = Decimal("0")

# Who runs each transition: the checks live in `funding.dossiers.permissions`.
LEAD = Rule("lead", "funding.dossiers.permissions.leads")
REVIEWER = Rule("funder's reviewer", "funding.dossiers.permissions.reviews")


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
        permission=REVIEWER,
        custom=declare(_("Start the review")),
    )
    def start_review(self) -> None:
        """A reviewer of the funder takes the dossier up."""
        self._entered()

    @transition(
        field=state,
        source=State.UNDER_REVIEW,
        target=State.CHANGES_REQUESTED,
        permission=REVIEWER,
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
        permission=REVIEWER,
        custom=declare(_("Accept")),
    )
    def accept(self) -> None:
        """A reviewer accepts, with a granted amount at most the requested one."""
        self._entered()

    @transition(
        field=state,
        source=State.UNDER_REVIEW,
        target=State.DECLINED,
        permission=REVIEWER,
        custom=declare(_("Decline"), comment_required=True),
    )
    def decline(self) -> None:
        """A reviewer declines (reason required)."""
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

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
