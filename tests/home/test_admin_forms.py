"""Page forms that help the editor: the image's description as its default alternative text,
help texts where a newcomer hesitates, searchable choosers, one home page per language told
apart in the admin."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from home.blocks.common import ALT_TEXT_HELP, BodyBlock, DescribedImageBlock
from home.models import ExchangePage, HomePage, NewsPage, StandardPage
from tests.factories import ImageFactory, UserFactory

DESCRIPTION = "Members of the cluster around a table in Gap"  # ImageFactory's description


@pytest.fixture
def admin_user(db):
    return UserFactory(email="root@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _english_admin(user) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


# ---------------------------------------------------------------------------------------------
# Alternative text
# ---------------------------------------------------------------------------------------------
def _standard_page_data(page: StandardPage, body: list, action: str) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield(body),
            "comments": inline_formset([]),
            action: action,
        }
    )


@pytest.mark.django_db
def test_an_image_block_without_alt_text_saves_and_renders_the_description(admin_client):
    page = StandardPage.objects.get(slug="participer", locale__language_code="fr")
    image = ImageFactory()
    body = [("image", {"image": image.pk, "alt_text": ""})]
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _standard_page_data(page, body, "action-publish"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    block = page.body[0]
    assert block.block_type == "image"
    assert block.value.contextual_alt_text == DESCRIPTION  # stored: translators translate it
    html = admin_client.get(page.url).content.decode()
    assert re.search(rf'<img [^>]*alt="{re.escape(DESCRIPTION)}"', html)


@pytest.mark.django_db
def test_a_decorative_image_keeps_an_empty_alt(admin_client):
    page = StandardPage.objects.get(slug="participer", locale__language_code="fr")
    image = ImageFactory()
    body = [("image", {"image": image.pk, "alt_text": "", "decorative": "on"})]
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _standard_page_data(page, body, "action-publish"),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body[0].value.decorative
    html = admin_client.get(page.url).content.decode()
    assert re.search(r'<img [^>]*alt=""', html)


@pytest.mark.django_db
def test_a_given_alt_text_wins_over_the_description():
    image = ImageFactory()
    block = BodyBlock()
    value = block.to_python(
        [{"type": "image", "value": {"image": image.pk, "alt_text": "Une table ronde"}}]
    )
    cleaned = block.clean(value)
    assert cleaned[0].value.contextual_alt_text == "Une table ronde"


@pytest.mark.django_db
def test_an_image_without_description_still_asks_for_alt_text():
    from wagtail.blocks import StructBlockValidationError

    image = ImageFactory(description="")
    block = DescribedImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": "", "decorative": False})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "alt_text" in error.value.block_errors


def test_the_alt_text_field_says_it_is_optional():
    block = DescribedImageBlock()
    assert block.child_blocks["alt_text"].field.help_text == ALT_TEXT_HELP
    assert not block.child_blocks["alt_text"].required
    assert block.deconstruct()[0] == "wagtail.images.blocks.ImageBlock"  # no migration churn


@pytest.mark.django_db
def test_a_news_image_without_alt_text_takes_the_description():
    image = ImageFactory()
    page = NewsPage(title="Nouvelle", slug="nouvelle", summary="…", image=image, image_alt="")
    page.clean()
    assert page.image_alt == DESCRIPTION


# ---------------------------------------------------------------------------------------------
# Help texts and choosers on pages
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_exchange_form_says_the_time_zone_and_searches_places_and_organisers(
    admin_client, admin_user
):
    _english_admin(admin_user)
    exchange = ExchangePage.objects.filter(locale__language_code="fr").first()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[exchange.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Europe/Paris") >= 2  # start and end
    soup = BeautifulSoup(html, "html.parser")
    commune = soup.find("select", attrs={"name": "commune"})
    organisers = soup.find("select", attrs={"name": "organisers"})
    assert commune.has_attr("data-searchable-select")
    assert organisers.has_attr("data-searchable-select") and organisers.has_attr("multiple")


@pytest.mark.django_db
def test_the_news_form_picks_territories_with_the_hierarchy(admin_client):
    news = NewsPage.objects.filter(locale__language_code="fr").first()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[news.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    territories = soup.find("select", attrs={"name": "territories"})
    assert territories.has_attr("data-searchable-select")
    assert territories.find("optgroup") is not None
    assert territories.find("option", attrs={"data-name": "Gap"}).get("data-path")


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("projects.Organisation", name)
        for name in (
            "name",
            "slug",
            "kind",
            "legal_form",
            "description",
            "themes",
            "territories",
            "commune",
            "country",
            "latitude",
            "longitude",
            "website",
            "email",
            "logo",
            "is_active_member",
        )
    ]
    + [
        ("projects.WorkingGroup", name)
        for name in ("name", "slug", "kind", "theme", "territory", "lead_organisation", "members")
    ]
    + [("projects.Theme", name) for name in ("number", "slug", "name", "description")]
    + [
        ("projects.Territory", name)
        for name in ("name", "slug", "kind", "code", "country", "latitude", "longitude", "parents")
    ]
    + [
        ("home.ExchangePage", name)
        for name in ("kind", "start", "end", "commune", "organisers", "themes", "participants")
    ]
    + [("home.NewsPage", name) for name in ("date", "themes", "territories", "image_alt")]
    + [("home.GuidePage", name) for name in ("theme", "summary", "published_on")]
    + [
        ("funding.FundingCall", name)
        for name in (
            "name",
            "slug",
            "source",
            "territory",
            "recurrence",
            "opens_on",
            "pre_deposit_at",
            "closes_at",
            "amount_min",
            "amount_max",
            "rate_min",
            "rate_max",
            "min_self_financing_rate",
            "platform_fee_rate",
            "required_countries",
            "external_id",
        )
    ]
    + [("funding.Funder", name) for name in ("name", "slug", "kind", "organisation")]
    + [("funding.FundingSource", name) for name in ("funder", "name", "slug", "kind", "parent")],
)
def test_fields_a_newcomer_hesitates_on_have_help(model, field):
    from django.apps import apps

    assert str(apps.get_model(model)._meta.get_field(field).help_text).strip()


@pytest.mark.parametrize("model", ["home.ExchangePage", "funding.FundingCall"])
def test_moments_say_they_are_in_paris_time(model):
    from django.apps import apps

    fields = {
        "home.ExchangePage": ["start", "end"],
        "funding.FundingCall": ["pre_deposit_at", "closes_at"],
    }[model]
    for name in fields:
        assert "Paris" in str(apps.get_model(model)._meta.get_field(name).help_text)


# ---------------------------------------------------------------------------------------------
# One page tree per language
# ---------------------------------------------------------------------------------------------
LANGUAGES = {"fr": "français", "en": "English", "it": "italiano"}


@pytest.mark.django_db
def test_each_home_page_shows_its_language_in_the_admin(client):
    homes = HomePage.objects.select_related("locale")
    assert {home.locale.language_code for home in homes} == set(LANGUAGES)
    for home in homes:
        language = LANGUAGES[home.locale.language_code]
        assert home.get_admin_display_title() == f"{home.draft_title} ({language})"
        public = client.get(home.url).content.decode()  # the public title does not change
        assert f"<title>{home.title}" in public.replace("\n", "")
        assert f"({language})" not in public


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [reverse("wagtailadmin_explore_root"), reverse("wagtailadmin_choose_page")],
    ids=["explorer", "page-chooser"],
)
def test_the_explorer_and_the_chooser_tell_the_home_pages_apart(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    content = response.json()["html"] if "json" in response["Content-Type"] else None
    html = content or response.content.decode()
    for language in LANGUAGES.values():
        assert f"({language})" in html


@pytest.mark.django_db
def test_the_breadcrumbs_name_the_language_of_the_tree(admin_client):
    page = StandardPage.objects.get(slug="participer", locale__language_code="fr")
    english = Page.objects.get(translation_key=page.translation_key, locale__language_code="en")
    for each, language in ((page, "français"), (english, "English")):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[each.pk]))
        soup = BeautifulSoup(response.content, "html.parser")
        crumbs = " ".join(nav.get_text(" ") for nav in soup.select("nav[aria-label] ol"))
        assert f"({language})" in crumbs
