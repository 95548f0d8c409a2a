"""What the project's Wagtail admin listings share: a search that works on every database, and
columns that show words and dates rather than raw values.

Search: Wagtail's generic listings search through the search backend when the model is indexed,
restricted to the viewset's ``search_fields``; with the database backend on SQLite that fails
(« no such column: name ») for fields the index does not hold as such, and on PostgreSQL it
ignores accents only with an extension. The listings here set ``search_backend_name = None`` and
`FoldedSearchMixin` matches every word typed against ``search_fields`` with the same folding as
the public directory (`core.text`): « ecoloc » finds « Écoloc », on SQLite and
PostgreSQL alike, without depending on the search index being up to date. A listing holds a few
thousand rows at most, which a scan handles.
"""

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, LocaleColumn
from wagtail.admin.widgets.button import BaseButton, Button, ButtonWithDropdown
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail_localize.models import Translation, TranslationSource

from core.text import Fold, search_terms


class FoldedSearchMixin:
    """Index view mixin: ``?q=`` keeps the rows where each word typed appears in one of
    ``search_fields`` (fields of the model or of a single-valued relation, such as
    ``user__email``), ignoring accents and case."""

    def search_queryset(self, queryset):
        if not self.is_searching or not self.search_fields:
            return queryset
        aliases = {
            f"_folded_{index}": Fold(F(field)) for index, field in enumerate(self.search_fields)
        }
        queryset = queryset.alias(**aliases)
        for term in search_terms(self.search_query):
            matches = Q()
            for alias in aliases:
                matches |= Q(**{f"{alias}__contains": term})
            queryset = queryset.filter(matches)
        return queryset


_listing_classes: dict[tuple, type] = {}


def listing_view_class(view_class: type, model: type) -> type:
    """``view_class`` with `FoldedSearchMixin`, and `TranslationButtonsMixin` for the listing of
    a translatable snippet (one subclass per combination, made once)."""
    mixins = [FoldedSearchMixin]
    if issubclass(model, TranslatableMixin) and issubclass(view_class, SnippetIndexView):
        mixins.append(TranslationButtonsMixin)
    mixins = [mixin for mixin in mixins if not issubclass(view_class, mixin)]
    if not mixins:
        return view_class
    key = (view_class, *mixins)
    if key not in _listing_classes:
        # The view stays the one it extends (Wagtail's snippet listing, the pipeline's…): it
        # keeps that view's module, which tells whose view a URL serves (the permission matrix
        # covers the project's own views).
        _listing_classes[key] = type(
            f"Project{view_class.__name__}",
            (*mixins, view_class),
            {"__module__": view_class.__module__},
        )
    return _listing_classes[key]


class ListingViewSetMixin:
    """Viewset mixin (`SnippetViewSet`, `ModelViewSet`): the index view searches with
    `FoldedSearchMixin` (give the viewset ``search_fields``) and, for a translatable snippet,
    draws the translation buttons with `TranslationButtonsMixin`."""

    search_backend_name = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.index_view_class = listing_view_class(self.index_view_class, self.model)


def language_column() -> LocaleColumn:
    """The row's language, for listings of translatable snippets: one row per language, often
    with the same name (an organisation's name is not translated)."""
    return LocaleColumn(label=gettext_lazy("Language"))


class YesNoColumn(BooleanColumn):
    """A yes/no value as an icon and the word, in the reader's language (Wagtail's
    `BooleanColumn` gives screen readers the raw « True » or « False »)."""

    cell_template_name = "projects/admin/yes_no_cell.html"


def _local_datetime(value):
    if value is None:
        return ""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


class LocalDateTimeColumn(Column):
    """A moment as a date and time in the site's time zone, formatted for the reader's language
    (Wagtail's `DateColumn` says « just now » for any moment in the future, a deadline say)."""

    def __init__(self, name, **kwargs):
        accessor = kwargs.pop("accessor", name)
        super().__init__(
            name,
            accessor=lambda instance: _local_datetime(getattr(instance, accessor)),
            **kwargs,
        )


LOCALIZE_HOOKS = "wagtail_localize.wagtail_hooks"


