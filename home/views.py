"""Views of the editorial app outside Wagtail's page serving: robots.txt and file routes."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.views import serve

from home import themes
from home.breadcrumbs import Crumb, home_url
from home.seo import absolute_url

# Routable page sub-routes that end in a file name ("…/agenda.ics"): Wagtail's own pattern only
# accepts path segments made of letters, digits, "-" and "_", each followed by a slash.
FILE_ROUTE_PATTERN = r"^(?P<path>(?:[\w\-]+/)+[\w\-]+\.ics)$"


def serve_file_route(request: HttpRequest, path: str) -> HttpResponse:
    """Serve ``<page url><name>.ics`` through the page's ``<name>.ics/`` route."""
    return serve(request, path + "/")


def account_prefixes() -> list[str]:
    """The address under which each language's account pages live (sign-in, profile…)."""
    prefixes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            login = reverse("accounts:login")
        prefixes.append(login.rstrip("/").rsplit("/", 1)[0] + "/")
    return prefixes


class RobotsTxtView(TemplateView):
    """robots.txt: crawl every public page, never the admin or the personal account pages.

    Documents stay crawlable: the guides' PDFs are public content, and a document in a private
    collection is refused by Wagtail's serve view whatever robots.txt says.
    """

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["disallow"] = [reverse("wagtailadmin_home"), *account_prefixes()]
        context["sitemap_url"] = absolute_url(self.request, reverse("sitemap"))
        return context


def theme(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page of one cooperation theme (home/themes.py): its guide, exchanges, public
    experiments, open calls and sharing posts."""
    found = themes.public_theme(slug)
    if found is None:
        raise Http404
    digest = themes.theme_digest(found)
    crumbs = [Crumb(home_url(request), _("Home")), Crumb("", digest.theme.name)]
    return render(request, "home/theme.html", {"digest": digest, "breadcrumbs": crumbs})
