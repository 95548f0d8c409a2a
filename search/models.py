"""The database backend's index: one row per document, its text apart, its facet values.

`SearchEntry` holds what a search counts, filters and ranks over every matched document; its
text (`SearchText`) is read for the page of results only, so that the entries' rows stay small
(counting thousands of matches reads few pages). The normalised words
(`search.text.normalise`) carry the engine's own full-text index, created by the migrations for
the engine in use:

- SQLite: an FTS5 table ``search_fts`` whose content table is `SearchText` (kept in step by
  triggers, so that Django's flush and serialized rollback in tests keep it right too);
- PostgreSQL: the entry's ``vector`` column (weighted ``tsvector``, written by the backend) with
  a GIN index, queried with ``to_tsquery`` (every word, joined by ``&``).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .documents import Kind


class SearchEntry(models.Model):
    """One indexed document: an object of the platform in one language."""

    kind = models.CharField(_("Type"), max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField(_("Object"))
    language = models.CharField(_("Language"), max_length=5)
    title = models.CharField(_("Title"), max_length=300)
    url = models.CharField(_("Address"), max_length=500)
    # Deprecated: the text moved to `SearchText` (migration 0005). Neither read nor written any
    # more (empty in the rows written since), kept for one release for the previous code, which
    # still serves while a release is deployed (docs/deploy.md, "Remove in two releases"): the
    # next release drops them.
    body = models.TextField(_("Text"), blank=True)
    title_norm = models.TextField(editable=False, blank=True)
    body_norm = models.TextField(editable=False, blank=True)
    state = models.CharField(_("State"), max_length=30, blank=True)
    restricted = models.BooleanField(_("Restricted"), default=False)
    opens_on = models.DateField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    # PostgreSQL only (null elsewhere): computed by the backend's INSERT.
    vector = SearchVectorField(null=True, editable=False)
    # The facet values again, as "facet:value" strings in the row, for counting them over
    # thousands of matched entries without a join; `SearchFacetValue` serves the filters.
    facets = models.JSONField(default=list, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            # An object may have a public and a members' document in one language.
            models.UniqueConstraint(
                fields=["kind", "object_id", "language", "restricted"],
                name="unique_search_entry_audience",
            )
        ]
        indexes = [models.Index(fields=["language", "kind"], name="search_entry_lang_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.language}): {self.title}"


class SearchText(models.Model):
    """The text of an entry: shown in the extracts, and the words the engine indexes."""

    entry = models.OneToOneField(
        SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    body = models.TextField(_("Text"), blank=True)
    title_norm = models.TextField(editable=False, blank=True)
    body_norm = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self) -> str:
        return str(self.entry_id)


class SearchFacetValue(models.Model):
    """A value of a multi-valued facet of an entry (a theme, a territory), counted by GROUP BY."""

    class Facet(models.TextChoices):
        THEME = "theme", _("Theme")
        TERRITORY = "territory", _("Territory")

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20, choices=Facet.choices)
    value = models.CharField(max_length=160)

    class Meta:
        verbose_name = _("facet value")
        verbose_name_plural = _("facet values")
        indexes = [models.Index(fields=["facet", "value"], name="search_facet_value")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="unique_facet_value")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
