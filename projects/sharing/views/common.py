"""What the sharing board's pages share: statuses, the member's organisations, fetching
posts and conversations a person may see."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

import projects.sharing.permissions as permissions
from projects.network.models import Organisation
from projects.sharing.models import (
    Conversation,
    SharingPost,
)

BOARD_PAGE_SIZE = 20


def response_status(request) -> int:
    return 400 if request.method == "POST" else 200


def my_organisations(user):
    return Organisation.objects.filter(pk__in=permissions.organisation_ids(user)).order_by("name")


def join_page(request):
    """What someone without an organisation is told: how to act for one."""
    return render(request, "projects/sharing/join.html", status=403)


def get_post(request, pk: int, queryset=None) -> SharingPost:
    """The post if the user may read it; 404 otherwise (never reveal it exists)."""
    if queryset is None:
        queryset = SharingPost.objects.for_listing()
    post = get_object_or_404(queryset, pk=pk)
    if not permissions.can_view_post(request.user, post):
        raise Http404
    return post


def get_managed_post(request, pk: int) -> SharingPost:
    post = get_post(request, pk)
    if not permissions.can_manage_post(request.user, post):
        raise PermissionDenied
    return post


def get_conversation(request, pk: int) -> Conversation:
    """The conversation if the user takes part in it (or handles a report on it); 404
    otherwise."""
    conversation = get_object_or_404(
        Conversation.objects.select_related(
            "post__organisation", "post__territory", "organisation", "experiment"
        ),
        pk=pk,
    )
    if not permissions.can_view_conversation(request.user, conversation):
        raise Http404
    return conversation
