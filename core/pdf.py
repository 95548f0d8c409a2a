"""PDFs rendered by WeasyPrint: the print-ready mini-guides (kept in Django's cache) and the
archival documents of the dossiers (`archival_pdf`).

WeasyPrint is imported only when a PDF is rendered: it needs Pango, which a machine may lack,
and the rest of the site must work without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

if TYPE_CHECKING:
    from types import ModuleType

    from home.models import GuidePage

PRINT_STYLESHEET = "css/guide-print.css"
# A week: the key changes whenever the guide is republished, so entries never go stale.
CACHE_TIMEOUT = 60 * 60 * 24 * 7


class PdfUnavailable(Exception):
    """WeasyPrint (or the Pango library it needs) cannot be loaded on this machine."""


def load_weasyprint() -> ModuleType:
    """Import WeasyPrint, or raise `PdfUnavailable` when it or Pango is missing."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error)) from error
    return weasyprint


# PDF/A-3a: archival (fonts embedded, colours defined, XMP metadata) and tagged (headings,
# tables and reading order for screen readers); WeasyPrint 70 supports it and writes the tags.
ARCHIVAL_OPTIONS = {"pdf_variant": "pdf/a-3a", "pdf_tags": True}

# PDF/UA-1 (universal accessibility): the guides are read on screen, so they are tagged for
# assistive technologies (structure tree, reading order, alternative texts), with the title
# shown instead of the file name and the document's language from `<html lang>`.
GUIDE_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def archival_pdf(html: str) -> bytes:
    """A tagged PDF/A document from ``html`` alone.

    Its title, language, author and dates come from the HTML (``<title>``, ``<html lang>``,
    ``<meta name="author">``, ``<meta name="dcterms.created">``). Nothing is fetched from the
    network or the file system. Raises `PdfUnavailable` when WeasyPrint cannot be loaded.
    """
    weasyprint = load_weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=html, base_url="/", url_fetcher=fetcher)
    return document.write_pdf(**ARCHIVAL_OPTIONS)


def cache_key(page: GuidePage) -> str:
    """Page id, published revision and language: republishing the guide changes the key."""
    revision = page.live_revision_id or page.latest_revision_id
    # "ua": PDFs cached before the guides were tagged are not served again.
    return f"guide-pdf-ua:{page.pk}:{revision}:{page.locale.language_code}"


def render_guide_pdf(page: GuidePage, *, base_url: str) -> bytes:
    """The guide's PDF in its own language, from the cache when it was already rendered.

    ``base_url`` is the guide's absolute address: relative links in the PDF resolve against it.
    Raises `PdfUnavailable` when WeasyPrint cannot be loaded.
    """
    key = cache_key(page)
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    weasyprint = load_weasyprint()
    language = page.locale.language_code
    with translation.override(language):
        html = render_to_string(
            "home/guide_page_pdf.html", page.get_pdf_context(language=language, url=base_url)
        )
    stylesheet = weasyprint.CSS(filename=finders.find(PRINT_STYLESHEET))
    # Only inline data: the PDF is built from this HTML and stylesheet alone, never from the
    # network or the file system (a rich-text link can't make the server fetch anything).
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    pdf = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(
        stylesheets=[stylesheet], **GUIDE_OPTIONS
    )
    cache.set(key, pdf, CACHE_TIMEOUT)
    return pdf
