"""The sources of the platform's content: pages, organisations, funding calls, sharing posts and
experiments (registered by `search.apps.SearchConfig.ready`).

Translatable rows (organisations, calls) are indexed under their canonical (French) row's key,
once per language, with the translated text when there is one and the French text otherwise;
pages are indexed in their own language only. Addresses are computed per language, since URL
patterns are translated.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Locale, Page
from wagtail.search import index

from funding.catalogue.models import Funder, FundingCall, FundingSource
from funding.catalogue.pages import FundingCatalogPage
from home.models import OrganisationDirectoryPage
from projects.experiments.models import Experiment
from projects.network.models import Organisation, Territory, Theme
from projects.sharing.models import SharingPost

from .documents import Document, Kind
from .registry import Source, register

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def territory_slugs(territories: Iterable[Territory | None]) -> tuple[str, ...]:
    """Slugs of the territories and of every territory containing them (``ancestors`` must be
    prefetched)."""
    found: dict[str, None] = {}
    for territory in territories:
        if territory is None:
            continue
        found[territory.slug] = None
        for ancestor in territory.ancestors.all():
            found[ancestor.slug] = None
    return tuple(found)


def _join(*parts) -> str:
    return "\n".join(" ".join(strip_tags(str(part)).split()) for part in parts if part)


TERRITORIES = Prefetch("territories", queryset=Territory.objects.prefetch_related("ancestors"))
THEMES = Prefetch("themes", queryset=Theme.objects.only("pk", "slug"))


def _translations(model, canonical: list) -> dict[tuple, object]:
    """The translated rows of ``canonical`` objects, by (translation key, locale id)."""
    keys = {obj.translation_key for obj in canonical}
    rows = model.objects.filter(translation_key__in=keys).exclude(locale_id=Locale.get_default().pk)
    return {(row.translation_key, row.locale_id): row for row in rows}


def _canonical_pks(model, instance) -> list[int]:
    """The canonical row of a translatable ``instance`` (itself when it is canonical)."""
    default = Locale.get_default()
    if instance.locale_id == default.pk:
        return [instance.pk]
    return list(
        model.objects.filter(translation_key=instance.translation_key, locale=default).values_list(
            "pk", flat=True
        )
    )


@dataclass
class _Listing:
    """A Wagtail page that lists objects of a kind, per language, with its base address."""

    pages: dict[str, Page]

    @classmethod
    def of(cls, model) -> "_Listing":
        pages: dict[str, Page] = {}
        for page in model.objects.live().select_related("locale").order_by("path"):
            pages.setdefault(page.locale.language_code, page)
        return cls(pages)

    def page(self, language: str) -> Page | None:
        return self.pages.get(language) or self.pages.get(settings.LANGUAGE_CODE)

    def locales(self) -> dict[str, Locale]:
        return {locale.language_code: locale for locale in Locale.objects.all()}


# ---------------------------------------------------------------------------------------------
# Editorial pages
# ---------------------------------------------------------------------------------------------
def page_text(page: Page) -> str:
    """The text of a page's search fields (rich text and StreamFields as plain text)."""
    parts = [page.search_description]
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        value = getattr(page, field.field_name, None)
        if callable(value):
            value = value()
        if value is None:
            continue
        try:
            model_field = page._meta.get_field(field.field_name)
        except FieldDoesNotExist:  # a method or property named in search_fields
            model_field = None
        if model_field is not None and hasattr(model_field, "get_searchable_content"):
            parts.extend(model_field.get_searchable_content(value))
        else:
            parts.append(value)
    return _join(*parts)


def page_themes(page: Page) -> tuple[str, ...]:
    themes = list(page.themes.all()) if hasattr(page, "themes") else []
    if getattr(page, "theme_id", None):
        themes.append(page.theme)
    return tuple(dict.fromkeys(theme.slug for theme in themes))


def page_territories(page: Page) -> tuple[str, ...]:
    territories = list(page.territories.all()) if hasattr(page, "territories") else []
    if getattr(page, "commune_id", None):
        territories.append(page.commune)
    ids = [t.pk for t in territories]
    if not ids:
        return ()
    return territory_slugs(Territory.objects.filter(pk__in=ids).prefetch_related("ancestors"))


