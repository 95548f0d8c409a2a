"""Where each language version of the current page lives, for the switcher and hreflang links."""

from dataclasses import dataclass

from asgiref.local import Local
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.urls import NoReverseMatch, translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool  # False when the link falls back to that language's home page


def home_pages_by_language(request) -> dict[str, Page]:
    """The site's home page in each language that has one (cached on the request)."""
    cached = getattr(request, "_c05_home_pages", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    homes: dict[str, Page] = {}
    if site is not None:
        root = site.root_page
        for page in (
            root.get_translations(inclusive=True).live().select_related("locale", "content_type")
        ):
            homes[page.locale.language_code] = page
    request._c05_home_pages = homes
    return homes


def routable_suffix(request, page: Page | None) -> str:
    """What follows a routable page's own address in this request, e.g. ``o/udess-05/``.

    Translations of a page share its routes, so an organisation's detail view in the directory
    links to the same organisation in the other languages' directories.
    """
    match = getattr(request, "routable_resolver_match", None)
    if page is None or match is None or not hasattr(page, "reverse_subpage"):
        return ""
    try:
        return page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return ""


def live_translations(request, page: Page) -> dict[str, Page]:
    """The page's live versions by language, itself included (cached on the request).

    The switcher, the hreflang links and the Open Graph tags all need them: one query per page.
    """
    cache = request.__dict__.setdefault("_c05_translations", {})
    if page.pk not in cache:
        translations: dict[str, Page] = {}
        if getattr(page, "locale_id", None):
            for other in (
                page.get_translations(inclusive=True)
                .live()
                .select_related("locale", "content_type")
            ):
                translations[other.locale.language_code] = other
        cache[page.pk] = translations
    return cache[page.pk]


def language_links(request, page: Page | None = None) -> list[LanguageLink]:
    """One link per language: the page's translation, else that language's home page.

    Outside Wagtail pages (accounts, spaces), Django's translated URL patterns give the address.
    """
    current = translation.get_language()
    homes = home_pages_by_language(request)
    suffix = routable_suffix(request, page)
    translations = live_translations(request, page) if page is not None else {}
    links = []
    for code, name in settings.LANGUAGES:
        is_translation = True
        if page is not None and code in translations:
            url = translations[code].get_url(request) + suffix
        elif page is None:
            url = translate_url(request.get_full_path(), code)
        else:
            is_translation = False
            home = homes.get(code)
            url = home.get_url(request) if home else f"/{code}/"
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url,
                is_current=code == current,
                is_translation=is_translation,
            )
        )
    return links


def localized_pages(page_ids, language: str | None = None) -> dict[int, Page]:
    """Each page id → its live version in ``language`` (active one by default), else itself.

    Like Wagtail's ``page.localized`` for many pages at once: one query whatever their number
    (``localized`` costs two per page), for the menu and the footer shown on every page.
    """
    ids = {pk for pk in page_ids if pk}
    if not ids:
        return {}
    language = language or translation.get_language()
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    versions = Page.objects.filter(
        Q(pk__in=ids) | Q(translation_key__in=keys, locale__language_code=language, live=True)
    ).select_related("locale", "content_type")
    originals, translated = {}, {}
    for page in versions:
        if page.pk in ids:
            originals[page.pk] = page
        if page.live and page.locale.language_code == language:
            translated[page.translation_key] = page
    return {pk: translated.get(page.translation_key, page) for pk, page in originals.items()}


def active_locale() -> Locale:
    return Locale.get_active()


# Page links of one response resolved once (the hero's and the call to action's « take part »);
# forgotten at the start and end of each request.
_link_memo = Local()


def _forget_links(**kwargs) -> None:
    _link_memo.urls = {}


request_started.connect(_forget_links, dispatch_uid="home.languages.forget_links")
request_finished.connect(_forget_links, dispatch_uid="home.languages.forget_links_end")


def localized_url(page: Page) -> str:
    """The address of ``page`` in the active language, else its own (one query per page and
    request; the links of a StreamField call it)."""
    urls = getattr(_link_memo, "urls", None)
    if urls is None:
        urls = _link_memo.urls = {}
    key = (page.pk, translation.get_language())
    if key not in urls:
        found = localized_pages([page.pk]).get(page.pk, page)
        urls[key] = found.url or ""
    return urls[key]
