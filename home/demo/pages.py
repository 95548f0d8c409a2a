"""The home page, the "take part" page, the legal notice and the privacy page (seed facts), the
site's settings and the main menu, from `home/demo/data/pages.yaml`; and the helpers every part
uses to build pages from the data files.
"""

import json
import uuid
from typing import Any

from wagtail.models import Locale, Page

from home.demo.content import DemoDataError, read
from home.demo.i18n import Catalogue
from home.models import HomePage, MainMenu, SiteSettings, StandardPage
from home.translation import translate_instance


def link(page: Page | None = None, url: str = "", label: str = "") -> dict:
    return {"page": page.pk if page else None, "url": url, "label": label}


def items(*values) -> list[dict]:
    """ListBlock items in Wagtail's block format (wagtail-localize only translates that form)."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def stream(*blocks: tuple[str, dict | str]) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def french_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="fr", depth=2)


def child_by_slug(parent: Page, slug: str) -> Page | None:
    return parent.get_children().filter(slug=slug).first()


def create_child(parent: Page, page: Page) -> Page:
    """Add a page under its parent and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_child(parent: Page, model: type[Page], *, slug: str, **fields) -> Page:
    """The child page with that slug, created and published if missing (editors' changes kept)."""
    page = child_by_slug(parent, slug)
    if page is None:
        page = create_child(parent, model(slug=slug, **fields))
    return page.specific


def ensure_standard_page(parent: Page, *, slug: str, **fields) -> StandardPage:
    return ensure_child(parent, StandardPage, slug=slug, **fields)


def translate_everywhere(instance, catalogue: Catalogue) -> None:
    """Create the English and Italian linked translations that do not exist yet."""
    for code in catalogue.languages:
        locale = Locale.objects.get(language_code=code)
        if instance.get_translation_or_none(locale) is None:
            translate_instance(instance, code, catalogue.for_language(code))


def build(value: Any, t: Catalogue, pages: dict[str, Page] | None = None) -> Any:
    """The French content of a data file's value, its translations remembered by ``t``.

    Texts become their French version; `{paragraphs: [texts]}` and `{bullets: [texts]}` rich
    text of one segment per paragraph or item; `{items: [values]}` a list block's items; a link
    `{page: <name>, url, label}` points at ``pages[name]``.
    """
    if isinstance(value, tuple):
        return t(*value)
    if isinstance(value, list):
        return [build(item, t, pages) for item in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"paragraphs"}:
        return t.paragraphs(*value["paragraphs"])
    if set(value) == {"bullets"}:
        return t.bullets(*value["bullets"])
    if set(value) == {"items"}:
        return items(*(build(item, t, pages) for item in value["items"]))
    if "page" in value and set(value) <= {"page", "url", "label"}:
        name = value["page"]
        if name and name not in (pages or {}):
            raise DemoDataError(f"{getattr(value, 'where', '')}: no page named `{name}` here")
        page = pages[name] if name else None
        label = build(value.get("label", ""), t, pages)
        return link(page, url=value.get("url", ""), label=label)
    return {key: build(item, t, pages) for key, item in value.items()}


def build_stream(blocks: list[dict], t: Catalogue, pages: dict[str, Page] | None = None) -> str:
    """A StreamField's JSON from a data file's list of `{type, value}` blocks."""
    return stream(*((block["type"], build(block["value"], t, pages)) for block in blocks))


def page_fields(spec: dict, t: Catalogue, pages: dict[str, Page] | None = None) -> dict:
    """A page's fields from its data: texts in French (translations remembered), `body` built."""
    return {
        key: build_stream(value, t, pages) if key == "body" else build(value, t, pages)
        for key, value in spec.items()
    }


def take_part_page(home: HomePage, t: Catalogue) -> StandardPage:
    return ensure_standard_page(home, **page_fields(read("pages")["take_part"], t))


def legal_pages(home: HomePage, t: Catalogue) -> tuple[StandardPage, StandardPage, StandardPage]:
    """The legal notice, the privacy page and the accessibility statement (RGAA model)."""
    data = read("pages")
    legal = ensure_standard_page(home, **page_fields(data["legal"], t))
    privacy = ensure_standard_page(home, **page_fields(data["privacy"], t))
    accessibility = ensure_standard_page(home, **page_fields(data["accessibility"], t))
    return legal, privacy, accessibility


def fill_home(home: HomePage, take_part: StandardPage, t: Catalogue) -> None:
    """The French home page: the cluster, the seed's key figures, the themes, how to take part."""
    spec = read("pages")["home"]
    # The cluster's name is a proper noun: the same in every language.
    title, slug = t(*spec["title"]), t(*spec["slug"])
    body = build_stream(spec["body"], t, {"take_part": take_part})
    description = t(*spec["search_description"])
    if not home.body:
        home.title = title
        home.slug = slug
        home.body = body
        home.search_description = description
        home.save_revision().publish()


def main_menu(pages: list[Page]) -> None:
    """The French menu, created once then completed with new demo pages, and its translations."""
    t = Catalogue()
    menu = MainMenu.objects.filter(locale=Locale.get_default()).first()
    spec = read("pages")["main_menu"]
    name = t(*spec["name"])
    changed = menu is None
    if menu is None:
        menu = MainMenu(name=name, locale=Locale.get_default())
        menu.items = stream()
        menu.save()
    links = [b.value for b in menu.items if b.block_type == "link"]
    present = {value["page"].pk for value in links if value["page"]}
    missing = [page for page in pages if page.pk not in present]
    areas_present = {b.value["area"] for b in menu.items if b.block_type == "area"}
    missing_areas = [key for key in spec["areas"] if key not in areas_present]
    if missing or missing_areas:
        raw = [{"type": b["type"], "value": b["value"]} for b in menu.items.raw_data]
        raw += [{"type": "link", "value": link(page)} for page in missing]
        raw += [{"type": "area", "value": {"area": key, "label": ""}} for key in missing_areas]
        menu.items = json.dumps(raw)
        menu.save()
        changed = True
    for code in t.languages:
        locale = Locale.objects.get(language_code=code)
        if changed or menu.get_translation_or_none(locale) is None:
            # Menus link pages: the translation points at each page's translation.
            translate_instance(menu, code, t.for_language(code))


def load() -> dict[str, Page]:
    """Create the editorial shell of the demo. Safe to run again: creates only what is missing.

    No enclosing transaction: wagtail-localize publishes translations on commit, from page
    instances whose tree counters would then be stale (a translated parent would lose track of
    its children). Each step commits on its own and the loader is idempotent.
    """
    t = Catalogue()
    home = french_home()
    take_part = take_part_page(home, t)
    legal, privacy, accessibility = legal_pages(home, t)
    fill_home(home.specific, take_part, t)
    translate_everywhere(french_home(), t)
    for page in (take_part, legal, privacy, accessibility):
        translate_everywhere(page, t)
    settings_ = SiteSettings.load()
    if not settings_.contact_email:
        site = read("pages")["settings"]
        settings_.contact_email = site["contact_email"]
        settings_.postal_address = site["postal_address"]
        settings_.legal_notice_page = legal
        settings_.privacy_page = privacy
        settings_.save()
    if settings_.accessibility_page_id is None:
        # Databases loaded before the statement existed get it too.
        settings_.accessibility_page = accessibility
        settings_.save()
    return {"home": french_home().specific, "take_part": take_part}
