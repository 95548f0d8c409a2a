"""The main menu links areas of the platform outside the page tree, in each language."""

import json

import pytest
from django.utils import translation
from django.utils.translation import gettext

from home import areas
from home.models import MainMenu

BOARD = {"fr": "/fr/mutualisation/", "en": "/en/sharing/", "it": "/it/condivisione/"}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_the_demo_menu_links_the_sharing_board_in_each_language(client, language):
    html = client.get(f"/{language}/").content.decode()
    with translation.override(language):
        label = gettext("Sharing board")
    nav = html[html.index('class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'href="{BOARD[language]}"' in nav
    assert label in nav


@pytest.mark.django_db
def test_an_area_label_given_by_editors_wins_and_an_unknown_area_is_left_out(client):
    menu = MainMenu.objects.get(locale__language_code="en")
    raw = [{"type": b["type"], "value": b["value"]} for b in menu.items.raw_data]
    raw = [b for b in raw if b["type"] != "area"]
    raw += [
        {"type": "area", "value": {"area": "sharing_board", "label": "Lend and borrow"}},
        {"type": "area", "value": {"area": "retired_area", "label": ""}},
    ]
    menu.items = json.dumps(raw)
    menu.save()
    html = client.get("/en/").content.decode()
    assert f'<a href="{BOARD["en"]}"' in html or f'href="{BOARD["en"]}"' in html
    assert "Lend and borrow" in html
    assert "retired_area" not in html


def test_areas_resolve_in_the_active_language():
    with translation.override("it"):
        url, label = areas.resolve("sharing_board")
        assert label == gettext("Sharing board")
    assert url == BOARD["it"]
    assert areas.resolve("nothing") is None