class PageSource(Source):
    """Live, public editorial pages, each in its own language."""

    kind = Kind.PAGE
    models = (Page,)

    def _pages(self):
        return Page.objects.live().public().filter(depth__gt=1).select_related("locale")

    def _document(self, page: Page) -> Document | None:
        url = page.get_url()
        if not url:
            return None
        return Document(
            kind=self.kind,
            object_id=page.pk,
            language=page.locale.language_code,
            title=page.title,
            url=url,
            body=page_text(page),
            themes=page_themes(page),
            territories=page_territories(page),
        )

    def all_documents(self) -> Iterator[Document]:
        for page in self._pages().specific().iterator(chunk_size=200):
            document = self._document(page)
            if document is not None:
                yield document

    def documents(self, object_id: int) -> list[Document]:
        page = self._pages().filter(pk=object_id).first()
        if page is None:
            return []
        document = self._document(page.specific)
        return [document] if document else []


# ---------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------
class OrganisationSource(Source):
    """The directory's organisations, in every language (their page in the directory)."""

    kind = Kind.ORGANISATION
    models = (Organisation,)

    def _documents(self, organisations: list[Organisation]) -> Iterator[Document]:
        if not organisations:
            return
        directory = _Listing.of(OrganisationDirectoryPage)
        locales = directory.locales()
        translations = _translations(Organisation, organisations)
        for language in LANGUAGES:
            page = directory.page(language)
            if page is None:
                continue
            with translation.override(language):
                base = page.get_url()
            locale = locales.get(language)
            for organisation in organisations:
                row = translations.get((organisation.translation_key, getattr(locale, "pk", None)))
                description = row.description if row is not None else organisation.description
                with translation.override(language):  # the legal form as the page shows it
                    legal_form = organisation.get_legal_form_display()
                yield Document(
                    kind=self.kind,
                    object_id=organisation.pk,
                    language=language,
                    title=organisation.name,
                    url=page.organisation_url(organisation.slug, base),
                    body=_join(
                        description,
                        str(legal_form),
                        getattr(organisation.commune, "name", ""),
                    ),
                    themes=tuple(theme.slug for theme in organisation.themes.all()),
                    territories=territory_slugs(
                        [organisation.commune, *organisation.territories.all()]
                    ),
                )

    def _queryset(self):
        return (
            Organisation.objects.canonical()
            .select_related("commune")
            .prefetch_related(
                THEMES,
                TERRITORIES,
                Prefetch("commune__ancestors", queryset=Territory.objects.all()),
            )
        )

    def all_documents(self) -> Iterator[Document]:
        yield from self._documents(list(self._queryset()))

    def documents(self, object_id: int) -> list[Document]:
        return list(self._documents(list(self._queryset().filter(pk=object_id))))

    def object_ids(self, instance) -> list[int]:
        return _canonical_pks(Organisation, instance)


# ---------------------------------------------------------------------------------------------
# Funding calls
# ---------------------------------------------------------------------------------------------
class CallSource(Source):
    """The catalogue's calls, in every language (their page in the catalogue)."""

    kind = Kind.CALL
    models = (FundingCall, FundingSource, Funder)

    def _queryset(self):
        return (
            FundingCall.objects.canonical()
            .select_related("source__funder", "territory")
            .prefetch_related(
                THEMES, Prefetch("territory__ancestors", queryset=Territory.objects.all())
            )
        )

    def _documents(self, calls: list[FundingCall]) -> Iterator[Document]:
        if not calls:
            return
        catalogue = _Listing.of(FundingCatalogPage)
        locales = catalogue.locales()
        translations = _translations(FundingCall, calls)
        sources = _translations(FundingSource, [call.source for call in calls])
        for language in LANGUAGES:
            page = catalogue.page(language)
            if page is None:
                continue
            with translation.override(language):
                base = page.get_url()
            locale_pk = getattr(locales.get(language), "pk", None)
            for call in calls:
                row = translations.get((call.translation_key, locale_pk)) or call
                source = sources.get((call.source.translation_key, locale_pk)) or call.source
                yield Document(
                    kind=self.kind,
                    object_id=call.pk,
                    language=language,
                    title=row.name,
                    url=page.call_url(call.slug, base),
                    body=_join(row.summary, row.description, source.name, call.source.funder.name),
                    themes=tuple(theme.slug for theme in call.themes.all()),
                    territories=territory_slugs([call.territory]),
                    opens_on=call.opens_on,
                    closes_at=call.closes_at,
                )

    def all_documents(self) -> Iterator[Document]:
        yield from self._documents(list(self._queryset()))

    def documents(self, object_id: int) -> list[Document]:
        return list(self._documents(list(self._queryset().filter(pk=object_id))))

    def object_ids(self, instance) -> list[int]:
        if isinstance(instance, FundingCall):
            return _canonical_pks(FundingCall, instance)
        sources = FundingSource.objects.all()
        if isinstance(instance, FundingSource):
            sources = sources.filter(translation_key=instance.translation_key)
        else:
            sources = sources.filter(funder__translation_key=instance.translation_key)
        return list(
            FundingCall.objects.canonical()
            .filter(source__in=sources.values("pk"))
            .values_list("pk", flat=True)
        )


