"""Demo texts are written in French with their translations side by side.

`Catalogue` returns the French text (used to build the French source pages) and remembers the
translations, which `home.translation.translate_instance` then uses to create linked
translations through wagtail-localize. Texts come in the order of
`home.demo.content.LANGUAGES`: French, then each translation.
"""

from html import escape

from home.demo.content import LANGUAGES


class Catalogue:
    """Collects French → translation pairs while the French content is being built."""

    languages = LANGUAGES[1:]

    def __init__(self) -> None:
        self.strings: dict[str, dict[str, str]] = {code: {} for code in self.languages}

    def __call__(self, fr: str, *translations: str) -> str:
        for code, translation in zip(self.languages, translations, strict=True):
            self.strings[code][fr] = translation
        return fr

    def paragraphs(self, *texts: tuple[str, ...]) -> str:
        """Rich text made of plain paragraphs; each paragraph is one translation segment."""
        html = []
        for text in texts:
            self(*(escape(value, quote=False) for value in text))
            self(*text)
            html.append(f"<p>{escape(text[0], quote=False)}</p>")
        return "".join(html)

    def bullets(self, *texts: tuple[str, ...]) -> str:
        """Rich text made of one bulleted list; each item is one translation segment."""
        items = []
        for text in texts:
            self(*(escape(value, quote=False) for value in text))
            self(*text)
            items.append(f"<li>{escape(text[0], quote=False)}</li>")
        return "<ul>" + "".join(items) + "</ul>"

    def for_language(self, code: str) -> dict[str, str]:
        return self.strings[code]
