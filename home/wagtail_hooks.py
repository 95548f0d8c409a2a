from django.contrib import messages
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin.messages import render as render_admin_message
from wagtail.admin.utils import get_user_display_name
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.utils.timestamps import render_timestamp

from core.listings import ListingViewSetMixin, language_column
from home.localize import hooks as _translation_hooks  # noqa: F401 (registers the hooks)
from home.models import MainMenu
from home.moderation import pending_change_request


class MainMenuViewSet(ListingViewSetMixin, SnippetViewSet):
    model = MainMenu
    icon = "list-ul"
    list_display = ["name", language_column()]
    search_fields = ["name"]
    add_to_admin_menu = False


register_snippet(MainMenuViewSet)

CHANGES_REQUESTED_TAG = "changes-requested"


@hooks.register("before_edit_page")
def show_requested_changes(request, page):
    """The moderator's « Request changes », with who, when and the comment, above the editor.

    Shown each time the edit view is opened, until the page is submitted again.
    """
    if request.method != "GET":
        return None
    task_state = pending_change_request(page)
    if task_state is None:
        return None
    comment = task_state.comment.strip()
    who_and_when = {
        "user": get_user_display_name(task_state.finished_by)
        if task_state.finished_by
        else gettext("A moderator"),
        "date": render_timestamp(task_state.finished_at),
    }
    if comment:
        asked = gettext("On %(date)s, %(user)s requested changes:") % who_and_when
        detail = format_html(
            '<blockquote class="changes-requested-comment">{}</blockquote>{}',
            linebreaksbr(comment, autoescape=True),
            gettext("Make the changes, then submit the page again."),
        )
    else:
        asked = gettext("On %(date)s, %(user)s requested changes.") % who_and_when
        detail = gettext("Make the changes, then submit the page again.")
    messages.warning(
        request,
        render_admin_message(asked, None, detail=detail),
        extra_tags=CHANGES_REQUESTED_TAG,
    )
    return None
