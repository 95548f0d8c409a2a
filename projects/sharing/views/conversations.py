"""The member's space: their posts and conversations, reporting a conversation, turning it
into an idea."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

import projects.experiments.permissions as experiment_permissions
import projects.sharing.permissions as permissions
import projects.sharing.services as sharing
from projects.sharing.forms import (
    IdeaForm,
    MessageForm,
    ReportForm,
)
from projects.sharing.models import (
    Conversation,
    ConversationMessage,
    SharingPost,
    SharingReport,
)
from projects.sharing.views.common import get_conversation, response_status

BOARD_PAGE_SIZE = 20


# ---------------------------------------------------------------------- the member's space
@login_required
@never_cache
def space(request):
    """My organisations' posts and my conversations, with their unread messages."""
    user = request.user
    posts = list(
        SharingPost.objects.of_organisations_of(user)
        .select_related("organisation", "territory")
        .annotate(conversation_count=Count("conversations"))
        .order_by("-updated_at", "-pk")
    )
    conversations = list(
        Conversation.objects.of_participant(user)
        .with_unread_count(user)
        .select_related("post__organisation", "organisation", "experiment")
    )
    context = {
        "posts": posts,
        "conversations": conversations,
        "is_member": permissions.is_organisation_member(user),
        "can_moderate": permissions.can_moderate_sharing(user),
    }
    if context["can_moderate"]:
        context["open_reports"] = SharingReport.objects.filter(closed_at__isnull=True).count()
    return render(request, "projects/sharing/space.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def conversation(request, pk: int):
    """A private conversation between two organisations."""
    conversation = get_conversation(request, pk)
    user = request.user
    can_write = permissions.can_write_in_conversation(user, conversation)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            sharing.send_message(conversation, by=user, body=form.cleaned_data["body"])
            return redirect(reverse("projects:conversation", kwargs={"pk": pk}) + "#latest")
    elif can_write:
        sharing.mark_read(conversation, user)
    thread = list(
        ConversationMessage.objects.filter(conversation=conversation).select_related(
            "author", "organisation"
        )
    )
    return render(
        request,
        "projects/sharing/conversation.html",
        {
            "conversation": conversation,
            "post": conversation.post,
            "thread": thread,
            "form": form if can_write else None,
            "is_participant": can_write,
            "can_turn_into_idea": permissions.can_turn_into_idea(user, conversation),
            "can_view_idea": conversation.experiment is not None
            and experiment_permissions.can_view(user, conversation.experiment),
        },
        status=response_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_report(request, pk: int):
    """Report a conversation (and its post) to the coordinators."""
    conversation = get_conversation(request, pk)
    if not permissions.can_report_conversation(request.user, conversation):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sharing.report(
            by=request.user,
            post=conversation.post,
            conversation=conversation,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        messages.success(request, _("Thank you: the coordinators will look at your report."))
        return redirect("projects:conversation", pk=pk)
    return render(
        request,
        "projects/sharing/report_form.html",
        {"form": form, "post": conversation.post, "conversation": conversation},
        status=response_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_idea(request, pk: int):
    """Turn the conversation into a cooperation idea, pre-filled from the posts."""
    conversation = get_conversation(request, pk)
    if not permissions.can_turn_into_idea(request.user, conversation):
        raise PermissionDenied
    draft = sharing.idea_draft(conversation, request.user)
    form = IdeaForm(
        request.POST or None,
        initial={
            "title": draft.title,
            "summary": draft.summary,
            "description": draft.description,
            "themes": draft.themes,
            "territories": draft.territories,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            experiment = sharing.turn_into_idea(
                conversation,
                by=request.user,
                title=data["title"],
                summary=data["summary"],
                description=data["description"],
                themes=data["themes"],
                territories=data["territories"],
            )
        except sharing.SharingError as error:
            messages.error(request, error.message)
            return redirect("projects:conversation", pk=pk)
        messages.success(
            request,
            _("Your idea is recorded. The coordinators will look at it and get back to you."),
        )
        return redirect("projects:experiment", pk=experiment.pk)
    return render(
        request,
        "projects/sharing/idea_form.html",
        {"form": form, "conversation": conversation, "draft": draft},
        status=response_status(request),
    )
