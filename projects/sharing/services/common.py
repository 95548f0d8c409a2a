"""What the sharing services share: the addresses of the board's pages, who hears about what,
and the one error type of whatever cannot happen now."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from core.workflow import WorkflowError
from projects.network.models import OrganisationMembership
from projects.sharing.models import Conversation, SharingPost, SharingReport

# The board's refusals are the workflow engine's: one error type, with its HTTP status (409 for
# "not possible now"), whether a post's transition or a report already closed refuses.
SharingError = WorkflowError


def post_url(post: SharingPost) -> str:
    return reverse("projects:sharing_post", kwargs={"pk": post.pk})


def conversation_url(conversation: Conversation) -> str:
    return reverse("projects:conversation", kwargs={"pk": conversation.pk})


def report_url(report: SharingReport) -> str:
    return reverse("projects:sharing_report", kwargs={"pk": report.pk})


def display_name(user: User | None) -> str:
    """A person's name as other members see it: never their e-mail address."""
    if user is None:
        return _("A former member")
    return user.full_name or _("A member")


def organisation_members(organisation_ids: Iterable[int]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, organisation_memberships__organisation_id__in=list(organisation_ids)
        ).distinct()
    )


def post_contacts(post: SharingPost) -> list[User]:
    """Who hears about a post: its author while a member of its organisation, else all its
    organisation's members."""
    author = post.author
    if (
        author is not None
        and author.is_active
        and OrganisationMembership.objects.filter(
            user=author, organisation_id=post.organisation_id
        ).exists()
    ):
        return [author]
    return organisation_members([post.organisation_id])


def _coordinators() -> list[User]:
    return list(User.objects.filter(groups__name=roles.COORDINATORS).distinct())
