"""The facet values of each entry in its row too (`SearchEntry.facets`), filled from
`SearchFacetValue` for the entries already indexed."""

from django.db import migrations, models


def fill(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchFacetValue = apps.get_model("search", "SearchFacetValue")
    values: dict[int, list[str]] = {}
    for entry_id, facet, value in SearchFacetValue.objects.order_by("pk").values_list(
        "entry_id", "facet", "value"
    ):
        values.setdefault(entry_id, []).append(f"{facet}:{value}")
    entries = list(SearchEntry.objects.filter(pk__in=values).only("pk"))
    for entry in entries:
        entry.facets = values[entry.pk]
    SearchEntry.objects.bulk_update(entries, ["facets"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_inline_vectors")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="facets",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
