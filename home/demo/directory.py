"""The directory of organisations, the working groups page and the dashboard (seed facts).

Also gives a few working groups their latest meeting notes and the theme leads' descriptions
their English and Italian translations, so that these pages show translated content. The texts
are in `home/demo/data/directory.yaml` and `network.yaml`.
"""

import datetime
import json

from django.utils import timezone
from wagtail.models import Locale

from home.demo.content import read
from home.demo.i18n import Catalogue
from home.demo.pages import ensure_child, french_home, translate_everywhere
from home.models import DashboardPage, OrganisationDirectoryPage, WorkingGroupsPage
from home.translation import translate_instance
from projects.network.models import Organisation, WorkingGroup

PAGES = {
    "directory": OrganisationDirectoryPage,
    "working_groups": WorkingGroupsPage,
    "dashboard": DashboardPage,
}


def network_page(home, key: str, t: Catalogue):
    """The page `key` of directory.yaml under the French home page (created once)."""
    spec = read("directory")[key]
    return ensure_child(
        home,
        PAGES[key],
        slug=t(*spec["slug"]),
        title=t(*spec["title"]),
        intro=t(*spec["intro"]),
    )


def meeting_notes(t: Catalogue) -> None:
    """Give a few working groups their latest meeting, once, and update their translations."""
    network = read("network")
    for group in network["working_groups"]:
        t(*group["name"])
    french = Locale.get_default()
    today = timezone.localdate()
    for spec in network["meeting_notes"]:
        group = WorkingGroup.objects.filter(slug=spec["group"], locale=french).first()
        if group is None or group.meeting_notes:
            continue
        group.meeting_notes = json.dumps(
            [
                {
                    "type": "meeting",
                    "value": {
                        "date": (today - datetime.timedelta(days=spec["days_ago"])).isoformat(),
                        "title": t(*spec["title"]),
                        "summary": t.paragraphs(spec["summary"]),
                    },
                }
            ]
        )
        group.save()
        for code in t.languages:
            translate_instance(group, code, t.for_language(code))


def lead_descriptions() -> None:
    """English and Italian descriptions of the organisations that have them, created once.

    The French text is the organisation's description as it is now (an editor may have changed
    it since the demo created it).
    """
    french = Locale.get_default()
    for spec in read("network")["organisations"]:
        if not isinstance(spec["description"], tuple):
            continue
        organisation = Organisation.objects.filter(name=spec["name"], locale=french).first()
        if organisation is None or not organisation.description:
            continue
        t = Catalogue()
        t(organisation.description, *spec["description"][1:])
        for code in t.languages:
            if organisation.get_translation_or_none(Locale.objects.get(language_code=code)):
                continue
            translate_instance(organisation, code, t.for_language(code))


def load() -> dict:
    """Create the three pages with their translations; return them for the main menu."""
    t = Catalogue()
    home = french_home()
    pages = {key: network_page(home, key, t) for key in PAGES}
    for page in pages.values():
        translate_everywhere(page, t)
    meeting_notes(t)
    lead_descriptions()
    return pages
