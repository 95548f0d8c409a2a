"""Browser: an editor translates a published French news into English in wagtail-localize's
translation editor, segment by segment, and submits it; a moderator approves it; only then do
visitors read it in English.

Elements are found by their names and addresses rather than their wording where translators may
change it; the editor's own buttons (« Traduire », « Enregistrer ») are wagtail-localize's.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from home.models import NewsPage
from tests.browser.fixtures import sign_in
from tests.conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "six-mini-guides-en-preparation"
ENGLISH = {
    "title": "Six cooperation mini-guides in preparation",
    "summary": "One guide per cooperation domain, written together from existing work.",
    "body 1": "Each mini-guide will weigh the possible options, inspiring experiences from "
    "elsewhere and the initiatives under way in the Hautes-Alpes.",
    "body 2": "The working groups review the first drafts before they are published here.",
}


def _translate_segments(tab, texts: list[str]) -> None:
    """Click « Traduire » on each untranslated segment, type, « Enregistrer »: one save each."""
    editor = tab.locator(".js-translation-editor")
    for text in texts:
        with tab.expect_response(
            lambda r: "/strings/" in r.url and r.request.method == "PUT"
        ) as saved:
            editor.get_by_role("button", name="Traduire", exact=True).first.click()
            editor.locator("textarea").fill(text)
            editor.get_by_role("button", name="Enregistrer", exact=True).click()
        assert saved.value.status in (200, 201)
        editor.get_by_text(text, exact=True).wait_for()


def test_an_editor_translates_and_a_moderator_publishes(chromium, live_server):
    french = NewsPage.objects.get(locale__language_code="fr", slug=SLUG)
    english_locale = Locale.objects.get(language_code="en")
    contexts = {
        name: chromium.new_context(base_url=live_server.url, locale="fr-FR")
        for name in ("editor", "moderator", "visitor")
    }
    try:
        for context in contexts.values():
            context.set_default_timeout(20_000)
        visitor = contexts["visitor"].new_page()

        # Nadia Benali (redaction@) starts the English translation from the page's « ⋯ » menu.
        editor = contexts["editor"].new_page()
        sign_in(editor, "redaction@example.org", DEMO_PASSWORD)
        editor.goto(reverse("wagtailadmin_pages:edit", args=[french.pk]))
        editor.locator("header [data-w-dropdown-target=toggle]").first.click()
        submit_url = reverse("wagtail_localize:submit_page_translation", args=[french.pk])
        editor.locator(f"a[href='{submit_url}']").click()
        editor.locator(f"input[name=locales][value='{english_locale.pk}']").check()
        editor.locator("main form [type=submit]").click()
        editor.locator(".js-translation-editor").wait_for()
        english = french.get_translation(english_locale)
        assert f"/admin/pages/{english.pk}/edit/" in editor.url

        # Nothing in English yet for visitors: a draft, not in the news, not at its address.
        visitor.goto("/en/news/")
        assert french.title not in visitor.locator("main").inner_text()
        assert visitor.goto(f"/en/news/{SLUG}/").status == 404

        _translate_segments(editor, list(ENGLISH.values()))
        editor.locator("button[name=action][value=submit]").click()
        editor.wait_for_load_state()
        editor.locator(".translation-review__in-review").wait_for()
        visitor.goto("/en/news/")
        assert ENGLISH["title"] not in visitor.locator("main").inner_text()

        # Paul Chabert (relecture@) reads it in the same editor and approves it.
        moderator = contexts["moderator"].new_page()
        sign_in(moderator, "relecture@example.org", DEMO_PASSWORD)
        moderator.goto(reverse("wagtailadmin_pages:edit", args=[english.pk]))
        moderator.locator(".js-translation-editor").get_by_text(ENGLISH["summary"]).wait_for()
        moderator.locator("button[name=action][value=approve]").click()
        moderator.wait_for_load_state()
        moderator.locator(".messages .success").wait_for()

        visitor.goto("/en/news/")
        assert ENGLISH["title"] in visitor.locator("main").inner_text()
        visitor.goto(f"/en/news/{SLUG}/")
        article = visitor.locator("main").inner_text()
        assert ENGLISH["body 1"] in article and ENGLISH["body 2"] in article
        english.refresh_from_db()
        assert english.live and not english.has_unpublished_changes
    finally:
        for context in contexts.values():
            context.close()
