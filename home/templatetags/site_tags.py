"""Template tags of the site shell: menu, language switcher, footer settings."""

from django import template
from django.utils import translation
from wagtail.models import Locale, Page

from home.languages import home_pages_by_language, language_links
from home.models import MainMenu

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    menu = MainMenu.for_locale(Locale.get_active())
    current_path = request.path if request else ""
    items = []
    if menu is not None:
        for block in menu.items:
            url = block.value.url()
            items.append(
                {
                    "url": url,
                    "text": block.value.text(),
                    "is_current": bool(url) and current_path.startswith(url) and url.count("/") > 2,
                }
            )
    return {"items": items, "request": request}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    return {"links": language_links(request, page)}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    request = context["request"]
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    links = [link for link in language_links(request, page) if link.is_translation]
    return {"links": links, "request": request}


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    """The home page in the current language."""
    homes = home_pages_by_language(context["request"])
    home = homes.get(translation.get_language())
    return home.get_url(context["request"]) if home else "/"


@register.filter
def localized(page):
    """The page in the current language when it is translated (footer links)."""
    return page.localized if page is not None else None
