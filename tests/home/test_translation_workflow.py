"""The translators' workflow of docs/translation.md.

Translations start as drafts and go through the same moderation as their source; the translation
editor saves its segments (form data) while the public API reads JSON only; the editor says when
the source changed since the last sync; PO files; machine translation only with a DeepL key.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
import wagtail_localize
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.parsers import JSONParser
from wagtail.models import Locale, WorkflowState
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from config.api.parsers import API_PARSER_CLASSES
from home.localize import services
from home.models import HomePage, NewsPage, StandardPage
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent.parent
NEWS_SLUG = "six-mini-guides-en-preparation"  # a published French news, not translated


def _english_translation() -> tuple[StandardPage, Translation]:
    french = StandardPage.objects.get(locale__language_code="fr", slug="participer")
    source = TranslationSource.objects.get_for_instance(french)
    return french, Translation.objects.get(source=source, target_locale__language_code="en")


def _french_news() -> NewsPage:
    return NewsPage.objects.get(locale__language_code="fr", slug=NEWS_SLUG)


def _start_translation(client, page, languages=("en",)):
    """Tick the languages on wagtail-localize's "Translate this page" form and submit it."""
    locales = Locale.objects.filter(language_code__in=languages)
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk for locale in locales]},
    )


def _translation_of(page, language: str) -> Translation:
    return Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(page),
        target_locale__language_code=language,
    )


def _segment(translation: Translation, path: str) -> StringSegment:
    return translation.source.stringsegment_set.get(context__path=path)


def _save_segment(client, translation: Translation, path: str, value: str):
    """What the translation editor sends when a segment is saved: a multipart PUT."""
    url = reverse(
        "wagtail_localize:edit_string_translation",
        args=[translation.pk, _segment(translation, path).pk],
    )
    return client.put(
        url,
        encode_multipart(BOUNDARY, {"value": value}),
        content_type=MULTIPART_CONTENT,
    )


def _review(client, translation: Translation, action: str, comment: str = ""):
    return client.post(
        reverse("translation_review", args=[translation.pk]),
        {"action": action, "comment": comment},
    )


# ------------------------------------------------------------------ starting a translation
@pytest.mark.django_db
def test_starting_a_translation_publishes_nothing(client, demo_user):
    french = _french_news()
    client.force_login(demo_user("redaction"))
    response = _start_translation(client, french, ("en", "it"))
    assert response.status_code == 302
    for language, index in (("en", "/en/news/"), ("it", "/it/notizie/")):
        draft = french.get_translation(Locale.objects.get(language_code=language))
        assert draft.live is False
        assert client.get(f"{index}{draft.slug}/").status_code == 404
        assert french.title not in client.get(index).content.decode()
        assert french.title not in client.get(f"{index}rss/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/fr/actualites/{NEWS_SLUG}/" in sitemap
    assert f"/en/news/{NEWS_SLUG}/" not in sitemap
    assert f"/it/notizie/{NEWS_SLUG}/" not in sitemap


@pytest.mark.django_db
def test_a_page_is_translated_after_its_parent(client, demo_user):
    french_home = HomePage.objects.get(locale__language_code="fr")
    section = french_home.add_child(
        instance=StandardPage(title="Nouvelle rubrique", slug="nouvelle-rubrique")
    )
    child = section.add_child(instance=StandardPage(title="Sous-page", slug="sous-page"))
    english = Locale.objects.get(language_code="en")
    client.force_login(demo_user("redaction"))

    refused = _start_translation(client, child)
    assert refused.status_code == 200
    assert refused.context["form"].errors["locales"]
    # Nothing created: wagtail-localize would have made the section a live alias of the French.
    assert not child.has_translation(english)
    assert not section.has_translation(english)

    assert _start_translation(client, section).status_code == 302
    assert _start_translation(client, child).status_code == 302
    assert child.get_translation(english).get_parent().specific == section.get_translation(english)


# ------------------------------------------------------------------ segments and the API
@pytest.mark.django_db
def test_the_translation_editor_saves_a_segment_sent_as_form_data(client, demo_user):
    french = _french_news()
    client.force_login(demo_user("redaction"))
    _start_translation(client, french)
    translation = _translation_of(french, "en")

    created = _save_segment(client, translation, "title", "Six mini-guides in preparation")
    assert created.status_code == 201, created.content
    assert created.json()["data"] == "Six mini-guides in preparation"
    changed = _save_segment(client, translation, "title", "Six cooperation mini-guides")
    assert changed.status_code == 200
    stored = StringTranslation.objects.get(
        translation_of_id=_segment(translation, "title").string_id,
        locale=translation.target_locale,
    )
    assert stored.data == "Six cooperation mini-guides"
    assert stored.last_translated_by == demo_user("redaction")


@pytest.mark.django_db
def test_an_image_or_link_override_is_saved_from_form_data(client, demo_user):
    segment = (
        OverridableSegment.objects.filter(source__translations__target_locale__language_code="en")
        .select_related("source")
        .first()
    )
    assert segment is not None, "the demo has no translated page with an image or a link"
    translation = segment.source.translations.get(target_locale__language_code="en")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.put(
        reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk]),
        encode_multipart(BOUNDARY, {"value": "https://example.org/en/"}),
        content_type=MULTIPART_CONTENT,
    )
    assert response.status_code in (200, 201), response.content
    assert SegmentOverride.objects.filter(
        context_id=segment.context_id, locale=translation.target_locale
    ).exists()


