"""Cooperation experiments and their workflow: idea → formalisation → … → capitalised."""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from accounts import roles
from projects.network.models import Organisation, Territory, Theme

MIN_DESCRIPTION_LENGTH = 300
ZERO = Decimal("0")


def _role_allows(name: str):
    """The transition's `permission=`: the role check lives in
    `projects.experiments.permissions`."""

    def check(instance: "Experiment", user) -> bool:
        from projects.experiments.permissions import can_run_transition

        return can_run_transition(user, instance, name)

    check.__name__ = f"can_{name}"
    return check


def private_storage():
    """Documents never live on a public URL (see STORAGES["private"])."""
    return storages["private"]


@dataclass(frozen=True)
class Requirement:
    """A condition a transition needs that is not met yet, with what to do about it."""

    code: str
    message: str | Promise

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self.message)}


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

    class State(models.TextChoices):
        IDEA = "idea", _("Idea")
        FORMALISATION = "formalisation", _("Formalisation")
        FORMALISED = "formalised", _("Formalised")
        SEEKING_FUNDING = "seeking_funding", _("Seeking funding")
        FUNDED = "funded", _("Funded")
        RUNNING = "running", _("Running")
        CAPITALISED = "capitalised", _("Capitalised")
        DECLINED = "declined", _("Declined")
        ABANDONED = "abandoned", _("Abandoned")

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

    FINAL_STATES = (State.CAPITALISED, State.DECLINED, State.ABANDONED)
    PUBLIC_STATES = (
        State.FORMALISED,
        State.SEEKING_FUNDING,
        State.FUNDED,
        State.RUNNING,
        State.CAPITALISED,
    )
    # States counted as "launched" by the programme (formalised and funding sought or more).
    LAUNCHED_STATES = PUBLIC_STATES

    title = models.CharField(_("Title"), max_length=200)
    slug = models.SlugField(_("Slug"), max_length=220, unique=True)
    summary = models.TextField(pgettext_lazy("abstract", "Summary"), max_length=600, blank=True)
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
    def formalisation_gaps(self) -> list[Requirement]:
        """What the formalisation sheet still lacks (reads prefetched data when present)."""
        gaps = []
        if not self.lead_organisation_id or not self.partner_links.all():
            gaps.append(
                Requirement("partners", _("Add at least one partner organisation beside the lead."))
            )
        if not self.themes.all():
            gaps.append(Requirement("themes", _("Choose at least one theme.")))
        if not self.territories.all():
            gaps.append(Requirement("territories", _("Choose at least one territory.")))
        length = len((self.description or "").strip())
        if length < MIN_DESCRIPTION_LENGTH:
            gaps.append(
                Requirement(
                    "description",
                    _("Write a description of at least %(minimum)d characters (%(count)d so far).")
                    % {"minimum": MIN_DESCRIPTION_LENGTH, "count": length},
                )
            )
        if not (self.objectives or "").strip():
            gaps.append(Requirement("objectives", _("State the objectives.")))
        if self.budget_total <= 0:
            gaps.append(Requirement("budget", _("Add budget lines with a total above zero.")))
        if not self.start_date:
            gaps.append(Requirement("start_date", _("Give a start date.")))
        return gaps

    def funding_gaps(self) -> list[Requirement]:
        if self.funding_gap > 0:
            return [
                Requirement(
                    "funding",
                    _(
                        "Secured funding and self-financing do not cover the budget yet: "
                        "%(gap)s € are missing."
                    )
                    % {"gap": number_format(self.funding_gap, 2, force_grouping=True)},
                )
            ]
        return []

    def capitalisation_gaps(self) -> list[Requirement]:
        gaps = []
        if not (self.capitalisation_worked or "").strip():
            gaps.append(Requirement("worked", _("Write what worked.")))
        if not (self.capitalisation_did_not_work or "").strip():
            gaps.append(Requirement("did_not_work", _("Write what did not work.")))
        if not (self.capitalisation_advice or "").strip():
            gaps.append(Requirement("advice", _("Write your advice to others.")))
        return gaps

    def missing_for(self, transition_name: str) -> list[Requirement]:
        """Unmet conditions of a transition, listed before anyone tries it."""
        checks = {
            "formalise": self.formalisation_gaps,
            "mark_funded": self.funding_gaps,
            "capitalise": self.capitalisation_gaps,
        }
        check = checks.get(transition_name)
        return check() if check else []

    def _sheet_complete(self) -> bool:
        return not self.formalisation_gaps()

    def _capitalisation_filled(self) -> bool:
        return not self.capitalisation_gaps()

    @property
    def is_final(self) -> bool:
        return self.state in self.FINAL_STATES

    # ------------------------------------------------------------------ transitions
    # One explicit @transition per edge. They only change in-memory state and its timestamp;
    # `projects.experiments.services` checks permissions, locks the row, saves, audits and notifies.
    def _entered(self) -> None:
        self.state_changed_at = timezone.now()

    @transition(
        field=state,
        source=State.IDEA,
        target=State.FORMALISATION,
        permission=_role_allows("accept_idea"),
    )
    def accept_idea(self) -> None:
        """A coordinator accepts the idea: the lead can fill in the formalisation sheet."""
        self._entered()

    @transition(
        field=state,
        source=State.IDEA,
        target=State.DECLINED,
        permission=_role_allows("decline_idea"),
    )
    def decline_idea(self) -> None:
        """A coordinator declines the idea (comment required)."""
        self._entered()

    @transition(
        field=state,
        source=State.FORMALISATION,
        target=State.FORMALISED,
        conditions=[_sheet_complete],
        permission=_role_allows("formalise"),
    )
    def formalise(self) -> None:
        """The lead declares the formalisation sheet complete."""
        self._entered()

    @transition(
        field=state,
        source=State.FORMALISED,
        target=State.FORMALISATION,
        permission=_role_allows("reopen"),
    )
    def reopen(self) -> None:
        """A coordinator sends the sheet back for changes (comment required)."""
        self._entered()

    @transition(
        field=state,
        source=State.FORMALISED,
        target=State.SEEKING_FUNDING,
        permission=_role_allows("seek_funding"),
    )
    def seek_funding(self) -> None:
        """The lead or a coordinator starts looking for funding."""
        self._entered()

    @transition(
        field=state,
        source=State.SEEKING_FUNDING,
        target=State.FUNDED,
        permission=_role_allows("mark_funded"),
    )
    def mark_funded(self) -> None:
        """A coordinator records that the budget is covered (or overrides, with a comment)."""
        self._entered()

    @transition(
        field=state, source=State.FUNDED, target=State.RUNNING, permission=_role_allows("launch")
    )
    def launch(self) -> None:
        """The lead starts the experiment."""
        self._entered()

    @transition(
        field=state,
        source=State.RUNNING,
        target=State.CAPITALISED,
        conditions=[_capitalisation_filled],
        permission=_role_allows("capitalise"),
    )
    def capitalise(self) -> None:
        """The lead closes the experiment with its capitalisation report."""
        self._entered()

    @transition(
        field=state,
        source=[
            State.IDEA,
            State.FORMALISATION,
            State.FORMALISED,
            State.SEEKING_FUNDING,
            State.FUNDED,
            State.RUNNING,
        ],
        target=State.ABANDONED,
        permission=_role_allows("abandon"),
    )
    def abandon(self) -> None:
        """The lead or a coordinator stops the experiment (comment required)."""
        self._entered()


