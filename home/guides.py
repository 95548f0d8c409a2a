"""Reading helpers for the mini-guides: theme leads and the sections of a guide."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import slugify
from wagtail.blocks import StreamValue

from core.translation import localize_all
from projects.network.models import Organisation, Theme, WorkingGroup


def theme_leads(themes: Iterable[Theme]) -> dict[int, Organisation]:
    """The lead organisation (chef de file) of each theme, keyed by the canonical theme's id.

    A theme's lead is the lead organisation of its thematic working group (the oldest one when a
    theme has several). Two queries whatever the number of themes; the organisations are the
    canonical rows with their text in the active language.
    """
    theme_ids = {theme.pk for theme in themes}
    if not theme_ids:
        return {}
    groups = (
        WorkingGroup.objects.canonical()
        .filter(
            kind=WorkingGroup.Kind.THEMATIC,
            theme_id__in=theme_ids,
            lead_organisation__isnull=False,
        )
        .select_related("lead_organisation__commune")
        .order_by("theme_id", "pk")
    )
    leads: dict[int, Organisation] = {}
    for group in groups:
        leads.setdefault(group.theme_id, group.lead_organisation)
    localize_all(leads.values())
    return leads


@dataclass(frozen=True)
class GuideSection:
    """A section of a guide as listed in its table of contents."""

    anchor: str
    heading: str
    block_type: str
    block: object | None = None  # the StreamField child; None for the automatic contacts


def guide_sections(body: StreamValue, *, contacts_heading: str) -> list[GuideSection]:
    """The guide's sections in order, each with a unique anchor made from its heading.

    The contacts section always exists: when the editor did not add one, it is appended with
    ``contacts_heading`` so that the theme lead is always shown.
    """
    sections = []
    used: set[str] = set()

    def anchor_for(heading: str, position: int) -> str:
        base = slugify(heading)[:60] or f"section-{position}"
        anchor, suffix = base, 2
        while anchor in used:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        used.add(anchor)
        return anchor

    for position, block in enumerate(body, start=1):
        heading = block.value["heading"]
        sections.append(
            GuideSection(anchor_for(heading, position), heading, block.block_type, block)
        )
    if not any(section.block_type == "contacts" for section in sections):
        sections.append(
            GuideSection(
                anchor_for(contacts_heading, len(sections) + 1), contacts_heading, "contacts"
            )
        )
    return sections
