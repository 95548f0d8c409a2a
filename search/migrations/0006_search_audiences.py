"""A public and a members' document per object and language (`SearchEntry.restricted`).

A public experiment is indexed twice: what its public page shows, for everyone, and every field,
for those who may open its private space. Going back keeps the public entries only (the previous
code's one entry per object and language); `manage.py search_index --rebuild` rewrites them.
"""

from django.db import migrations, models


def drop_members_twins(apps, schema_editor):
    """Members' entries of objects that also have a public entry in the same language."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    public = SearchEntry.objects.filter(
        restricted=False,
        kind=models.OuterRef("kind"),
        object_id=models.OuterRef("object_id"),
        language=models.OuterRef("language"),
    )
    SearchEntry.objects.filter(restricted=True).filter(models.Exists(public)).delete()


class Migration(migrations.Migration):
    # Each step in its own transaction: going back deletes rows, and PostgreSQL refuses to alter
    # a table with trigger events of those deletes pending in the same transaction.
    atomic = False
    dependencies = [("search", "0005_text_apart")]

    operations = [
        migrations.RemoveConstraint(model_name="searchentry", name="unique_search_entry"),
        migrations.RunPython(migrations.RunPython.noop, drop_members_twins),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(
                fields=("kind", "object_id", "language", "restricted"),
                name="unique_search_entry_audience",
            ),
        ),
    ]
