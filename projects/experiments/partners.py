"""Business events of partner invitations: naming an organisation invites it, one of its members
accepts or declines, the leads remove or invite again.

Like every service, these never receive the web request; each locks the experiment's row (then
the partnership's), checks `projects.experiments.permissions`, writes the change with who and
when, records it in the experiment's audit trail and notifies the people concerned (e-mails leave
after the transaction commits).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import projects.experiments.permissions as permissions
from accounts import roles
from accounts.models import User
from accounts.notifications import Message, notify
from projects.experiments.models import Experiment, ExperimentEvent, ExperimentPartner
from projects.network.models import Organisation, OrganisationMembership
from projects.network.permissions import organisation_ids

Status = ExperimentPartner.Status

# The audit trail's names of these events (shown in the experiment's activity).
INVITED, ACCEPTED, DECLINED, REMOVED = (
    "partner_invited",
    "partner_accepted",
    "partner_declined",
    "partner_removed",
)


def invitations_url() -> str:
    return reverse("projects:partner_invitations")


def _record(experiment: Experiment, action: str, *, by: User, organisation: Organisation) -> None:
    ExperimentEvent.objects.create(
        experiment=experiment,
        actor=by,
        transition=action,
        from_state=experiment.state,
        to_state=experiment.state,
        comment=organisation.name,
    )


def _lock(experiment: Experiment) -> Experiment:
    return (
        Experiment.objects.select_for_update()
        .select_related("lead_organisation")
        .get(pk=experiment.pk)
    )


def organisation_members(organisation_id: int):
    return User.objects.filter(
        organisation_memberships__organisation_id=organisation_id, is_active=True
    ).distinct()


def _coordinators():
    return User.objects.filter(groups__name=roles.COORDINATORS).distinct()


def has_members(organisation_id: int) -> bool:
    return organisation_members(organisation_id).exists()


def invite_partner(
    experiment: Experiment, organisation: Organisation, *, by: User, role: str = ""
) -> ExperimentPartner:
    """Name ``organisation`` as a partner: it is invited (again, after a refusal) and its members
    are told; without members on the platform, the coordinators are told instead."""
    with transaction.atomic():
        experiment = _lock(experiment)
        if not permissions.can_invite_partners(by, experiment):
            raise PermissionDenied(_("Your role does not allow you to invite partners."))
        if organisation.pk == experiment.lead_organisation_id:
            raise ValidationError(_("The lead organisation is already in."))
        link = (
            ExperimentPartner.objects.select_for_update()
            .filter(experiment=experiment, organisation=organisation)
            .first()
        )
        if link is not None and link.status != Status.DECLINED:
            if link.role != role:
                link.role = role
                link.save(update_fields=["role"])
            return link
        link = link or ExperimentPartner(experiment=experiment, organisation=organisation)
        link.role = role
        link.status = Status.INVITED
        link.invited_by, link.invited_at = by, timezone.now()
        link.decided_by, link.decided_at = None, None
        link.save()
        _record(experiment, INVITED, by=by, organisation=organisation)
        _notify_invited(link, by=by)
    return link


def _notify_invited(link: ExperimentPartner, *, by: User) -> None:
    experiment, organisation = link.experiment, link.organisation
    members = list(organisation_members(organisation.pk))

    def compose(user: User) -> Message:
        return Message(
            title=_("%(organisation)s is invited to take part in “%(title)s”")
            % {"organisation": organisation.name, "title": experiment.title},
            body=_(
                "%(name)s invites %(organisation)s as a partner of the cooperation experiment "
                "“%(title)s”, led by %(lead)s. Accept or decline the invitation."
            )
            % {
                "name": by.get_full_name(),
                "organisation": organisation.name,
                "title": experiment.title,
                "lead": experiment.lead_organisation.name,
            },
            url=invitations_url(),
        )

    if members:
        notify(members, compose)
        return

    def compose_for_coordinators(user: User) -> Message:
        return Message(
            title=_("No member of %(organisation)s can answer an invitation")
            % {"organisation": organisation.name},
            body=_(
                "“%(title)s” invites %(organisation)s as a partner, but nobody on the platform "
                "is a member of it. Get in touch with the organisation."
            )
            % {"title": experiment.title, "organisation": organisation.name},
            url=invitations_url(),
        )

    notify(_coordinators(), compose_for_coordinators)


def answer_invitation(link: ExperimentPartner, *, by: User, accept: bool) -> ExperimentPartner:
    """A member of the invited organisation accepts or declines; the leads are told."""
    with transaction.atomic():
        experiment = _lock(link.experiment)
        link = (
            ExperimentPartner.objects.select_for_update()
            .select_related("organisation")
            .filter(pk=link.pk)
            .first()
        )
        if link is None:
            raise ValidationError(_("This invitation was withdrawn."))
        if not permissions.can_answer_partner_invitation(by, link):
            raise PermissionDenied(
                _("Only a member of %(organisation)s may answer this invitation.")
                % {"organisation": link.organisation.name}
            )
        if link.status != Status.INVITED:
            raise ValidationError(_("This invitation was already answered."))
        link.status = Status.ACCEPTED if accept else Status.DECLINED
        link.decided_by, link.decided_at = by, timezone.now()
        link.save(update_fields=["status", "decided_by", "decided_at"])
        _record(experiment, ACCEPTED if accept else DECLINED, by=by, organisation=link.organisation)
        leads = User.objects.filter(
            experiment_memberships__experiment=experiment,
            experiment_memberships__role=permissions.LEAD,
        )

        def compose(user: User) -> Message:
            template = (
                _("%(organisation)s accepted to take part in “%(title)s”")
                if accept
                else _("%(organisation)s declined to take part in “%(title)s”")
            )
            return Message(
                title=template
                % {"organisation": link.organisation.name, "title": experiment.title},
                body=_("Answered by %(name)s.") % {"name": by.get_full_name()},
                url=reverse("projects:partners", kwargs={"pk": experiment.pk}),
            )

        notify([u for u in leads if u.pk != by.pk], compose)
    return link


def remove_partner(link: ExperimentPartner, *, by: User) -> None:
    """The leads (or coordinators) take an organisation off the partners, whatever its answer."""
    with transaction.atomic():
        experiment = _lock(link.experiment)
        if not permissions.can_invite_partners(by, experiment):
            raise PermissionDenied(_("Your role does not allow you to change the partners."))
        link = ExperimentPartner.objects.select_for_update().filter(pk=link.pk).first()
        if link is None:
            return
        organisation = link.organisation
        link.delete()
        _record(experiment, REMOVED, by=by, organisation=organisation)


def save_partner_forms(experiment: Experiment, formset, *, by: User) -> None:
    """Apply the partners tab's (valid) formset through the services: new rows invite, deleted
    rows remove, changed roles are saved."""
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        instance = form.instance if form.instance.pk else None
        if data.get("DELETE"):
            if instance is not None:
                remove_partner(instance, by=by)
            continue
        organisation = data.get("organisation")
        if organisation is None:
            continue
        if instance is not None and instance.organisation_id != organisation.pk:
            remove_partner(instance, by=by)
        invite_partner(experiment, organisation, by=by, role=data.get("role", ""))


# ---------------------------------------------------------------------- listings
def invitations_for(user) -> QuerySet:
    """The open invitations addressed to the organisations ``user`` is a member of."""
    return (
        ExperimentPartner.objects.invited()
        .filter(organisation_id__in=organisation_ids(user))
        .select_related("experiment__lead_organisation", "organisation", "invited_by")
        .order_by("-invited_at", "-pk")
    )


def unanswerable_invitations() -> QuerySet:
    """Open invitations addressed to organisations with no member on the platform, for the
    coordinators to follow up."""
    members = OrganisationMembership.objects.filter(
        organisation_id=OuterRef("organisation_id"), user__is_active=True
    )
    return (
        ExperimentPartner.objects.invited()
        .filter(~Exists(members))
        .select_related("experiment__lead_organisation", "organisation", "invited_by")
        .order_by("-invited_at", "-pk")
    )


def with_member_flags(links) -> list[ExperimentPartner]:
    """The partnerships with ``has_members`` set, in one query (for the leads' partners tab)."""
    links = list(links)
    answered = set(
        OrganisationMembership.objects.filter(
            organisation_id__in=[link.organisation_id for link in links], user__is_active=True
        ).values_list("organisation_id", flat=True)
    )
    for link in links:
        link.has_members = link.organisation_id in answered
    return links
