"""The contact form: rendering, submissions (stored, e-mailed), errors, spam protection, admin."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import override_settings
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission
from wagtail.test.utils import WagtailPageTestCase

from accounts import roles
from home.forms import HONEYPOT_FIELD
from home.models import FormPage, HomePage


def contact_limit(submissions: int):
    """The contact form's per-address limit, over ten minutes (RATE_LIMITS["contact"])."""
    limits = {**settings.RATE_LIMITS, "contact": {"per_address": (submissions, 600)}}
    return override_settings(RATE_LIMITS=limits)


URLS = {"fr": "/fr/contact/", "en": "/en/contact/", "it": "/it/contatti/"}
LABELS = {
    "fr": ["Nom et prénom", "Adresse e-mail", "Structure", "Objet", "Message"],
    "en": ["Full name", "E-mail address", "Organisation", "Subject", "Message"],
    "it": ["Nome e cognome", "Indirizzo e-mail", "Organizzazione", "Oggetto", "Messaggio"],
}


def valid_data(**overrides) -> dict:
    data = {
        "nom": "Léa Garnier",
        "email": "lea.garnier@example.org",
        "structure": "Bio paniers",
        "objet": "Rejoindre le cluster",
        "message": "Bonjour, notre association souhaite rejoindre le groupe « locaux ».",
        HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def page(db) -> FormPage:
    return FormPage.objects.get(locale__language_code="fr")


class TestPageTree(WagtailPageTestCase):
    def test_form_page_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(FormPage, {HomePage})
        self.assertAllowedSubpageTypes(FormPage, set())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_contact_page_renders_in_each_language(client, language):
    response = client.get(URLS[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    for label in LABELS[language]:
        assert re.search(rf"<label [^>]*>{re.escape(label)}", html), label
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_honeypot_is_hidden_from_humans(client):
    html = client.get(URLS["en"]).content.decode()
    trap = re.search(r'<div class="trap" aria-hidden="true">(.*?)</div>', html, re.S)
    assert trap is not None
    assert "Leave this field empty" in trap.group(1)
    assert f'name="{HONEYPOT_FIELD}"' in trap.group(1)
    assert 'tabindex="-1"' in trap.group(1)
    assert 'autocomplete="off"' in trap.group(1)


@pytest.mark.django_db
def test_valid_submission_is_stored_emailed_and_confirmed(
    client, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, valid_data())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Message sent" in html or "Message envoyé" in html
    assert "votre message est bien arrivé" in html  # the editors' thank-you text
    submission = FormSubmission.objects.get(page=page)
    assert submission.form_data["email"] == "lea.garnier@example.org"
    assert HONEYPOT_FIELD not in submission.form_data
    (message,) = mail.outbox
    assert message.to == [page.to_address]
    assert message.subject == page.subject
    assert message.reply_to == ["lea.garnier@example.org"]
    assert "Nom et prénom: Léa Garnier" in message.body
    assert "Objet: Rejoindre le cluster" in message.body


@pytest.mark.django_db
def test_no_email_without_an_address_but_the_submission_is_kept(
    client, page, django_capture_on_commit_callbacks
):
    page.to_address = ""
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page.url, valid_data()).status_code == 200
    assert FormSubmission.objects.filter(page=page).count() == 1
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "it"])
def test_translated_pages_store_answers_under_the_same_names(
    client, language, django_capture_on_commit_callbacks
):
    translated = FormPage.objects.get(locale__language_code=language)
    choice = translated.form_fields.get(clean_name="objet").choices.splitlines()[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(translated.url, valid_data(objet=choice))
    assert response.status_code == 200
    submission = FormSubmission.objects.get(page=translated)
    assert set(submission.form_data) == {"nom", "email", "structure", "objet", "message"}
    assert LABELS[language][0] in mail.outbox[0].body


@pytest.mark.django_db
def test_errors_keep_what_was_typed_with_a_400(client, page):
    data = valid_data(email="not-an-address", nom="")
    response = client.post(page.url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="form-errors"' in html
    assert 'value="not-an-address"' in html
    assert "notre association souhaite rejoindre le groupe « locaux »." in html
    assert 'value="Bio paniers"' in html
    assert 'aria-invalid="true"' in html
    assert not FormSubmission.objects.filter(page=page).exists()


@pytest.mark.django_db
def test_required_drop_down_starts_empty(client, page):
    html = client.get(page.url).content.decode()
    assert '<option value="" selected>---------</option>' in html
    response = client.post(page.url, valid_data(objet=""))
    assert response.status_code == 400
    assert not FormSubmission.objects.filter(page=page).exists()


@pytest.mark.django_db
def test_filled_honeypot_pretends_success_but_keeps_nothing(
    client, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, valid_data(**{HONEYPOT_FIELD: "https://spam.example"}))
    assert response.status_code == 200
    assert "votre message est bien arrivé" in response.content.decode()
    assert not FormSubmission.objects.filter(page=page).exists()
    assert mail.outbox == []


@pytest.mark.django_db
@contact_limit(5)
def test_sixth_submission_in_ten_minutes_is_refused_with_a_429(client, page):
    for _ in range(5):
        assert client.post(page.url, valid_data()).status_code == 200
    response = client.post(page.url, valid_data(message="Encore un message"))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600  # the end of the ten-minute window
    html = response.content.decode()
    assert 'id="rate-limited"' in html
    assert "Encore un message" in html  # what was typed is still there
    assert FormSubmission.objects.filter(page=page).count() == 5
    # Another visitor is not affected.
    other = client.post(page.url, valid_data(), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


@pytest.mark.django_db
@contact_limit(2)
def test_rejected_forms_do_not_count_but_honeypot_hits_do(client, page):
    for _ in range(4):
        assert client.post(page.url, valid_data(email="wrong")).status_code == 400
    assert client.post(page.url, valid_data()).status_code == 200
    assert client.post(page.url, valid_data(**{HONEYPOT_FIELD: "x"})).status_code == 200
    assert client.post(page.url, valid_data()).status_code == 429


@pytest.mark.django_db
@contact_limit(2)
@override_settings(NUM_PROXIES=1)
def test_the_limit_counts_the_client_behind_the_proxy(client, page):
    """The form counts `core.client.client_ip` (its cases: tests/core/test_client_ip.py): the
    entry the proxy appended, whatever the visitor wrote in X-Forwarded-For before it."""

    def post(forwarded: str) -> int:
        response = client.post(
            page.url, valid_data(), REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
        )
        return response.status_code

    assert [post(f"203.0.113.{n}, 198.51.100.7") for n in range(3)] == [200, 200, 429]
    assert post("203.0.113.9, 198.51.100.8") == 200  # another visitor behind the same proxy


# ---------------------------------------------------------------------------------------------
# Admin: submissions in the Forms menu
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_editors_find_submissions_in_the_forms_menu(
    client, page, demo_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url, valid_data())
    editor = demo_user("redaction")
    group = editor.groups.get(name=roles.EDITORS)
    # Editors edit the site's pages; that right is what opens the submissions to them.
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.get_or_create(
        group=group, page=page.get_parent(), permission=change
    )
    client.force_login(editor)
    listing = client.get("/admin/forms/")
    assert listing.status_code == 200
    assert page.title in listing.content.decode()
    submissions = client.get(f"/admin/forms/submissions/{page.pk}/")
    assert submissions.status_code == 200
    assert "lea.garnier@example.org" in submissions.content.decode()
    assert HONEYPOT_FIELD not in submissions.content.decode()


@pytest.mark.django_db
def test_visitors_cannot_see_submissions(client, page, demo_user):
    client.force_login(demo_user("porteur"))
    response = client.get(f"/admin/forms/submissions/{page.pk}/")
    assert response.status_code in (302, 403)
