"""Business events of the organisations' membership: asking to join and deciding, roles, leaving,
and creating an organisation that is not in the directory yet.

Every event locks the organisation's row (`select_for_update`) so that two administrators acting
at once cannot leave it without one: an organisation that has an administrator always keeps at
least one. The people concerned are notified (an e-mail after the transaction commits).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

import projects.network.permissions as permissions
from accounts import roles
from accounts.models import User
from accounts.notifications import Message, notify
from core.text import Fold, fold
from projects.network.models import MembershipRequest, Organisation, OrganisationMembership

Role = OrganisationMembership.Role


class MembershipError(ValidationError):
    """A membership event refused for a reason the person can act on (shown as a message)."""


def members_url(organisation: Organisation) -> str:
    return reverse("projects:organisation_members", kwargs={"pk": organisation.pk})


def my_organisations_url() -> str:
    return reverse("projects:my_organisations")


def _forget(user: User) -> None:
    """Drop the memberships cached on the user object (`permissions.organisation_ids`)."""
    for name in ("_sharing_organisation_ids", "_admin_organisation_ids"):
        user.__dict__.pop(name, None)


def _lock(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _admins(organisation: Organisation):
    return User.objects.filter(
        is_active=True,
        organisation_memberships__organisation=organisation,
        organisation_memberships__role=Role.ADMIN,
    )


def coordinators():
    return User.objects.filter(is_active=True, groups__name=roles.COORDINATORS).distinct()


def deciders(organisation: Organisation):
    """Who decides on requests to join: its administrators, else the coordinators."""
    admins = list(_admins(organisation))
    return admins or list(coordinators())


def _admin_count(organisation: Organisation) -> int:
    return OrganisationMembership.objects.filter(organisation=organisation, role=Role.ADMIN).count()


# ---------------------------------------------------------------------- requests to join
@transaction.atomic
def ask_to_join(organisation: Organisation, *, by: User, message: str = "") -> MembershipRequest:
    """Someone asks to act for an organisation; its administrators (or the coordinators, when it
    has none) are told."""
    if not permissions.active(by):
        raise PermissionDenied
    organisation = _lock(organisation)
    if OrganisationMembership.objects.filter(user=by, organisation=organisation).exists():
        raise MembershipError(_("You are already a member of %(name)s.") % {"name": organisation})
    if MembershipRequest.objects.pending().filter(user=by, organisation=organisation).exists():
        raise MembershipError(
            _("You already asked to join %(name)s: your request is waiting for a decision.")
            % {"name": organisation}
        )
    request = MembershipRequest(
        user=by, organisation=organisation, message=(message or "").strip()[:2000]
    )
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:  # a second request raced past the check above
        raise MembershipError(
            _("You already asked to join %(name)s: your request is waiting for a decision.")
            % {"name": organisation}
        ) from None

    def compose(user: User) -> Message:
        body = _("%(name)s asks to act on behalf of %(organisation)s.") % {
            "name": by.get_full_name() or by.email,
            "organisation": organisation.name,
        }
        if request.message:
            body += "\n\n" + request.message
        return Message(
            title=_("Request to join %(organisation)s") % {"organisation": organisation.name},
            body=body,
            url=members_url(organisation),
        )

    notify(deciders(organisation), compose)
    return request


def _lock_pending(request: MembershipRequest) -> MembershipRequest:
    request = MembershipRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_pending:
        raise MembershipError(_("This request was already answered or withdrawn."))
    return request


@transaction.atomic
def withdraw_request(request: MembershipRequest, *, by: User) -> MembershipRequest:
    """The person who asked withdraws the request before it is decided."""
    if request.user_id != by.pk:
        raise PermissionDenied
    request = _lock_pending(request)
    request.status = MembershipRequest.Status.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    return request


def _decide(request: MembershipRequest, *, by: User, approve: bool, message: str):
    organisation = _lock(request.organisation)
    if not permissions.can_decide_requests(by, organisation):
        raise PermissionDenied
    request = _lock_pending(request)
    request.status = (
        MembershipRequest.Status.APPROVED if approve else MembershipRequest.Status.DECLINED
    )
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_message = (message or "").strip()[:2000]
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_message"])
    membership = None
    if approve:
        # The first person approved for an organisation without administrators becomes its
        # administrator: someone must be able to decide the next requests.
        role = Role.MEMBER if _admin_count(organisation) else Role.ADMIN
        membership, _created = OrganisationMembership.objects.get_or_create(
            user=request.user, organisation=organisation, defaults={"role": role}
        )
        _forget(request.user)

    def compose(user: User) -> Message:
        if approve:
            title = _("You now act on behalf of %(organisation)s") % {
                "organisation": organisation.name
            }
            body = _("%(name)s approved your request (role: %(role)s).") % {
                "name": by.get_full_name() or by.email,
                "role": membership.get_role_display(),
            }
        else:
            title = _("Your request to join %(organisation)s was declined") % {
                "organisation": organisation.name
            }
            body = _("%(name)s declined your request.") % {"name": by.get_full_name() or by.email}
        if request.decision_message:
            body += "\n\n" + request.decision_message
        return Message(title=title, body=body, url=my_organisations_url())

    notify([request.user], compose)
    return request, membership


@transaction.atomic
def approve_request(
    request: MembershipRequest, *, by: User, message: str = ""
) -> OrganisationMembership:
    """An administrator of the organisation (or a coordinator) lets the person act for it."""
    return _decide(request, by=by, approve=True, message=message)[1]


@transaction.atomic
def decline_request(
    request: MembershipRequest, *, by: User, message: str = ""
) -> MembershipRequest:
    """An administrator of the organisation (or a coordinator) refuses the request."""
    return _decide(request, by=by, approve=False, message=message)[0]


# ---------------------------------------------------------------------- members and roles
def _lock_membership(membership: OrganisationMembership) -> OrganisationMembership:
    found = (
        OrganisationMembership.objects.select_for_update()
        .select_related("user", "organisation")
        .filter(pk=membership.pk)
        .first()
    )
    if found is None:
        raise MembershipError(_("This person is no longer a member."))
    return found


def _keeps_an_admin(membership: OrganisationMembership) -> None:
    if membership.role == Role.ADMIN and _admin_count(membership.organisation) <= 1:
        raise MembershipError(
            _(
                "%(organisation)s must keep at least one administrator: make another member "
                "administrator first."
            )
            % {"organisation": membership.organisation.name}
        )


@transaction.atomic
def change_role(
    membership: OrganisationMembership, role: str, *, by: User
) -> OrganisationMembership:
    """An administrator (or a coordinator) makes a member administrator, or the reverse."""
    if role not in Role.values:
        raise MembershipError(_("Choose a role in the list."))
    organisation = _lock(membership.organisation)
    if not permissions.can_manage_members(by, organisation):
        raise PermissionDenied
    membership = _lock_membership(membership)
    if membership.role == role:
        return membership
    if role != Role.ADMIN:
        _keeps_an_admin(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    _forget(membership.user)

    def compose(user: User) -> Message:
        return Message(
            title=_("Your role in %(organisation)s changed") % {"organisation": organisation.name},
            body=_("%(name)s changed your role to: %(role)s.")
            % {"name": by.get_full_name() or by.email, "role": membership.get_role_display()},
            url=my_organisations_url(),
        )

    notify([membership.user] if membership.user_id != by.pk else [], compose)
    return membership


@transaction.atomic
def remove_member(membership: OrganisationMembership, *, by: User) -> None:
    """An administrator (or a coordinator) removes someone from the organisation's members."""
    organisation = _lock(membership.organisation)
    if not permissions.can_manage_members(by, organisation):
        raise PermissionDenied
    membership = _lock_membership(membership)
    _keeps_an_admin(membership)
    member = membership.user
    membership.delete()
    _forget(member)

    def compose(user: User) -> Message:
        return Message(
            title=_("You no longer act on behalf of %(organisation)s")
            % {"organisation": organisation.name},
            body=_("%(name)s removed you from its members.")
            % {"name": by.get_full_name() or by.email},
            url=my_organisations_url(),
        )

    notify([member] if member.pk != by.pk else [], compose)


