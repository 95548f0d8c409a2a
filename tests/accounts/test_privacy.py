"""The privacy notice: complete, in each language, linked from sign-up and the footer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from projects.sharing.models import POST_LIFETIME_DAYS

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "fr") -> str:
    with translation.override(language):
        return reverse(name)


def test_the_address_is_translated():
    assert url("accounts:privacy", "en") == "/en/account/privacy/"


@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_the_notice_says_what_why_how_long_and_who_to_ask(client, language):
    response = client.get(url("accounts:privacy", language))
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        for heading in ("Privacy: your personal data", "What we keep, and why", "For how long"):
            assert gettext(heading) in html
    assert url("accounts:export_data", language) in html
    assert url("accounts:delete_account", language) in html
    assert "https://www.cnil.fr/" in html


def test_the_durations_are_the_codes(client, settings):
    settings.SESSION_COOKIE_AGE = 7 * 24 * 3600
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    html = client.get(url("accounts:privacy", "en")).content.decode()
    assert "Your session: 7 days" in html
    assert "for 30 minutes" in html
    assert "works for 3 days" in html
    assert f"for {POST_LIFETIME_DAYS} days unless renewed" in html


def test_the_contact_address_of_the_site_settings_is_given(client):
    from home.models import SiteSettings

    site_settings = SiteSettings.load()
    site_settings.contact_email = "contact@cluster05.example.org"
    site_settings.save()
    html = client.get(url("accounts:privacy", "en")).content.decode()
    assert 'href="mailto:contact@cluster05.example.org"' in html


def test_the_footer_links_to_the_notice(client):
    html = client.get(url("accounts:login", "en")).content.decode()
    footer = html[html.index("<footer") :]
    assert f'href="{url("accounts:privacy", "en")}"' in footer
