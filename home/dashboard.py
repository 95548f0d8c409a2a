"""The programme's indicators: what the dashboard counts, and how.

Each `Indicator` names the `DashboardPage` field holding its target for the year and a function
computing the live value from the platform's data. Figures are counts of what the platform
holds, never official statistics.

Adding an indicator
    Write a function ``(year: int) -> int | None`` (return None when the figure cannot be
    computed, and the dashboard leaves the indicator out), give `DashboardPage` a target field if
    it has none, and append an `Indicator` to `INDICATORS`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.models import Page

from home.models.exchanges import ExchangePage
from home.models.guides import GuidePage
from projects.experiments.models import ExperimentEvent
from projects.network.models import Organisation, WorkingGroup
from projects.sharing.models import SharingMatch, SharingPost

# The seed's five cooperation themes each need a lead (the sixth comes in a second phase).
LED_THEME_NUMBERS = range(1, 6)


@dataclass(frozen=True)
class Indicator:
    """One figure of the dashboard, compared with the target editors set for the year."""

    key: str
    label: Promise
    target_field: str
    compute: Callable[[int], int | None]
    # "%(value)s … launched": ngettext_lazy(…, "value") picks the plural form by the value.
    progress: Promise | str
    note: Promise  # what the figure counts; may use %(year)s


@dataclass(frozen=True)
class Figure:
    """An indicator's live value and target for one year, ready to draw as a bar."""

    indicator: Indicator
    value: int
    target: int
    year: int

    @property
    def key(self) -> str:
        return self.indicator.key

    @property
    def label(self) -> str:
        return str(self.indicator.label)

    @property
    def text(self) -> str:
        """« 6 cooperation experiments launched »: the count, in the plural form it needs."""
        return self.indicator.progress % {"value": self.value}

    @property
    def goal(self) -> str:
        """« target: 3, reached »: said apart from the count, which may well exceed it (« 6
        experiments launched of 3 » read as nonsense)."""
        if self.reached:
            return _("target: %(target)s, reached") % {"target": self.target}
        return _("target: %(target)s") % {"target": self.target}

    @property
    def note(self) -> str:
        return str(self.indicator.note) % {"year": self.year}

    @property
    def percent(self) -> int:
        """How far the value is towards the target, capped at 100."""
        if self.target <= 0:
            return 100
        return min(100, round(100 * self.value / self.target))

    @property
    def step(self) -> int:
        """`percent` rounded to the nearest 5 for drawing (at least 5 once there is a value)."""
        step = 5 * round(self.percent / 5)
        return max(step, 5) if self.value > 0 else 0

    @property
    def reached(self) -> bool:
        return self.value >= self.target


def _default_locale_pages(model: type[Page]):
    # A join on the language code rather than a query for the default locale's id.
    return model.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)


def exchanges_held(year: int) -> int:
    """Exchanges of experience over before now whose end falls in ``year`` (French pages)."""
    pages = _default_locale_pages(ExchangePage)
    return pages.filter(end__lt=timezone.now(), end__year=year).count()


def guides_published(year: int) -> int:
    """Guides live on the site, counted once (their French version)."""
    return _default_locale_pages(GuidePage).count()


def experiments_launched(year: int) -> int:
    """Experiments formalised in ``year`` (the seed's "launched": formalised, funding sought),
    each counted once even if it was reopened and formalised again."""
    return (
        ExperimentEvent.objects.filter(transition="formalise", created_at__year=year)
        .values("experiment_id")
        .distinct()
        .count()
    )


def themes_with_lead(year: int) -> int:
    """Themes 1 to 5 whose (canonical) working group has a lead organisation."""
    return (
        WorkingGroup.objects.canonical()
        .filter(lead_organisation__isnull=False, theme__number__in=LED_THEME_NUMBERS)
        .values("theme_id")
        .distinct()
        .count()
    )


def active_members(year: int) -> int:
    """Organisations of the directory marked as active members of the cluster."""
    return Organisation.objects.canonical().active_members().count()


def sharing_posts(year: int) -> int:
    """Offers and requests published on the sharing board in ``year`` (whatever became of them
    since)."""
    return SharingPost.objects.filter(published_at__year=year).count()


