"""The mini-guides: page tree, rendering per language, one guide per theme, PDF, listing cost."""

import builtins
import io
import json
import sys

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

import core.pdf as guide_pdf
from home.models import GuideIndexPage, GuidePage, HomePage, MainMenu, StandardPage
from projects.network.models import Organisation, Theme, WorkingGroup

LANGUAGES = ["fr", "en", "it"]
INDEX_URLS = {"fr": "/fr/guides/", "en": "/en/guides/", "it": "/it/guide/"}


def _guides(language: str) -> list[GuidePage]:
    return list(
        GuidePage.objects.live()
        .filter(locale__language_code=language)
        .select_related("theme")
        .order_by("theme__number")
    )


def _index(language: str) -> GuideIndexPage:
    return GuideIndexPage.objects.get(locale__language_code=language)


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _body(heading: str = "Contexte et enjeux") -> str:
    return json.dumps(
        [{"type": "context", "value": {"heading": heading, "text": "<p>Un texte.</p>"}}]
    )


def _new_theme(number: int) -> Theme:
    return Theme.objects.create(
        number=number, slug=f"theme-{number}", name=f"Thème {number}", locale=Locale.get_default()
    )


# --- Page tree ---------------------------------------------------------------------------------


class TestGuidePageTree(WagtailPageTestCase):
    def test_guide_index_only_under_a_home_page(self):
        self.assertAllowedParentPageTypes(GuideIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GuideIndexPage, {GuidePage})

    def test_guide_only_under_the_guide_index_and_without_children(self):
        self.assertAllowedParentPageTypes(GuidePage, {GuideIndexPage})
        self.assertAllowedSubpageTypes(GuidePage, {})
        self.assertCanCreateAt(GuideIndexPage, GuidePage)
        self.assertCanNotCreateAt(HomePage, GuidePage)
        self.assertCanNotCreateAt(StandardPage, GuidePage)
        self.assertCanNotCreateAt(StandardPage, GuideIndexPage)

    def test_one_guide_index_per_home_page(self):
        home = HomePage.objects.get(locale__language_code="fr")
        assert GuideIndexPage.objects.child_of(home).count() == 1
        assert not GuideIndexPage.can_create_at(home)


# --- Rendering -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_guide_renders_in_each_language(client, language):
    guides = _guides(language)
    # The demo writes six guides (one per theme) and translates them all.
    assert [guide.theme.number for guide in guides] == [1, 2, 3, 4, 5, 6]
    for guide in guides:
        response = client.get(guide.url)
        assert response.status_code == 200, guide.url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert html.count("<h1") == 1
        assert f'href="{guide.url}pdf/"' in html
        # Every table-of-contents entry points at a section of the page.
        for section in guide.specific.sections():
            assert f'<a href="#{section.anchor}">' in html
            assert f'id="{section.anchor}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "theme", "lead_label"),
    [
        ("fr", "Diversification financière", "Structure cheffe de file"),
        ("en", "Financial diversification", "Lead organisation (chef de file)"),
        ("it", "Diversificazione finanziaria", "Organizzazione capofila"),
    ],
)
def test_guide_shows_its_theme_and_the_theme_lead_in_the_visitors_language(
    client, language, theme, lead_label
):
    guide = next(g for g in _guides(language) if g.theme.number == 4)
    html = client.get(guide.url).content.decode()
    assert theme in html
    assert lead_label in html
    # The lead comes from the theme's working group: the local currency leads theme 4.
    assert "Monnaie Locale Complémentaire Citoyenne" in html
    # The comparison table is accessible: caption, column and row headers.
    assert "<caption>" in html
    assert '<th scope="col">' in html
    assert '<th scope="row">' in html


@pytest.mark.django_db
def test_guide_translation_keeps_the_canonical_theme_and_organisations():
    french = next(g for g in _guides("fr") if g.theme.number == 1)
    for language in ("en", "it"):
        translated = french.get_translation(Locale.objects.get(language_code=language)).specific
        assert translated.theme_id == french.theme_id
        organisations = [
            item["organisation"]
            for block in translated.body
            if block.block_type == "initiatives"
            for item in block.value["items"]
        ]
        assert organisations
        assert all(o.locale_id == Locale.get_default().pk for o in organisations)


