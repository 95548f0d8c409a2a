"""The guides index and the six mini-guides, one per cooperation theme (from the programme's
founding document).

Their texts, in French with English and Italian side by side, are in
`home/demo/data/guides.yaml`; `GuideWriter` turns each section into the StreamField block of
`home/blocks` it stands for.
"""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from home.demo.content import DemoDataError, Text, read
from home.demo.i18n import Catalogue
from home.demo.pages import create_child, items, stream, translate_everywhere
from home.models import GuideIndexPage, GuidePage, HomePage
from projects.network.models import Organisation, Theme


class GuideWriter:
    """Builds the StreamField sections of a guide from French/English/Italian triples."""

    def __init__(self, t: Catalogue, organisations: dict[str, Organisation]):
        self.t = t
        self.organisations = organisations

    def context(self, heading: Text, *paragraphs: Text) -> tuple[str, dict]:
        return ("context", {"heading": self.t(*heading), "text": self.t.paragraphs(*paragraphs)})

    def alternatives(
        self, heading: Text, intro: Text, caption: Text, *options: tuple[Text, ...]
    ) -> tuple[str, dict]:
        rows = []
        for name, advantages, limits, legal_form, cost in options:
            rows.append(
                {
                    "name": self.t(*name),
                    "advantages": self.t(*advantages),
                    "limits": self.t(*limits),
                    "legal_form": self.t(*legal_form),
                    "cost": self.t(*cost),
                }
            )
        return (
            "alternatives",
            {
                "heading": self.t(*heading),
                "intro": self.t(*intro),
                "caption": self.t(*caption),
                "options": items(*rows),
            },
        )

    def experiences(
        self, heading: Text, intro: Text, *experiences: tuple[Text, Text, str]
    ) -> tuple[str, dict]:
        return (
            "experiences",
            {
                "heading": self.t(*heading),
                "intro": self.t(*intro),
                "items": items(
                    *(
                        {"place": self.t(*place), "summary": self.t(*summary), "link": link}
                        for place, summary, link in experiences
                    )
                ),
            },
        )

    def initiatives(
        self, heading: Text, intro: Text, *initiatives: tuple[str, Text]
    ) -> tuple[str, dict]:
        return (
            "initiatives",
            {
                "heading": self.t(*heading),
                "intro": self.t(*intro),
                "items": items(
                    *(
                        {"organisation": self.organisations[name].pk, "note": self.t(*note)}
                        for name, note in initiatives
                    )
                ),
            },
        )

    def resources(self, heading: Text, *resources: tuple[Text, object, Text]) -> tuple[str, dict]:
        """Resources: (title, a URL or a Document, description)."""
        values = []
        for title, target, description in resources:
            is_url = isinstance(target, str)
            values.append(
                {
                    "title": self.t(*title),
                    "document": None if is_url else target.pk,
                    "url": target if is_url else "",
                    "description": self.t(*description),
                }
            )
        return ("resources", {"heading": self.t(*heading), "items": items(*values)})

    def contacts(self, heading: Text, *lines: tuple[Text, Text, str]) -> tuple[str, dict]:
        return (
            "contacts",
            {
                "heading": self.t(*heading),
                "lines": items(
                    *(
                        {"name": self.t(*name), "role": self.t(*role), "email": email, "phone": ""}
                        for name, role, email in lines
                    )
                ),
            },
        )

    def section(self, spec: dict) -> tuple[str, dict]:
        """The block of one section of a guide's data (see guides.yaml)."""
        data = read("guides")
        kind = spec["type"]
        heading = spec.get("heading") or data["headings"].get(kind)
        if kind == "context":
            return self.context(heading, *spec["paragraphs"])
        if kind == "alternatives":
            options = [
                tuple(option[key] for key in ALTERNATIVE_FIELDS) for option in spec["options"]
            ]
            return self.alternatives(heading, spec["intro"], spec["caption"], *options)
        if kind == "experiences":
            experiences = [(i["place"], i["summary"], i["link"]) for i in spec["items"]]
            return self.experiences(heading, spec["intro"], *experiences)
        if kind == "initiatives":
            initiatives = [(i["organisation"], i["note"]) for i in spec["items"]]
            return self.initiatives(heading, spec["intro"], *initiatives)
        if kind == "resources":
            resources = [
                (i["title"], i["url"] if "url" in i else document(i["document"]), i["description"])
                for i in spec["items"]
            ]
            return self.resources(heading, *resources)
        if kind == "contacts":
            lines = [data["contacts"][name] for name in spec["lines"]]
            contacts = [(line["name"], line["role"], line["email"]) for line in lines]
            return self.contacts(heading, *contacts)
        raise DemoDataError(f"{spec.where}: no guide section of type `{kind}`")


ALTERNATIVE_FIELDS = ("name", "advantages", "limits", "legal_form", "cost")


def document(name: str):
    """A document of guides.yaml's `documents` (created once, found by title afterwards)."""
    spec = read("guides")["documents"][name]
    document_model = get_document_model()
    found = document_model.objects.filter(title=spec["title"]).first()
    if found is None:
        found = document_model(title=spec["title"])
        found.file.save(spec["file_name"], ContentFile(spec["text"].encode("utf-8")), save=False)
        found.save()
    return found


def guide_fields(w: GuideWriter, spec: dict) -> dict:
    """The French fields of a guide, its texts (and those of its sections) remembered."""
    t = w.t
    return {
        "slug": t(*spec["slug"]),
        "title": t(*spec["title"]),
        "summary": t(*spec["summary"]),
        "theme": spec["theme"],
        "published_on": spec["published_on"],
        "body": [w.section(section) for section in spec["body"]],
    }


def index_page(home: HomePage, t: Catalogue) -> GuideIndexPage:
    """The guides index of the French home page (found by type: editors may rename it)."""
    # The texts are registered in the catalogue even when the page exists: translations need them.
    spec = read("guides")["index"]
    slug, title, intro = t(*spec["slug"]), t(*spec["title"]), t(*spec["intro"])
    existing = GuideIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing.specific
    return create_child(home, GuideIndexPage(slug=slug, title=title, intro=intro))


def ensure_guide(index: GuideIndexPage, fields: dict, themes: dict[int, Theme]) -> GuidePage:
    """The guide on that theme, created and published if missing (editors' changes kept).

    Found by theme, the natural key (one guide per theme and language), not by slug: an editor
    may have renamed it.
    """
    theme = themes[fields["theme"]]
    page = GuidePage.objects.child_of(index).filter(theme=theme).first()
    if page is None:
        page = create_child(
            index,
            GuidePage(
                slug=fields["slug"],
                title=fields["title"],
                summary=fields["summary"],
                theme=theme,
                published_on=fields["published_on"],
                body=stream(*fields["body"]),
            ),
        )
    return page.specific


def load(home: HomePage, network: dict) -> Page:
    """Create the guides index and the six guides with their translations; return the index.

    No enclosing transaction (see `home.demo.pages.load`): each step commits on its own.
    """
    t = Catalogue()
    index = index_page(home, t)
    writer = GuideWriter(t, network["organisations"])
    guides = [
        ensure_guide(index, guide_fields(writer, spec), network["themes"])
        for spec in read("guides")["guides"]
    ]
    translate_everywhere(index, t)
    for guide in guides:
        translate_everywhere(guide, t)
    return index