@transaction.atomic
def leave_organisation(organisation: Organisation, *, by: User) -> None:
    """A member stops acting for the organisation (its last administrator cannot)."""
    organisation = _lock(organisation)
    membership = (
        OrganisationMembership.objects.select_for_update()
        .select_related("organisation")
        .filter(user=by, organisation=organisation)
        .first()
    )
    if membership is None:
        raise MembershipError(_("You are not a member of %(name)s.") % {"name": organisation})
    _keeps_an_admin(membership)
    membership.delete()
    _forget(by)


# ---------------------------------------------------------------------- a new organisation
def normalised_name(name: str) -> str:
    return " ".join((name or "").split())


def duplicate_of(name: str) -> Organisation | None:
    """An organisation of the directory with the same name once folded (case, accents,
    apostrophes and spaces), if there is one."""
    folded = fold(normalised_name(name))
    return (
        Organisation.objects.canonical()
        .annotate(folded=Fold("name"))
        .filter(folded=folded)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def create_organisation(*, by: User, **fields) -> Organisation:
    """A signed-in person adds their organisation to the directory and becomes its
    administrator; the coordinators are told, to check it (they edit or delete it in the
    admin)."""
    if not permissions.can_create_organisation(by):
        raise PermissionDenied
    fields["name"] = normalised_name(fields.get("name", ""))
    existing = duplicate_of(fields["name"])
    if existing is not None:
        raise MembershipError(
            {
                "name": _(
                    "%(name)s is already in the directory: ask to join it from its page instead."
                )
                % {"name": existing.name}
            },
            code="duplicate",
        )
    organisation = Organisation(locale=Locale.get_default(), **fields)
    organisation.full_clean(exclude=["slug", "themes", "territories"])
    organisation.save()
    OrganisationMembership.objects.create(user=by, organisation=organisation, role=Role.ADMIN)
    _forget(by)

    def compose(user: User) -> Message:
        return Message(
            title=_("New organisation in the directory: %(organisation)s")
            % {"organisation": organisation.name},
            body=_(
                "%(name)s added it and is its administrator. Check it, and edit or delete it "
                "in the admin if needed."
            )
            % {"name": by.get_full_name() or by.email},
            url=reverse("wagtailsnippets_projects_organisation:edit", args=[organisation.pk]),
        )

    notify(coordinators(), compose)
    return organisation