class ExperimentPartner(models.Model):
    """A partner organisation of an experiment, with its role."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="partner_links"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="partner_links",
    )
    role = models.CharField(_("Role in the experiment"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "organisation"], name="unique_partner_per_experiment"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class ExperimentMember(models.Model):
    """A person taking part in an experiment: lead, contributor or viewer."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CONTRIBUTOR = "contributor", _("Contributor")
        VIEWER = "viewer", _("Viewer")

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiment_memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("On behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("Role"), max_length=12, choices=Role.choices, default=Role.VIEWER)
    joined_at = models.DateTimeField(_("Joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("experiment member")
        verbose_name_plural = _("experiment members")
        constraints = [models.UniqueConstraint(fields=["experiment", "user"], name="unique_member")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class BudgetLine(models.Model):
    """A line of an experiment's budget."""

    class Nature(models.TextChoices):
        OPERATING = "operating", _("Operating")
        INVESTMENT = "investment", _("Investment")

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="budget_lines"
    )
    label = models.CharField(_("Label"), max_length=200)
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


class Milestone(models.Model):
    """A dated step of an experiment's timeline."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Milestone"), max_length=200)
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
    title = models.CharField(_("Title"), max_length=200)
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


class ExperimentComment(models.Model):
    """A message in an experiment's activity feed, among members and coordinators."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("Message"), max_length=5000)
    created_at = models.DateTimeField(_("Posted"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


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


class ExperimentEvent(AuditRecord):
    """The audit record of one transition: who, when, from, to, comment. Never edited."""

    experiment = models.ForeignKey(Experiment, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("By"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transition = models.CharField(_("Action"), max_length=40)
    from_state = models.CharField(
        pgettext_lazy("state change", "From"), max_length=20, choices=Experiment.State.choices
    )
    to_state = models.CharField(_("To"), max_length=20, choices=Experiment.State.choices)
    comment = models.TextField(pgettext_lazy("noun", "Comment"), blank=True)
    created_at = models.DateTimeField(_("When"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.transition}: {self.from_state} → {self.to_state}"


def default_invitation_expiry():
    return timezone.now() + timedelta(days=14)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An e-mail invitation to join an organisation or an experiment."""

    email = models.EmailField(_("E-mail address"))
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    experiment = models.ForeignKey(
        Experiment, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        _("Role"),
        max_length=12,
        choices=ExperimentMember.Role.choices,
        default=ExperimentMember.Role.CONTRIBUTOR,
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(experiment__isnull=False),
                name="invitation_has_a_target",
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
