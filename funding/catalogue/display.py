"""Reading the catalogue for display: calls with their text in the visitor's language.

Calls, sources, funders, themes and requirements are canonical rows; `localize_all` copies the
translated text onto them in one query per model, whatever the number of calls (display only:
never save them afterwards).
"""

from collections.abc import Iterable

from django.db.models import Prefetch
from wagtail.models import Locale

from core.translation import localize_all
from funding.catalogue.models import CallRequirement, FundingCall
from projects.network.models import Theme


def themes_in(locale: Locale, default: Locale | None = None) -> list[Theme]:
    """The canonical themes in theme order, named in ``locale`` (``default``: the default
    locale when the caller already has it)."""
    default = default or Locale.get_default()
    return localize_all(Theme.objects.filter(locale=default).order_by("number"), locale)


def prepare_calls(
    calls: Iterable[FundingCall], locale: Locale, *, themes: list[Theme]
) -> list[FundingCall]:
    """Calls fetched with `for_listing()`, their text, source and funder in ``locale``, and
    their themes as ``display_themes`` (from ``themes``, already localised)."""
    calls = localize_all(calls, locale)
    sources = [call.source for call in calls]
    localize_all(sources, locale)
    localize_all([source.funder for source in sources], locale)
    by_pk = {theme.pk: theme for theme in themes}
    for call in calls:
        call.display_themes = sorted(
            (by_pk[t.pk] for t in call.themes.all() if t.pk in by_pk), key=lambda t: t.number
        )
    return calls


def calls_with_details():
    """Canonical calls with everything a call's page shows, in a fixed number of queries."""
    return (
        FundingCall.objects.canonical()
        .select_related("source__funder", "source__parent__parent", "territory")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("number")),
            "co_funders",
            Prefetch("requirements", queryset=CallRequirement.objects.order_by("sort_order")),
        )
    )


def call_for_page(slug: str) -> FundingCall | None:
    """The canonical call with this slug, with everything its page shows."""
    return calls_with_details().filter(slug=slug).first()


def prepare_call(call: FundingCall, locale: Locale) -> FundingCall:
    """One call from `call_for_page`, every text in ``locale``."""
    localize_all([call], locale)
    lineage = call.source.lineage()
    localize_all(lineage, locale)
    localize_all([call.source.funder, *call.co_funders.all()], locale)
    call.display_themes = localize_all(call.themes.all(), locale)
    call.display_requirements = localize_all(call.requirements.all(), locale)
    call.display_lineage = lineage
    return call
