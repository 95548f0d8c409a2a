"""The admin's preview of every page type: rendered with the site's policy, framable by the
admin only (config/security.py), while public pages stay unframable."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from funding.catalogue.pages import FundingCatalogPage
from home.models import (
    DashboardPage,
    ExchangeIndexPage,
    ExchangePage,
    FormPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OrganisationDirectoryPage,
    StandardPage,
    WorkingGroupsPage,
)
from tests.security.test_headers import directives

PAGE_TYPES = [
    HomePage,
    StandardPage,
    GuideIndexPage,
    GuidePage,
    ExchangeIndexPage,
    ExchangePage,
    NewsIndexPage,
    NewsPage,
    OrganisationDirectoryPage,
    DashboardPage,
    FormPage,
    FundingCatalogPage,
    WorkingGroupsPage,
]


def _page(model) -> Page:
    return model.objects.live().filter(locale__language_code="fr").order_by("pk").first()


def _preview_in_panel(client, rf, page: Page):
    """The preview as Wagtail renders it for the admin's panel: a request it builds itself from
    the editor's (cookies included) and sends through the whole middleware chain."""
    cookie = settings.SESSION_COOKIE_NAME
    request = rf.get(
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        HTTP_COOKIE=f"{cookie}={client.cookies[cookie].value}",
    )
    return page.make_preview_request(
        request, page.default_preview_mode, {"in_preview_panel": True, "is_editing": True}
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_previews_framed_by_the_admin_only(client, rf, demo_user, model):
    page = _page(model)
    client.force_login(demo_user("relecture"))
    response = _preview_in_panel(client, rf, page)
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(page.title) in html
    assert "<wagtail-userbar>" in html  # the checks' script is in the page
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    # Everything else is the public pages' policy: no inline script, nothing framed.
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-src"] == ["'none'"]


def _preview_view(client, page: Page, **params):
    """The admin's preview view: posts the edit form as it stands, then loads the preview as
    the panel (``in_preview_panel``) or its "new tab" link does. Only for page types without a
    StreamField, whose form the browser builds with JavaScript (tests/browser/test_preview.py)."""
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(edit_html, form_id="page-edit-form")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    return client.get(url, params)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"in_preview_panel": "true"}, {}], ids=["panel", "new-tab"])
def test_the_preview_view_answers_the_panel_and_the_new_tab(client, demo_user, params):
    page = _page(GuideIndexPage)
    client.force_login(demo_user("redaction"))
    response = _preview_view(client, page, **params)
    assert response.status_code == 200
    assert escape(page.title) in response.content.decode()
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # Wagtail's own, for its previews


@pytest.mark.django_db
def test_the_public_page_itself_stays_unframable(client, demo_user):
    guide = _page(GuidePage)
    client.force_login(demo_user("redaction"))  # signed in to the admin, on the public page
    response = client.get(guide.url)
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_only_wagtails_own_preview_requests_get_the_preview_policy(client):
    # A visitor cannot ask for the preview's policy: a query string or header changes nothing.
    response = client.get("/fr/guides/?in_preview_panel=true", HTTP_X_IS_DUMMY="1")
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_admin_refers_to_no_gravatar(client, demo_user):
    client.force_login(demo_user("redaction"))
    guide = _page(GuidePage)
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        reverse("wagtailadmin_account"),
    ):
        html = client.get(url).content.decode()
        assert "gravatar" not in html.lower(), url
        assert "wagtailadmin/images/default-user-avatar" in html, url