@pytest.mark.django_db
def test_the_public_api_still_refuses_form_data(client, demo_user):
    client.force_login(demo_user("porteur"))
    response = client.post("/api/v1/experiments/", {"title": "Atelier"})
    assert response.status_code == 415
    assert response.json()["detail"]


def _api_views(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _api_views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and prefix.startswith("api/v1/"):
            view_class = getattr(pattern.callback, "cls", None)
            if view_class is not None:
                yield prefix + str(pattern.pattern), pattern.callback, view_class


def test_every_api_view_that_reads_a_body_reads_json_only():
    checked = 0
    for route, callback, view_class in _api_views():
        actions = getattr(callback, "actions", None) or {}
        methods = set(actions) or {
            m for m in ("post", "put", "patch", "delete") if hasattr(view_class, m)
        }
        if not methods & {"post", "put", "patch"}:
            continue
        checked += 1
        assert tuple(view_class.parser_classes) == API_PARSER_CLASSES, route
        assert all(issubclass(parser, JSONParser) for parser in view_class.parser_classes)
    assert checked >= 4  # token, experiments, dossiers, sharing


# ------------------------------------------------------------------ review
@pytest.mark.django_db
def test_an_editor_submits_a_translation_and_a_moderator_publishes_it(client, demo_user):
    french = _french_news()
    client.force_login(demo_user("redaction"))
    _start_translation(client, french)
    translation = _translation_of(french, "en")
    _save_segment(client, translation, "title", "Six cooperation mini-guides in preparation")

    response = _review(client, translation, "submit")
    assert response.status_code == 302
    english = NewsPage.objects.get(pk=translation.get_target_instance().pk)
    assert english.live is False
    state = english.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Relecture"
    assert english.get_latest_revision_as_object().title == (
        "Six cooperation mini-guides in preparation"
    )
    # The editor may not approve their own work.
    assert _review(client, translation, services.APPROVE).status_code in (302, 403)
    assert NewsPage.objects.get(pk=english.pk).live is False

    client.force_login(demo_user("relecture"))
    editor_view = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert 'value="approve"' in editor_view.content.decode()
    response = _review(client, translation, services.APPROVE)
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live is True
    assert english.title == "Six cooperation mini-guides in preparation"
    assert (
        "Six cooperation mini-guides in preparation" in Client().get("/en/news/").content.decode()
    )


@pytest.mark.django_db
def test_a_published_translation_keeps_its_text_online_until_approved(client, demo_user):
    _french, translation = _english_translation()
    client.force_login(demo_user("redaction"))
    assert _save_segment(client, translation, "title", "Get involved").status_code == 200
    assert _review(client, translation, "submit").status_code == 302

    english = StandardPage.objects.get(pk=translation.get_target_instance().pk)
    assert english.title == "Take part"  # the live row is untouched
    assert english.has_unpublished_changes
    assert english.get_latest_revision_as_object().title == "Get involved"
    assert "Get involved" not in Client().get("/en/take-part/").content.decode()

    client.force_login(demo_user("relecture"))
    _review(client, translation, services.APPROVE)
    assert "Get involved" in Client().get("/en/take-part/").content.decode()


@pytest.mark.django_db
def test_requested_changes_then_a_resubmission(client, demo_user):
    _french, translation = _english_translation()
    client.force_login(demo_user("redaction"))
    _review(client, translation, "submit")
    client.force_login(demo_user("relecture"))
    _review(client, translation, services.REQUEST_CHANGES, "Say « Get involved ».")
    english = translation.get_target_instance()
    state = english.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Say « Get involved »."

    client.force_login(demo_user("redaction"))
    page = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert 'value="submit"' in page
    _save_segment(client, translation, "title", "Get involved")
    _review(client, translation, "submit")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert translation.get_target_instance().get_latest_revision_as_object().title == (
        "Get involved"
    )


@pytest.mark.django_db
def test_the_editor_cannot_publish_from_the_translation_editor(client, demo_user):
    _french, translation = _english_translation()
    client.force_login(demo_user("redaction"))
    _save_segment(client, translation, "title", "Get involved")
    edit_url = reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk])
    client.post(edit_url, {"action": "publish"})
    assert "Get involved" not in Client().get("/en/take-part/").content.decode()


