"""Marking text shown in another language than the page's (see `core.translation.localize_all`).

``<h1{% lang_attr call %}>{{ call.name }}{% language_mark call %}</h1>`` gives, on the Italian
site for a call not translated yet, ``<h1 lang="fr">… <span … lang="it">(in francese)</span></h1>``:
screen readers read it with a French voice, and the reader knows why.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _foreign_language(obj) -> str:
    """The language of ``obj``'s text when it is not the page's, else ""."""
    language = getattr(obj, "content_language", None)
    if not language or language == translation.get_language():
        return ""
    return language


@register.simple_tag
def lang_attr(obj) -> str:
    """` lang="fr"` when ``obj``'s text is not in the page's language, else nothing."""
    language = _foreign_language(obj)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def language_mark(obj) -> str:
    """A short « (in French) » after text that is not in the page's language, else nothing."""
    language = _foreign_language(obj)
    if not language:
        return ""
    marks = {"fr": _("(in French)"), "en": _("(in English)"), "it": _("(in Italian)")}
    page_language = translation.get_language()
    mark = marks.get(language, language)
    html = ' <span class="source language-mark" lang="{}">{}</span>'
    return format_html(html, page_language, mark)
