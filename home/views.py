"""Machine-readable views of the editorial app: robots.txt."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.views.generic import TemplateView

from home.seo import absolute_url


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
