"""Demo texts are written in French with their English and Italian translations side by side.

`Catalogue` returns the French text (used to build the French source pages) and remembers the
translations, which `home.translation.translate_instance` then uses to create linked
translations through wagtail-localize.
"""

from html import escape


class Catalogue:
    """Collects French → English/Italian pairs while the French content is being built."""

    languages = ("en", "it")

    def __init__(self) -> None:
        self.strings: dict[str, dict[str, str]] = {code: {} for code in self.languages}

    def __call__(self, fr: str, en: str, it: str) -> str:
        self.strings["en"][fr] = en
        self.strings["it"][fr] = it
        return fr

    def paragraphs(self, *triples: tuple[str, str, str]) -> str:
        """Rich text made of plain paragraphs; each paragraph is one translation segment."""
        html = []
        for fr, en, it in triples:
            self(escape(fr, quote=False), escape(en, quote=False), escape(it, quote=False))
            self(fr, en, it)
            html.append(f"<p>{escape(fr, quote=False)}</p>")
        return "".join(html)

    def bullets(self, *triples: tuple[str, str, str]) -> str:
        """Rich text made of one bulleted list; each item is one translation segment."""
        items = []
        for fr, en, it in triples:
            self(escape(fr, quote=False), escape(en, quote=False), escape(it, quote=False))
            self(fr, en, it)
            items.append(f"<li>{escape(fr, quote=False)}</li>")
        return "<ul>" + "".join(items) + "</ul>"

    def for_language(self, code: str) -> dict[str, str]:
        return self.strings[code]