class TranslationButtonsMixin:
    """Snippet index view mixin: wagtail-localize's « Translate » and « Sync translated
    snippets » row buttons, worked out for the whole page of rows in four queries.

    wagtail-localize's `register_snippet_listing_buttons` hook asks the database three or four
    times per row (which languages the row lacks, its translation source, whether that has
    translations): 150 queries for a page of 50 organisations. This mixin calls every other
    listing-button hook as Wagtail does, and draws those two buttons, with the same labels,
    addresses and rules (the user may submit translations; a language is missing; the row is
    the source of enabled translations), from data fetched once per page.
    """

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        self._page_rows = list(object_list)  # evaluated once: the listing reuses the rows
        return paginator, page, object_list, is_paginated

    @cached_property
    def _translation_state(self) -> tuple[set, dict, dict]:
        rows = getattr(self, "_page_rows", [])
        keys = {row.translation_key for row in rows}
        locales = set(Locale.objects.values_list("pk", flat=True))
        present: dict = {}
        for key, locale_id in self.model.objects.filter(translation_key__in=keys).values_list(
            "translation_key", "locale_id"
        ):
            present.setdefault(key, set()).add(locale_id)
        content_type = ContentType.objects.get_for_model(self.model.get_translation_model())
        enabled = Translation.objects.filter(source=OuterRef("pk"), enabled=True)
        sources = {
            (key, locale_id): source_id
            for key, locale_id, source_id in TranslationSource.objects.filter(
                object_id__in=keys, object__content_type=content_type
            )
            .filter(Exists(enabled))
            .values_list("object_id", "locale_id", "pk")
        }
        return locales, present, sources

    def translation_buttons(self, instance, next_url: str) -> list:
        if not self.request.user.has_perm("wagtail_localize.submit_translation"):
            return []
        locales, present, sources = self._translation_state
        model = type(instance)
        buttons = []
        if locales - present.get(instance.translation_key, {instance.locale_id}):
            buttons.append(
                Button(
                    gettext("Translate"),
                    reverse(
                        "wagtail_localize:submit_snippet_translation",
                        args=[model._meta.app_label, model._meta.model_name, quote(instance.pk)],
                    ),
                    attrs={"aria-label": gettext("Translate '%(title)s'") % {"title": instance}},
                    icon_name="wagtail-localize-language",
                    priority=100,
                )
            )
        source_id = sources.get((instance.translation_key, instance.locale_id))
        if source_id is not None:
            url = reverse("wagtail_localize:update_translations", args=[source_id])
            buttons.append(
                Button(
                    gettext("Sync translated snippets"),
                    f"{url}?{urlencode({'next': next_url})}",
                    attrs={
                        "aria-label": gettext("Sync translations of '%(title)s'")
                        % {"title": instance}
                    },
                    icon_name="resubmit",
                    priority=106,
                )
            )
        return buttons

    def get_list_buttons(self, instance):
        # Wagtail's `snippets.views.snippets.IndexView.get_list_buttons`, with wagtail-localize's
        # hook answered by `translation_buttons`.
        next_url = self.request.path
        list_buttons, more_buttons = [], []
        buttons = self.get_list_more_buttons(instance)
        for hook in hooks.get_hooks("register_snippet_listing_buttons"):
            if getattr(hook, "__module__", "") == LOCALIZE_HOOKS:
                buttons.extend(self.translation_buttons(instance, next_url))
            else:
                buttons.extend(hook(instance, self.request.user, next_url))
        for button in buttons:
            if isinstance(button, BaseButton) and not button.allow_in_dropdown:
                list_buttons.append(button)
            elif isinstance(button, MenuItem):
                if button.is_shown(self.request.user):
                    more_buttons.append(Button.from_menu_item(button))
            elif button.show:
                more_buttons.append(button)
        for hook in hooks.get_hooks("construct_snippet_listing_buttons"):
            hook(more_buttons, instance, self.request.user)
        if more_buttons:
            list_buttons.append(
                ButtonWithDropdown(
                    buttons=more_buttons,
                    icon_name="dots-horizontal",
                    attrs={
                        "aria-label": gettext("More options for '%(title)s'")
                        % {"title": str(instance)}
                    },
                )
            )
        return list_buttons