def sharing_matches(year: int) -> int:
    """Offers and requests found to fit each other in ``year``."""
    return SharingMatch.objects.filter(created_at__year=year).count()


def sharing_fulfilled(year: int) -> int:
    """Posts of the sharing board marked as fulfilled in ``year``: exchanges that took place."""
    return SharingPost.objects.filter(
        state=SharingPost.State.FULFILLED, fulfilled_at__year=year
    ).count()


INDICATORS: list[Indicator] = [
    Indicator(
        key="exchanges",
        label=_("Exchanges of experience"),
        target_field="target_exchanges",
        compute=exchanges_held,
        progress=ngettext_lazy(
            "%(value)s exchange of experience held",
            "%(value)s exchanges of experience held",
            "value",
        ),
        note=_(
            "Meetings, testimonies, study trips and other exchanges published on this site that "
            "ended in %(year)s."
        ),
    ),
    Indicator(
        key="guides",
        label=_("Mini-guides"),
        target_field="target_guides",
        compute=guides_published,
        progress=ngettext_lazy(
            "%(value)s mini-guide published",
            "%(value)s mini-guides published",
            "value",
        ),
        note=_("Guides published on this site, each counted once whatever its translations."),
    ),
    Indicator(
        key="experiments",
        label=_("Cooperation experiments launched"),
        target_field="target_experiments",
        compute=experiments_launched,
        progress=ngettext_lazy(
            "%(value)s cooperation experiment launched",
            "%(value)s cooperation experiments launched",
            "value",
        ),
        note=_(
            "Experiments whose formalisation sheet was declared complete in %(year)s, the first "
            "step before seeking funding."
        ),
    ),
    Indicator(
        key="theme_leads",
        label=_("Theme leads"),
        target_field="target_theme_leads",
        compute=themes_with_lead,
        progress=ngettext_lazy(
            "%(value)s theme with a lead organisation",
            "%(value)s themes with a lead organisation",
            "value",
        ),
        note=_(
            "Cooperation themes 1 to 5 whose working group has a lead organisation (chef de file)."
        ),
    ),
    Indicator(
        key="active_members",
        label=_("Active member organisations"),
        target_field="target_active_members",
        compute=active_members,
        progress=ngettext_lazy(
            "%(value)s active member organisation",
            "%(value)s active member organisations",
            "value",
        ),
        note=_("Organisations of the directory marked as active members of the cluster today."),
    ),
    Indicator(
        key="sharing_posts",
        label=_("Offers and requests shared"),
        target_field="target_sharing_posts",
        compute=sharing_posts,
        progress=ngettext_lazy(
            "%(value)s offer or request published",
            "%(value)s offers and requests published",
            "value",
        ),
        note=_(
            "Premises, equipment, vehicles, skills and shared jobs offered or looked for on the "
            "sharing board in %(year)s."
        ),
    ),
    Indicator(
        key="sharing_matches",
        label=_("Offers and requests matched"),
        target_field="target_sharing_matches",
        compute=sharing_matches,
        progress=ngettext_lazy(
            "%(value)s offer or request matched",
            "%(value)s offers and requests matched",
            "value",
        ),
        note=_(
            "Pairs of an offer and a request of the same kind, on the same territory and at "
            "compatible dates, whose organisations were put in touch in %(year)s."
        ),
    ),
    Indicator(
        key="sharing_fulfilled",
        label=_("Exchanges fulfilled"),
        target_field="target_sharing_fulfilled",
        compute=sharing_fulfilled,
        progress=ngettext_lazy(
            "%(value)s exchange fulfilled",
            "%(value)s exchanges fulfilled",
            "value",
        ),
        note=_(
            "Posts of the sharing board that their organisation marked as fulfilled in %(year)s."
        ),
    ),
]


def figures(targets: object, year: int, indicators: list[Indicator] | None = None) -> list[Figure]:
    """The live figure of each indicator that can be computed, with its target from ``targets``.

    ``targets`` is the dashboard page (any object with the indicators' target fields).
    """
    result = []
    for indicator in INDICATORS if indicators is None else indicators:
        value = indicator.compute(year)
        if value is None:
            continue
        target = getattr(targets, indicator.target_field)
        result.append(Figure(indicator=indicator, value=value, target=target, year=year))
    return result
