"""Template tags of the site shell: menu, language switcher, footer settings, head metadata."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from home import areas
from home.languages import home_pages_by_language, language_links, localized_pages
from home.models import MainMenu, SiteSettings
from home.seo import absolute_url, page_meta

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The menu of the active language; linked pages in that language (three queries in all)."""
    request = context.get("request")
    menu = MainMenu.for_language(translation.get_language())
    current_path = request.path if request else ""
    items = []
    if menu is not None:
        blocks = [b for b in menu.items.raw_data if b["type"] in ("link", "area")]
        pages = localized_pages(b["value"].get("page") for b in blocks if b["type"] == "link")
        for block in blocks:
            link = block["value"]
            if block["type"] == "area":
                found = areas.resolve(link.get("area"))
                if found is None:
                    continue  # an area no longer offered
                url, name = found
                items.append(
                    {
                        "url": url,
                        "text": link.get("label") or name,
                        "is_current": current_path.startswith(url),
                    }
                )
                continue
            page = pages.get(link.get("page"))
            if link.get("page") and page is None:
                continue  # the page was deleted since the menu was saved
            url = page.get_url(request) if page else link.get("url") or ""
            items.append(
                {
                    "url": url,
                    "text": link.get("label") or (page.title if page else url),
                    "is_current": bool(url) and current_path.startswith(url) and url.count("/") > 2,
                }
            )
    return {"items": items, "request": request}


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