@pytest.mark.django_db
def test_contacts_section_is_added_when_the_guide_has_none(client):
    index = _index("fr")
    theme = _new_theme(50)
    lead = Organisation.objects.create(name="Structure test", locale=Locale.get_default())
    WorkingGroup.objects.create(
        name="Groupe test", slug="groupe-test", theme=theme, lead_organisation=lead,
        locale=Locale.get_default(),
    )  # fmt: skip
    guide = index.add_child(
        instance=GuidePage(
            title="Guide sans contacts", slug="sans-contacts", theme=theme, summary="Résumé.",
            body=_body(),
        )
    )  # fmt: skip
    guide.save_revision().publish()
    sections = guide.sections()
    assert [s.block_type for s in sections] == ["context", "contacts"]
    html = client.get(guide.url).content.decode()
    assert f'<a href="#{sections[-1].anchor}">Contacts</a>' in html
    assert "Structure test" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_index_lists_the_guides_in_theme_order(client, language):
    response = client.get(INDEX_URLS[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    positions = [html.index(f'href="{guide.url}"') for guide in _guides(language)]
    assert len(positions) == 6
    assert positions == sorted(positions)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_guides_come_first_in_the_main_menu(language):
    menu = MainMenu.objects.get(locale__language_code=language)
    with translation.override(language):
        first = menu.items[0].value.url()
    assert first == INDEX_URLS[language]


def _add_guides(index: GuideIndexPage, count: int, start: int) -> None:
    french = Locale.get_default()
    for n in range(start, start + count):
        theme = _new_theme(n)
        lead = Organisation.objects.create(name=f"Structure {n}", locale=french)
        WorkingGroup.objects.create(
            name=f"Groupe {n}", slug=f"groupe-{n}", theme=theme, lead_organisation=lead,
            locale=french,
        )  # fmt: skip
        guide = index.add_child(
            instance=GuidePage(
                title=f"Guide {n}", slug=f"guide-{n}", theme=theme, summary="Résumé.",
                body=_body(),
            )
        )  # fmt: skip
        guide.save_revision().publish()


def _count_queries(client, url: str) -> int:
    client.get(url)  # warm the site-wide caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_guide_index_queries_do_not_grow_with_the_number_of_guides(
    client, django_assert_max_num_queries
):
    index = _index("fr")
    _add_guides(index, 2, start=100)
    few = _count_queries(client, index.url)
    _add_guides(index, 20, start=200)
    many = _count_queries(client, index.url)
    assert many == few
    html = client.get(index.url).content.decode()
    assert html.count('class="card guide-card"') == 6 + 2 + 20
    with django_assert_max_num_queries(30):
        client.get(index.url)


# --- One guide per theme per language ----------------------------------------------------------


@pytest.mark.django_db
def test_one_guide_per_theme_per_language():
    theme = _new_theme(60)
    french_index, english_index = _index("fr"), _index("en")
    first = french_index.add_child(
        instance=GuidePage(title="Premier", slug="premier", theme=theme, summary="R.", body=_body())
    )
    with pytest.raises(ValidationError) as error:
        french_index.add_child(
            instance=GuidePage(
                title="Second", slug="second", theme=theme, summary="R.", body=_body()
            )
        )
    assert "theme" in error.value.message_dict
    assert "Premier" in error.value.message_dict["theme"][0]
    # The same theme in another language is fine, and a guide can be saved again.
    english_index.add_child(
        instance=GuidePage(title="First", slug="first", theme=theme, summary="S.", body=_body())
    )
    first.summary = "Résumé modifié."
    first.save()


@pytest.mark.django_db
def test_guide_theme_must_be_canonical():
    english_theme = Theme.objects.filter(locale__language_code="en").first()
    with pytest.raises(ValidationError) as error:
        _index("fr").add_child(
            instance=GuidePage(title="X", slug="x", theme=english_theme, summary="R.", body=_body())
        )
    assert "theme" in error.value.message_dict


# --- PDF -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fr", ["Thématique 4", "Forme juridique"]),
        ("it", ["Tema 4", "Forma giuridica", "Pagina 2"]),
    ],
)
def test_guide_pdf_is_in_the_guides_language(client, language, labels):
    guide = next(g for g in _guides(language) if g.theme.number == 4)
    response = client.get(f"{guide.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{guide.slug}.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.metadata.title == guide.title
    assert len(reader.pages) >= 4  # cover, contents, sections
    text = _pdf_text(response.content)
    assert guide.title in text
    for label in labels:
        assert label in text


@pytest.mark.django_db
def test_guide_pdf_table_of_contents_has_page_numbers(client):
    guide = _guides("en")[0]
    text = _pdf_text(client.get(f"{guide.url}pdf/").content)
    contents = text.split("Contents", 1)[1]
    for section in guide.specific.sections():
        assert section.heading in contents
    # Each entry ends with its page number: the first section starts after cover and contents.
    first = guide.specific.sections()[0].heading
    after = contents.split(first, 1)[1].lstrip(". ")
    assert after.split()[0] == "3"


def _refuse_weasyprint(monkeypatch) -> None:
    def unavailable():
        raise guide_pdf.PdfUnavailable("no pango")

    monkeypatch.setattr(guide_pdf, "load_weasyprint", unavailable)


@pytest.mark.django_db
def test_guide_pdf_is_cached_until_the_guide_is_republished(client, monkeypatch):
    guide = _guides("fr")[0].specific
    first = client.get(f"{guide.url}pdf/")
    key = guide_pdf.cache_key(guide)
    assert cache.get(key) == first.content
    # A second download comes from the cache: WeasyPrint is not needed any more.
    _refuse_weasyprint(monkeypatch)
    assert client.get(f"{guide.url}pdf/").content == first.content
    # Republishing changes the key: the PDF has to be made again.
    guide.summary = "Un nouveau résumé."
    guide.save_revision().publish()
    guide.refresh_from_db()
    assert guide_pdf.cache_key(guide) != key
    assert client.get(f"{guide.url}pdf/").status_code == 503


@pytest.mark.django_db
@pytest.mark.parametrize("failure", ["missing package", "missing pango"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_pdf_without_weasyprint_answers_503(client, monkeypatch, failure, language):
    if failure == "missing package":
        monkeypatch.setitem(sys.modules, "weasyprint", None)
    else:
        real_import = builtins.__import__

        def import_without_pango(name, *args, **kwargs):
            if name == "weasyprint":
                raise OSError("cannot load library 'libpango-1.0-0'")
            return real_import(name, *args, **kwargs)

        monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
        monkeypatch.setattr(builtins, "__import__", import_without_pango)
    guide = _guides(language)[0]
    response = client.get(f"{guide.url}pdf/")
    assert response.status_code == 503
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    with translation.override(language):
        message = translation.gettext(
            "The PDF version of this guide cannot be generated at the moment. Please read the "
            "guide online or try again later."
        )
    assert message.replace("'", "&#x27;") in html
    assert f'href="{guide.url}"' in html


@pytest.mark.django_db
def test_guide_pdf_of_a_draft_is_not_served(client):
    guide = _guides("fr")[0]
    Page.objects.filter(pk=guide.pk).update(live=False)
    assert client.get(f"{guide.url}pdf/").status_code == 404


@pytest.mark.django_db
def test_demo_guides_are_found_again_after_editors_rename_them():
    from home.demo import guides as demo_guides
    from home.demo import network

    guide = GuidePage.objects.get(locale__language_code="fr", theme__number=2)
    guide.slug = "communication"
    guide.save_revision().publish()
    index = _index("fr")
    index.slug = "les-guides"
    index.save_revision().publish()
    before = Page.objects.count()
    demo_guides.load(HomePage.objects.get(locale__language_code="fr"), network.load())
    assert Page.objects.count() == before


@pytest.mark.django_db
def test_initiative_chooser_stores_the_canonical_organisation():
    from home.blocks.guides import OrganisationChooserBlock

    french = Organisation.objects.canonical().get(name="Locomun")
    locale = Locale.objects.get(language_code="en")
    english = french.get_translation_or_none(locale)
    if english is None:
        english = french.copy_for_translation(locale)
        english.save()
    block = OrganisationChooserBlock()
    assert block.clean(english) == french
    assert block.clean(french) == french
    # Nothing to translate: a translated guide keeps the same (canonical) organisation.
    assert block.get_translatable_segments(french) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_guide_pdf_is_tagged_pdf_ua(client, language):
    """Screen readers get the structure: marked content, a structure tree, the language."""
    guide = _guides(language)[0]
    reader = PdfReader(io.BytesIO(client.get(f"{guide.url}pdf/").content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == language
    assert reader.metadata.title == guide.title
    # The XMP metadata declares PDF/UA-1 conformance.
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
