"""Anonymous search matches only words the public can read on the object itself.

For every public document of the demo's index (pages, organisations, calls, sharing posts,
experiments, in each language), every word a visitor's search can match — its title (also what
suggestions offer) and its text — must appear, after the search's own folding
(`search.text.terms`: case, accents, elision, plurals), in what a visitor gets at the document's
address (the page's content, its title and description) or, when the object has one, its public
API view. A word indexed but shown nowhere would let anyone rebuild hidden text from extracts.
"""

import json
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from search import registry
from search.documents import Document, Kind
from search.text import terms

pytestmark = pytest.mark.django_db


class _PublicText(HTMLParser):
    """The text a visitor reads: the page's title, its description and its main content (the
    header and footer, the same on every page, are left out so that they cannot vouch for a
    word); scripts and styles are not read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._main = False
        self._skip = 0
        self._title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "main":
            self._main = True
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag == "title":
            self._title = True
        if tag == "meta" and attributes.get("name") == "description":
            self.parts.append(attributes.get("content") or "")

    def handle_endtag(self, tag):
        if tag == "main":
            self._main = False
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)
        if tag == "title":
            self._title = False

    def handle_data(self, data):
        if self._title or (self._main and not self._skip):
            self.parts.append(data)


def page_words(html: str, language: str) -> set[str]:
    parser = _PublicText()
    parser.feed(html)
    return set(terms(" ".join(parser.parts), language))


def _strings(value) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


API_DETAIL = {
    Kind.EXPERIMENT: "api:experiment-detail",
    Kind.CALL: "api:call-detail",
    Kind.SHARING: "api:sharing-detail",
}


def api_words(client, document: Document) -> set[str]:
    """The words of the object's public API view, in the document's language (none if it has
    no API view)."""
    name = API_DETAIL.get(document.kind)
    if name is None:
        return set()
    response = client.get(
        reverse(name, kwargs={"pk": document.object_id}),
        HTTP_ACCEPT_LANGUAGE=document.language,
    )
    assert response.status_code == 200, (document.key, response.status_code)
    return set(terms(" ".join(_strings(json.loads(response.content))), document.language))


def public_documents(kind: str) -> list[Document]:
    return [d for d in registry.source(kind).all_documents() if not d.restricted]


def unshown_words(client, document: Document) -> set[str]:
    """The indexed words of ``document`` that its page and API view do not show."""
    indexed = set(terms(f"{document.title}\n{document.body}", document.language))
    response = client.get(document.url)
    assert response.status_code == 200, (document.key, document.url, response.status_code)
    shown = page_words(response.content.decode(), document.language)
    return indexed - shown - api_words(client, document)


@pytest.mark.parametrize("kind", list(Kind))
def test_every_word_anonymous_search_matches_is_on_the_public_view(client, kind):
    documents = public_documents(kind)
    assert documents, f"the demo has public {kind} documents"
    leaks = {}
    for document in documents:
        unshown = unshown_words(client, document)
        if unshown:
            leaks[(document.key, document.url)] = sorted(unshown)[:12]
    assert not leaks, leaks


def test_the_check_sees_a_hidden_word(client):
    """The comparison itself: a word indexed but shown nowhere is caught."""
    document = public_documents(Kind.EXPERIMENT)[0]
    planted = Document(**{**document.__dict__, "body": f"{document.body} zorblaxine"})
    assert unshown_words(client, planted) == {"zorblaxine"}