@pytest.mark.django_db
def test_bad_review_requests_get_a_4xx_or_a_message(client, demo_user):
    _french, translation = _english_translation()
    client.force_login(demo_user("relecture"))
    assert _review(client, translation, "dance").status_code == 400
    # Approving what is not awaiting review: a message, nothing published.
    response = _review(client, translation, services.APPROVE)
    assert response.status_code == 302
    assert not translation.get_target_instance().workflow_in_progress
    _review(client, translation, "submit")
    too_long = _review(client, translation, services.REQUEST_CHANGES, "x" * 3000)
    assert too_long.status_code == 302
    assert translation.get_target_instance().current_workflow_state.status == "in_progress"
    assert client.get(reverse("translation_review", args=[translation.pk])).status_code == 405
    client.force_login(demo_user("porteur"))
    assert _review(client, translation, "submit").status_code == 302  # to the sign-in page
    assert translation.get_target_instance().current_workflow_state.status == "in_progress"


# ------------------------------------------------------------------ sync
@pytest.mark.django_db
def test_only_people_who_may_publish_get_publish_immediately(client, demo_user):
    french, translation = _english_translation()
    french.title = "Participer au cluster"
    french.save_revision(user=demo_user("relecture")).publish()
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])

    client.force_login(demo_user("redaction"))
    form = client.get(url).content.decode()
    assert 'name="publish_translations"' not in form
    client.post(url, {"publish_translations": "on"})
    english = StandardPage.objects.get(pk=translation.get_target_instance().pk)
    assert english.title == "Take part"  # synced, not published
    translation.source.refresh_from_db()
    assert "Participer au cluster" in translation.source.content_json

    client.force_login(demo_user("relecture"))
    assert 'name="publish_translations"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_translation_editor_says_when_the_source_changed(client, demo_user):
    french, translation = _english_translation()
    editor_url = reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk])
    client.force_login(demo_user("redaction"))
    assert "translation-review__source-changed" not in client.get(editor_url).content.decode()

    # Published again without a change: nothing to translate.
    french.save_revision(user=demo_user("relecture")).publish()
    assert "translation-review__source-changed" not in client.get(editor_url).content.decode()

    french.intro = "Rejoignez les groupes de travail du cluster."
    revision = french.save_revision(user=demo_user("relecture"))
    assert "translation-review__source-changed" not in client.get(editor_url).content.decode()
    revision.publish()  # a draft of the source is not what a sync takes: only its publication
    page = client.get(editor_url).content.decode()
    assert "translation-review__source-changed" in page
    assert f"/admin/pages/{french.pk}/revisions/compare/" in page
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    assert sync_url in page

    client.post(sync_url, {})
    assert "translation-review__source-changed" not in client.get(editor_url).content.decode()


