"""Template tags of the site shell: menu, language switcher, footer settings, head metadata."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from home import navigation
from home.breadcrumbs import page_crumbs
from home.languages import home_pages_by_language, language_links, localized_pages
from home.models import MainMenu, SiteSettings
from home.seo import absolute_url, page_meta

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The menu of the active language, grouped in six sections (home/navigation.py); linked
    pages in that language (three queries in all)."""
    request = context.get("request")
    menu = MainMenu.for_language(translation.get_language())
    current_path = request.path if request else ""
    entries = []
    if menu is not None:
        blocks = [b for b in menu.items.raw_data if b["type"] in ("link", "area")]
        pages = localized_pages(b["value"].get("page") for b in blocks if b["type"] == "link")
        for block in blocks:
            link = block["value"]
            if block["type"] == "area":
                entry = navigation.area_entry(link.get("area"), link.get("label") or "")
                if entry is not None:  # else an area no longer offered
                    entries.append(entry)
                continue
            page = pages.get(link.get("page"))
            if link.get("page") and page is None:
                continue  # the page was deleted since the menu was saved
            url = page.get_url(request) if page else link.get("url") or ""
            text = link.get("label") or (page.title if page else url)
            page_type = page.content_type.model_class().__name__ if page else ""
            entries.append((url, text, page_type, ""))
    return {"sections": navigation.build_tree(entries, current_path), "request": request}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"links": language_links(context["request"], _current_page(context))}


def _current_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    """Absolute links to each language version; ``x-default`` is the French one."""
    request = context["request"]
    links = [
        {"code": link.code, "url": absolute_url(request, link.url)}
        for link in language_links(request, _current_page(context))
        if link.is_translation
    ]
    default = next((link for link in links if link["code"] == settings.LANGUAGE_CODE), None)
    if default is not None:
        links.append({"code": "x-default", "url": default["url"]})
    return {"links": links}


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context):
    """Meta description, canonical address, Open Graph and Twitter card tags."""
    return {
        "meta": page_meta(context["request"], _current_page(context)),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    """The home page in the current language."""
    homes = home_pages_by_language(context["request"])
    home = homes.get(translation.get_language())
    return home.get_url(context["request"]) if home else "/"


@register.simple_tag(takes_context=True)
def footer_pages(context) -> dict[str, str]:
    """Addresses of the legal notice, privacy and accessibility statement pages of the site
    settings, in the active language (one query for all, besides the settings the footer loads
    anyway)."""
    request = context["request"]
    site_settings = SiteSettings.load(request_or_site=request)
    wanted = {
        "legal_notice": site_settings.legal_notice_page_id,
        "privacy": site_settings.privacy_page_id,
        "accessibility": site_settings.accessibility_page_id,
    }
    pages = localized_pages(wanted.values())
    return {name: pages[pk].get_url(request) for name, pk in wanted.items() if pk in pages}


@register.filter
def localized(page):
    """The page in the current language when it is translated (footer links)."""
    return page.localized if page is not None else None


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumbs(context):
    """The view's ``breadcrumbs`` if it gives some, else the Wagtail page's ancestors."""
    crumbs = context.get("breadcrumbs")
    if crumbs is None:
        page = _current_page(context)
        request = context.get("request")
        crumbs = page_crumbs(page, request) if page is not None and request is not None else []
    return {"crumbs": crumbs}
