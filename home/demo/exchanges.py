"""The exchanges of experience of the demo: the seed plans 15 a year (meetings, testimonies,
study trips, forums, trainings), listed in `home/demo/data/exchanges.yaml`. Dates are relative to
the day the demo is loaded; pages are keyed on their slug, so loading again creates nothing even
on another day.
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.demo.content import read
from home.demo.editorial import Text, is_translated, paris_time, rich_paragraphs, text
from home.demo.i18n import Catalogue
from home.demo.pages import ensure_child, page_fields, stream, translate_everywhere
from home.models import ExchangeIndexPage, ExchangePage, HomePage


@dataclass
class DemoExchange:
    """One exchange: French texts, or (fr, en, it) triples when the demo translates it."""

    slug: Text
    kind: str  # a value of ExchangePage.Kind
    days: int  # from the loading day; negative in the past
    hours: list[int]  # start and end hour, Paris time
    commune: str
    address: str
    organisers: list[str]
    themes: list[int]
    title: Text
    summary: Text
    programme: list[Text]
    registration_url: str = ""
    capacity: int | None = None
    report: list[Text] = field(default_factory=list)
    participants: int | None = None
    document: str = ""  # title of a report document to attach
    last_days: int = 0  # for exchanges over several days


REPORT_HTML = (
    """<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 11pt; margin: 2cm; }}
h1 {{ font-size: 18pt; color: #0a4d5c; }}
</style></head><body><h1>{title}</h1>"""
    "<p>Cluster 05 Innovation Sociale, Udess 05.</p>{body}</body></html>"
)


def report_document(title: str, paragraphs: str):
    """A PDF report in the documents library (made once, found by title afterwards)."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        from weasyprint import HTML

        pdf = HTML(string=REPORT_HTML.format(title=title, body=paragraphs)).write_pdf()
        document = Document(title=title)
        document.file.save(
            f"{document.title[:40].lower().replace(' ', '-')}.pdf", ContentFile(pdf), save=False
        )
        document.save()
    return document


def ensure_exchange(
    index: ExchangeIndexPage, item: DemoExchange, network: dict, t: Catalogue
) -> ExchangePage:
    slug = text(item.slug, t)
    title = text(item.title, t)
    summary = text(item.summary, t)
    programme = rich_paragraphs(item.programme, t)
    report = rich_paragraphs(item.report, t) if item.report else ""
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    documents = stream()
    if item.document:
        documents = stream(("document", report_document(item.document, report).pk))
    return ensure_child(
        index,
        ExchangePage,
        slug=slug,
        title=title,
        kind=item.kind,
        start=paris_time(item.days, item.hours[0]),
        end=paris_time(item.days + item.last_days, item.hours[1]),
        commune=network["territories"][item.commune],
        address=item.address,
        organisers=[network["organisations"][name] for name in item.organisers],
        themes=[network["themes"][number] for number in item.themes],
        registration_url=item.registration_url,
        capacity=item.capacity,
        summary=summary,
        body=stream(("rich_text", programme)),
        report_summary=report,
        participants=item.participants,
        report_documents=documents,
    )


def load(network: dict, home: HomePage) -> list:
    """The exchanges index with its translations and the demo exchanges; returns the menu page."""
    t = Catalogue()
    data = read("exchanges")
    index = ensure_child(home, ExchangeIndexPage, **page_fields(data["index"], t))
    translate_everywhere(index, t)
    for item in (DemoExchange(**spec) for spec in data["exchanges"]):
        item_catalogue = Catalogue()
        page = ensure_exchange(index, item, network, item_catalogue)
        if is_translated(item.slug, item.title, item.summary, *item.programme, *item.report):
            translate_everywhere(page, item_catalogue)
    return [index]