# ------------------------------------------------------------------ words of the editor
@pytest.mark.django_db
def test_the_editor_gets_its_english_only_words_translated_and_publish_in_french(client, demo_user):
    _french, translation = _english_translation()
    client.force_login(demo_user("redaction"))
    page = client.get(
        reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk])
    ).content.decode()
    assert "data-segments-heading=" in page and "data-more-actions=" in page
    assert "home/js/translation-editor.js" in page
    catalogue = client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    # « Publier en anglais », not « Publier dansEnglish ».
    assert '"Publish in ": "Publier en "' in catalogue


def test_the_overridden_editor_template_is_the_one_its_copy_follows():
    """home/templates/wagtail_localize/admin/edit_translation.html copies the content block of
    wagtail-localize's template: when an upgrade changes it, bring the copy in step, then the
    fingerprint here."""
    upstream = (
        Path(wagtail_localize.__file__).parent
        / "templates/wagtail_localize/admin/edit_translation.html"
    )
    fingerprint = hashlib.sha256(upstream.read_bytes()).hexdigest()
    assert fingerprint == "52b849c00b09876c0fb0e7314a762f1eebb1c4212120828c61c1350a301a5ba7"


def test_segment_comments_keep_no_english_date_in_french_and_italian():
    for language in ("fr", "it"):
        path = ROOT / "site" / "locale" / language / "LC_MESSAGES" / "django.po"
        entries = {e.msgid: e.msgstr for e in polib.pofile(str(path))}
        for msgid in ("Translated manually on {date}", "Translated with {tool_name} on {date}"):
            if msgid in entries:  # once the PO fragments of issue 14 are merged
                assert "{date}" not in entries[msgid], (language, msgid)


# ------------------------------------------------------------------ PO files
@pytest.mark.django_db
def test_translator_downloads_edits_and_uploads_the_po_file_then_publishes(client):
    french, translation = _english_translation()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith("-en.po")
    po = polib.pofile(download.content.decode())
    title = next(entry for entry in po if entry.msgid == french.title)
    assert title.msgstr == "Take part"
    title.msgstr = "Get involved"

    editor = f"/admin/pages/{translation.get_target_instance().pk}/edit/"
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("take-part-en.po", str(po).encode()), "next": editor},
    )
    assert upload.status_code == 302
    assert upload["Location"] == editor
    # The editor's "Publish in English" button saves the target page from the strings.
    translation.save_target(publish=True)
    english = StandardPage.objects.get(locale__language_code="en", slug="take-part")
    assert english.title == "Get involved"
    assert client.get("/en/take-part/").content.decode().count("Get involved") >= 1


@pytest.mark.django_db
def test_a_po_file_of_another_translation_is_refused(client):
    _french, translation = _english_translation()
    italian = Translation.objects.get(source=translation.source, target_locale__language_code="it")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    po = client.get(reverse("wagtail_localize:download_pofile", args=[italian.pk])).content
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("wrong.po", po), "next": "/admin/"},
    )
    translation.save_target(publish=True)  # what was imported, if anything, goes live
    english = StandardPage.objects.get(locale__language_code="en", slug="take-part")
    assert english.title == "Take part"


# ------------------------------------------------------------------ machine translation
def test_machine_translation_is_off():
    assert get_machine_translator() is None


@pytest.mark.parametrize(
    ("key", "expected"),
    [("", "None"), ("0123-abcd:fx", "DeepLTranslator 0123-abcd:fx")],
)
def test_a_deepl_key_in_the_environment_turns_machine_translation_on(key, expected):
    code = (
        "import django; django.setup()\n"
        "from wagtail_localize.machine_translators import get_machine_translator\n"
        "translator = get_machine_translator()\n"
        "print(translator and f'{type(translator).__name__} {translator.options[\"AUTH_KEY\"]}')"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DEEPL_API_KEY"},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DEEPL_API_KEY": key,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
