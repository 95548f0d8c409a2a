"""Conversations between organisations about a post, read marks, and reports of abuse."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.experiments.models import Experiment
from projects.network.models import Organisation, OrganisationMembership
from projects.sharing.models.posts import SharingPost


class ConversationQuerySet(models.QuerySet):
    def of_participant(self, user):
        """Conversations ``user`` takes part in: a member of either organisation."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        mine = OrganisationMembership.objects.filter(user=user).values("organisation_id")
        return self.filter(Q(post__organisation_id__in=mine) | Q(organisation_id__in=mine))

    def unread_by(self, user):
        """Conversations with a message from someone else since ``user`` last read them."""
        return self.filter(Exists(unread_messages(user)))

    def with_unread_count(self, user):
        unread = (
            unread_messages(user)
            .order_by()
            .values("conversation")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(unread_count=Coalesce(Subquery(unread), 0))


def unread_messages(user):
    """Messages of the outer conversation written by others after ``user`` last read it."""
    last_read = ConversationReadMark.objects.filter(
        conversation=OuterRef(OuterRef("pk")), user=user
    ).values("read_at")[:1]
    never = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    return (
        ConversationMessage.objects.filter(conversation=OuterRef("pk"))
        .exclude(author=user)
        .filter(created_at__gt=Coalesce(Subquery(last_read), models.Value(never)))
    )


class Conversation(models.Model):
    """A private conversation between the organisation of a post and one that replied to it,
    visible only to their members (and to a coordinator handling a report about it)."""

    post = models.ForeignKey(SharingPost, on_delete=models.CASCADE, related_name="conversations")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Replying organisation"),
        on_delete=models.CASCADE,
        related_name="sharing_conversations",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Started"), default=timezone.now)
    last_message_at = models.DateTimeField(_("Last message"), default=timezone.now, db_index=True)
    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("Cooperation idea"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sharing_conversations",
    )

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "organisation"], name="one_conversation_per_post_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} — {self.organisation}"

    @property
    def organisation_ids(self) -> set[int]:
        return {self.post.organisation_id, self.organisation_id}

    def other_organisation(self, organisation_id: int) -> Organisation:
        """The organisation on the other side from ``organisation_id``."""
        if organisation_id == self.organisation_id:
            return self.post.organisation
        return self.organisation


class ConversationMessage(models.Model):
    """A message of a conversation, written on behalf of one of its two organisations."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("Message"), max_length=5000)
    created_at = models.DateTimeField(_("Sent"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class ConversationReadMark(models.Model):
    """When a person last read a conversation (unread counts)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="read_marks"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_read_mark_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.conversation_id} at {self.read_at:%Y-%m-%d %H:%M}"


class SharingReport(models.Model):
    """A report of abuse about a post or a conversation, for the coordinators.

    A coordinator takes charge of it (and may then read the conversation reported, while the
    report is open), then closes it, hiding the post or not.
    """

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        INAPPROPRIATE = "inappropriate", _("Offensive or inappropriate")
        FRAUD = "fraud", _("Fraud or scam")
        OFF_TOPIC = "off_topic", _("Not a cooperation between organisations")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("Post hidden")
        DISMISSED = "dismissed", _("No action needed")

    post = models.ForeignKey(SharingPost, on_delete=models.CASCADE, related_name="reports")
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("Reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("Details"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("Reported"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    taken_at = models.DateTimeField(_("Taken in charge"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Closed"), null=True, blank=True)
    outcome = models.CharField(_("Outcome"), max_length=10, choices=Outcome.choices, blank=True)
    note = models.TextField(_("Note"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.post}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
