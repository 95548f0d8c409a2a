"""The contact page: a form built with Wagtail's form builder, in French, English and Italian
(`home/demo/data/contact.yaml`)."""

from home.demo.content import read
from home.demo.i18n import Catalogue
from home.demo.pages import build, child_by_slug, create_child, translate_everywhere
from home.models import FormField, FormPage, HomePage, SiteSettings


def lines(t: Catalogue, *text: str) -> str:
    """A multi-line text: wagtail-localize shows its line breaks as <br/> to translators."""
    t(*(value.replace("\n", "<br/>") for value in text))
    return t(*text)


def contact_fields(t: Catalogue) -> list[FormField]:
    fields = []
    for spec in read("contact")["fields"]:
        values = {
            key: lines(t, *value) if key == "choices" else build(value, t)
            for key, value in spec.items()
        }
        fields.append(FormField(**values))
    return fields


def load(network: dict, home: HomePage) -> list:
    """The contact page and its translations; returns the menu page."""
    t = Catalogue()
    spec = read("contact")["page"]
    slug = t(*spec["slug"])
    title = t(*spec["title"])
    intro = build(spec["intro"], t)
    thanks = build(spec["thank_you_text"], t)
    subject = t(*spec["subject"])
    fields = contact_fields(t)
    page = child_by_slug(home, slug)
    if page is None:
        page = create_child(
            home,
            FormPage(
                slug=slug,
                title=title,
                intro=intro,
                thank_you_text=thanks,
                to_address=SiteSettings.load().contact_email
                or read("pages")["settings"]["contact_email"],
                subject=subject,
                form_fields=fields,
            ),
        )
    translate_everywhere(page.specific, t)
    return [page.specific]
