"""The translators' workflow of docs/translation.md: PO download and upload, then publish."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation, TranslationSource

from home.models import StandardPage
from tests.factories import UserFactory


def _english_translation() -> tuple[StandardPage, Translation]:
    french = StandardPage.objects.get(locale__language_code="fr", slug="participer")
    source = TranslationSource.objects.get_for_instance(french)
    return french, Translation.objects.get(source=source, target_locale__language_code="en")


def test_machine_translation_is_off():
    assert get_machine_translator() is None


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
