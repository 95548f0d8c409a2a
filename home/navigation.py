"""The header's navigation tree: six sections, each opening a short list of links.

Editors keep one flat menu per language (``MainMenu``: pages and areas of the platform, in their
order). The header groups those links under six fixed sections so that the menu fits one line
on a laptop; each link goes to the section of its page type or area, and the platform's own
pages that every visitor must be able to reach (public experiments, « propose a cooperation »)
are added by the code, so that no section depends on the editors remembering them. A link the
grouping does not know (a page type added later, an external address) joins the first section.

Built without any query of its own: the caller passes the menu and its pages
(``site_tags.main_menu``), so the header's query count stays the same whatever the menu holds.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from home import areas


@dataclass(frozen=True)
class Section:
    """One primary entry of the menu: its label and what it gathers."""

    key: str
    label: object
    page_types: frozenset[str] = frozenset()
    area_keys: frozenset[str] = frozenset()
    # (route name, label): platform pages always listed in this section, after the editors' links.
    routes: tuple[tuple[str, object], ...] = ()


SECTIONS: tuple[Section, ...] = (
    Section(
        "cluster",
        _("The cluster"),
        page_types=frozenset(
            {"StandardPage", "GuideIndexPage", "ExchangeIndexPage", "DashboardPage", "FormPage"}
        ),
    ),
    Section(
        "network",
        _("Network"),
        page_types=frozenset({"OrganisationDirectoryPage", "WorkingGroupsPage"}),
    ),
    Section(
        "experiments",
        _("Experiments"),
        area_keys=frozenset({"experiments"}),
        routes=(
            ("projects:public_list", _("Cooperation experiments")),
            ("projects:propose_public", _("Propose a cooperation")),
        ),
    ),
    Section(
        "funding",
        _("Funding"),
        page_types=frozenset({"FundingCatalogPage"}),
    ),
    Section(
        "sharing",
        _("Sharing"),
        area_keys=frozenset({"sharing_board"}),
        routes=(("projects:sharing_board", _("Sharing board")),),
    ),
    Section(
        "news",
        _("News"),
        page_types=frozenset({"NewsIndexPage"}),
    ),
)


@dataclass
class MenuLink:
    url: str
    text: str
    is_current: bool = False


@dataclass
class MenuSection:
    """A section as the template draws it: a disclosure, or a plain link when it has one."""

    key: str
    label: str
    links: list[MenuLink] = field(default_factory=list)

    @property
    def is_current(self) -> bool:
        return any(link.is_current for link in self.links)

    @property
    def single(self) -> MenuLink | None:
        return self.links[0] if len(self.links) == 1 else None


def section_for(*, page_type: str = "", area: str = "") -> Section:
    """The section a link belongs to; the first one for a link no section claims."""
    for section in SECTIONS:
        if page_type and page_type in section.page_types:
            return section
        if area and area in section.area_keys:
            return section
    return SECTIONS[0]


def is_current(url: str, current_path: str) -> bool:
    """The link leads to the page shown or to one of its ancestors (not the home page)."""
    return bool(url) and url.count("/") > 2 and current_path.startswith(url)


def build_tree(entries, current_path: str = "") -> list[MenuSection]:
    """The six sections filled with ``entries`` — (url, text, page type, area key) tuples in
    the editors' order — then with each section's own routes; empty sections are left out
    and a link already listed is not repeated."""
    tree = {section.key: MenuSection(section.key, str(section.label)) for section in SECTIONS}
    seen: set[str] = set()

    def add(section: Section, url: str, text: str) -> None:
        if not url or url in seen:
            return
        seen.add(url)
        tree[section.key].links.append(MenuLink(url, text, is_current(url, current_path)))

    for url, text, page_type, area in entries:
        add(section_for(page_type=page_type, area=area), url, text)
    for section in SECTIONS:
        for route, label in section.routes:
            try:
                add(section, reverse(route), str(label))
            except NoReverseMatch:
                continue
    return [section for section in tree.values() if section.links]


def area_entry(key: str, label: str = ""):
    """(url, text, page type, area) of an area of the platform; None if it is gone."""
    found = areas.resolve(key)
    if found is None:
        return None
    url, name = found
    return url, label or name, "", key
