"""The network's pages (the directory, the working groups, the dashboard): in the demo in every
language, in the main menu, linked while published, editable in the admin."""

import pytest
from wagtail.models import Page

from home.models import OrganisationDirectoryPage, WorkingGroupsPage


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/fr/structures/",
        "/en/organisations/",
        "/it/organizzazioni/",
        "/fr/groupes-de-travail/",
        "/en/working-groups/",
        "/it/gruppi-di-lavoro/",
        "/fr/tableau-de-bord/",
        "/en/dashboard/",
        "/it/cruscotto/",
    ],
)
def test_demo_pages_exist_in_every_language(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_demo_pages_are_linked_translations():
    for model in (OrganisationDirectoryPage, WorkingGroupsPage):
        french = model.objects.get(locale__language_code="fr")
        assert french.get_translations().count() == 2


@pytest.mark.django_db
def test_main_menu_links_the_sections_in_order(client):
    html = client.get("/en/").content.decode()
    menu = html.split('<nav class="main-nav"')[1].split("</nav>")[0]
    # Each section keeps the editors' order: the cluster's pages, then the network's.
    positions = [
        menu.index(f'href="{url}"')
        for url in ("/en/dashboard/", "/en/take-part/", "/en/organisations/", "/en/working-groups/")
    ]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_unpublished_directory_is_not_linked(client):
    directory = OrganisationDirectoryPage.objects.get(locale__language_code="en")
    directory.unpublish()
    html = client.get("/en/working-groups/").content.decode()
    # Falls back to the French directory, still live.
    assert 'href="/fr/structures/o/locomun/"' in html
    Page.objects.filter(pk__in=OrganisationDirectoryPage.objects.values("pk")).update(live=False)
    html = client.get("/en/working-groups/").content.decode()
    assert "/o/locomun/" not in html
    assert ">Locomun<" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", ["OrganisationDirectoryPage", "WorkingGroupsPage", "DashboardPage"]
)
def test_editors_can_open_the_page_in_the_admin(admin_client, model):
    from django.apps import apps

    page = apps.get_model("home", model).objects.get(locale__language_code="fr")
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert 'name="intro"' in response.content.decode()