# ---------------------------------------------------------------------------------------------
# Sharing board
# ---------------------------------------------------------------------------------------------
class SharingSource(Source):
    """Posts on the sharing board (published, not hidden; expired ones drop out by date)."""

    kind = Kind.SHARING
    models = (SharingPost,)

    def _queryset(self):
        return (
            SharingPost.objects.filter(state=SharingPost.State.PUBLISHED, hidden_at__isnull=True)
            .select_related("organisation", "territory", "commune")
            .prefetch_related(
                Prefetch("territory__ancestors", queryset=Territory.objects.all()),
                Prefetch("commune__ancestors", queryset=Territory.objects.all()),
            )
        )

    def _documents(self, posts: list[SharingPost]) -> Iterator[Document]:
        for language in LANGUAGES:
            with translation.override(language):
                for post in posts:
                    yield Document(
                        kind=self.kind,
                        object_id=post.pk,
                        language=language,
                        title=post.title,
                        url=reverse("projects:sharing_post", kwargs={"pk": post.pk}),
                        body=_join(
                            post.description,
                            post.get_kind_display(),
                            post.get_category_display(),
                            post.organisation.name,
                        ),
                        territories=territory_slugs([post.territory, post.commune]),
                        expires_on=post.expires_at,
                    )

    def all_documents(self) -> Iterator[Document]:
        yield from self._documents(list(self._queryset()))

    def documents(self, object_id: int) -> list[Document]:
        return list(self._documents(list(self._queryset().filter(pk=object_id))))


# ---------------------------------------------------------------------------------------------
# Experiments
# ---------------------------------------------------------------------------------------------
class ExperimentSource(Source):
    """Experiments, for two audiences. A public experiment has a public document holding only
    what its public page and public API view show (title, summary, lead organisation); every
    experiment has a members' document (``restricted``: description and objectives too, the
    address of its private space) that only those who may open the space find
    (`SearchQuery.experiment_space_ids`). Who finds which is decided at query time
    (`SearchQuery.experiment_ids`), so that one made private disappears at once, before its
    documents are rewritten."""

    kind = Kind.EXPERIMENT
    models = (Experiment,)

    def _queryset(self):
        return Experiment.objects.select_related("lead_organisation").prefetch_related(
            THEMES, TERRITORIES
        )

    def _document(self, experiment: Experiment, language: str, *, public: bool) -> Document:
        if public:
            url = reverse("projects:public_detail", kwargs={"slug": experiment.slug})
            body = _join(experiment.summary, experiment.lead_organisation.name)
        else:
            url = reverse("projects:experiment", kwargs={"pk": experiment.pk})
            body = _join(
                experiment.summary,
                experiment.description,
                experiment.objectives,
                experiment.lead_organisation.name,
            )
        return Document(
            kind=self.kind,
            object_id=experiment.pk,
            language=language,
            title=experiment.title,
            url=url,
            body=body,
            themes=tuple(theme.slug for theme in experiment.themes.all()),
            territories=territory_slugs(experiment.territories.all()),
            state=experiment.state,
            restricted=not public,
        )

    def _documents(self, experiments: list[Experiment]) -> Iterator[Document]:
        for language in LANGUAGES:
            with translation.override(language):
                for experiment in experiments:
                    if experiment.is_public and experiment.state in Experiment.PUBLIC_STATES:
                        yield self._document(experiment, language, public=True)
                    yield self._document(experiment, language, public=False)

    def all_documents(self) -> Iterator[Document]:
        yield from self._documents(list(self._queryset()))

    def documents(self, object_id: int) -> list[Document]:
        return list(self._documents(list(self._queryset().filter(pk=object_id))))


def register_all() -> None:
    for source in (
        PageSource(),
        OrganisationSource(),
        CallSource(),
        SharingSource(),
        ExperimentSource(),
    ):
        register(source)
