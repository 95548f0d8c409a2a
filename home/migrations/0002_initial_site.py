"""Locales fr/en/it, the French home page at the root of the tree, and the default site."""

import uuid

from django.db import migrations


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    french, _ = Locale.objects.get_or_create(language_code="fr")
    for code in ("en", "it"):
        Locale.objects.get_or_create(language_code=code)

    if HomePage.objects.exists():
        return
    # Wagtail's initial data has a "Welcome" page and a site pointing at it: replace both.
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2).delete()
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    path = root.path + "0001"
    while Page.objects.filter(path=path).exists():
        path = path[:-4] + f"{int(path[-4:]) + 1:04d}"
    home = HomePage.objects.create(
        title="Cluster 05 Innovation Sociale",
        draft_title="Cluster 05 Innovation Sociale",
        slug="accueil",
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=french,
        translation_key=uuid.uuid4(),
        live=True,
        body="[]",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page_id=home.pk,
        is_default_site=True,
        site_name="Cluster 05 Innovation Sociale",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_site, migrations.RunPython.noop)]
