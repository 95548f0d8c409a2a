"""Breadcrumbs: where the page shown sits, from the home page down.

Wagtail pages get theirs from their ancestors (``page_crumbs``, one query); views outside the
page tree pass a ``breadcrumbs`` list of `Crumb` in their context. Both are drawn by
``includes/breadcrumb.html`` from the base template (``site_tags.breadcrumbs``).
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from home.languages import home_pages_by_language

HOME = gettext_lazy("Home")


@dataclass(frozen=True)
class Crumb:
    """One step; the last one, without an address, is the page shown."""

    url: str
    text: str


def home_url(request) -> str:
    """The home page in the active language (no query when the header already asked)."""
    home = home_pages_by_language(request).get(translation.get_language())
    return home.get_url(request) if home else "/"


def page_crumbs(page: Page, request) -> list[Crumb]:
    """The home page, the page's ancestors and the page; none on a home page (depth 2)."""
    if page.depth <= 2:
        return []
    ancestors = page.get_ancestors().filter(depth__gt=2).only("title", "url_path", "path", "depth")
    crumbs = [Crumb(home_url(request), str(HOME))]
    crumbs += [Crumb(ancestor.get_url(request), ancestor.title) for ancestor in ancestors]
    # A routable page's sub-route (an organisation, a call…) shows more than the page: its
    # crumb then leads back to it.
    url = page.get_url(request)
    crumbs.append(Crumb("" if request.path == url else url, page.title))
    return crumbs
