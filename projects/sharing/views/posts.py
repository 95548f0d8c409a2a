"""The board and its posts: listing, reading, writing, transitions, photos, replies, reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

import projects.sharing.permissions as permissions
import projects.sharing.services as sharing
from core import confirmation
from core.documents import store_upload
from projects.network.directory_links import organisation_urls
from projects.sharing.forms import (
    BoardFilterForm,
    HideForm,
    PhotoForm,
    PostForm,
    ReplyForm,
    ReportForm,
)
from projects.sharing.models import (
    Conversation,
    SharingPhoto,
    SharingPost,
)
from projects.sharing.photos import photo_response
from projects.sharing.views.common import (
    get_managed_post,
    get_post,
    join_page,
    my_organisations,
    response_status,
)

BOARD_PAGE_SIZE = 20

PHOTO_STORE_UNREACHABLE = gettext_lazy(
    "The photo store cannot be reached right now; please try again later."
)


# ---------------------------------------------------------------------- the board
def board(request):
    """Offers and requests on the board, with filters that work without JavaScript."""
    form = BoardFilterForm(request.GET or None)
    posts = SharingPost.objects.on_board()
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            if data["q"]:
                posts = posts.matching_text(data["q"])
            if data["kind"]:
                posts = posts.filter(kind=data["kind"])
            if data["category"]:
                posts = posts.filter(category=data["category"])
            if data["territory"]:
                posts = posts.in_territory(data["territory"])
            if data["available"]:
                posts = posts.available_on(data["available"])
        else:
            posts = posts.none()
            status = 400
    paginator = Paginator(posts.for_listing().order_by("-published_at", "-pk"), BOARD_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    organisation_links = organisation_urls(
        request, [post.organisation for post in page_obj.object_list]
    )
    for post in page_obj.object_list:
        post.organisation_url = organisation_links.get(post.organisation_id, "")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/sharing/board.html",
        {
            "form": form,
            "page_obj": page_obj,
            "posts": page_obj.object_list,
            "page_range": list(
                paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
            ),
            "filter_query": query.urlencode(),
            "is_filtered": form.is_filtered if status == 200 else True,
        },
        status=status,
    )


def post_detail(request, pk: int, *, reply_form=None, hide_form=None, status: int = 200):
    """One post; for members, replying; for its organisation, managing it."""
    post = get_post(request, pk, SharingPost.objects.for_listing().select_related("author"))
    user = request.user
    post.organisation_url = organisation_urls(request, [post.organisation]).get(
        post.organisation_id, ""
    )
    can_manage = permissions.can_manage_post(user, post)
    can_reply = permissions.can_reply(user, post)
    context = {
        "post": post,
        "photos": list(post.photos.all()),
        "can_manage": can_manage,
        "can_reply": can_reply,
        "is_member": permissions.is_organisation_member(user),
        "can_report": permissions.can_report_post(user, post),
        "can_moderate": permissions.can_moderate_sharing(user),
    }
    if can_reply:
        organisations = my_organisations(user).exclude(pk=post.organisation_id)
        context["reply_form"] = reply_form or ReplyForm(organisations=organisations)
        context["my_conversations"] = list(
            Conversation.objects.filter(
                post=post, organisation_id__in=permissions.organisation_ids(user)
            ).select_related("organisation")
        )
    if can_manage:
        context["transitions"] = sharing.available_transitions(post, user)
        context["matches"] = sharing.matches_of(post)
        context["conversations"] = list(
            Conversation.objects.filter(post=post)
            .with_unread_count(user)
            .select_related("organisation")
        )
    if context["can_moderate"]:
        context["hide_form"] = hide_form or HideForm()
    return render(request, "projects/sharing/post_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request):
    """Write an offer or a request, published at once or kept as a draft."""
    if not permissions.can_post(request.user):
        return join_page(request)
    form = PostForm(request.POST or None, organisations=my_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            post = sharing.create_post(
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                fields=form.post_fields(),
                publish=request.POST.get("action") != "draft",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if post.state == SharingPost.State.PUBLISHED:
                messages.success(request, _("Your post is on the board for 90 days."))
            else:
                messages.success(request, _("Your draft is saved: publish it when it is ready."))
            return redirect("projects:sharing_post", pk=post.pk)
    return render(
        request,
        "projects/sharing/post_form.html",
        {"form": form, "post": None},
        status=response_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = get_managed_post(request, pk)
    if post.is_final:
        messages.error(request, _("This post is closed: it can no longer be changed."))
        return redirect("projects:sharing_post", pk=pk)
    form = PostForm(
        request.POST or None, instance=post, organisations=my_organisations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            sharing.update_post(post, by=request.user, changes=form.post_fields())
        except ValidationError as error:
            form.add_error(None, error)
        except sharing.SharingError as error:
            messages.error(request, error.message)
            return redirect("projects:sharing_post", pk=pk)
        else:
            messages.success(request, _("Saved."))
            return redirect("projects:sharing_post", pk=pk)
    return render(
        request,
        "projects/sharing/post_form.html",
        {"form": form, "post": post},
        status=response_status(request),
    )


@login_required
@require_POST
def post_transition(request, pk: int, name: str):
    """Publish, renew, fulfil or withdraw a post (buttons on its page)."""
    post = get_managed_post(request, pk)
    if name == "withdraw":
        page = confirmation.ask(
            request,
            question=_("Withdraw the post “%(title)s”? It leaves the board for good.")
            % {"title": post.title},
            confirm_label=_("Withdraw the post"),
            cancel_url=reverse("projects:sharing_post", args=[pk]),
        )
        if page is not None:
            return page
    try:
        sharing.run_post_transition(post, name, by=request.user)
    except sharing.SharingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Done: %(action)s.") % {"action": sharing.POST_TRANSITION_LABELS[name]}
        )
    return redirect("projects:sharing_post", pk=pk)


# ---------------------------------------------------------------------- photos
@login_required
@require_http_methods(["GET", "POST"])
def post_photos(request, pk: int):
    post = get_managed_post(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            status = store_upload(
                form,
                "file",
                lambda: sharing.add_photo(
                    post,
                    by=request.user,
                    uploaded=form.cleaned_data["file"],
                    alt_text=form.cleaned_data["alt_text"],
                ),
                unreachable=_(
                    "The photo store cannot be reached right now; please try again later."
                ),
            )
            if status is None:
                messages.success(request, _("Photo added."))
                return redirect("projects:sharing_photos", pk=pk)
    return render(
        request,
        "projects/sharing/photos.html",
        {"post": post, "photos": list(post.photos.all()), "form": form},
        status=status,
    )


@login_required
@require_POST
def photo_delete(request, pk: int, photo_pk: int):
    post = get_managed_post(request, pk)
    photo = get_object_or_404(SharingPhoto, pk=photo_pk, post=post)
    page = confirmation.ask(
        request,
        question=_("Remove the photo “%(alt)s”?") % {"alt": photo.alt_text},
        confirm_label=_("Remove the photo"),
        cancel_url=reverse("projects:sharing_photos", args=[pk]),
    )
    if page is not None:
        return page
    sharing.remove_photo(photo, by=request.user)
    messages.success(request, _("Photo removed."))
    return redirect("projects:sharing_photos", pk=pk)


def photo(request, pk: int, photo_pk: int):
    """A photo, served only while its post may be read by the visitor."""
    photo = get_object_or_404(SharingPhoto.objects.select_related("post"), pk=photo_pk, post_id=pk)
    if not permissions.can_view_photo(request.user, photo):
        raise Http404
    return photo_response(
        photo.file, content_type=photo.content_type, public=photo.post.is_on_board()
    )


# ---------------------------------------------------------------------- replying and reporting
@login_required
@require_POST
def post_reply(request, pk: int):
    """Reply to a post: the private conversation opens with this first message."""
    post = get_post(request, pk)
    if not permissions.can_reply(request.user, post):
        if not permissions.is_organisation_member(request.user):
            return join_page(request)
        raise PermissionDenied
    organisations = my_organisations(request.user).exclude(pk=post.organisation_id)
    form = ReplyForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            conversation = sharing.reply_to_post(
                post,
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(
                request,
                _("Message sent to %(organisation)s.") % {"organisation": post.organisation.name},
            )
            return redirect("projects:conversation", pk=conversation.pk)
    return post_detail(request, pk, reply_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def post_report(request, pk: int):
    """Report a post to the coordinators."""
    post = get_post(request, pk)
    if not permissions.can_report_post(request.user, post):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sharing.report(
            by=request.user,
            post=post,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        messages.success(request, _("Thank you: the coordinators will look at your report."))
        return redirect("projects:sharing_post", pk=pk)
    return render(
        request,
        "projects/sharing/report_form.html",
        {"form": form, "post": post, "conversation": None},
        status=response_status(request),
    )
