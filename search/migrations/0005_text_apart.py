"""The entries' text in a table of its own (`SearchText`), so that the entries' rows stay small.

A search counts and ranks every matched entry; with the text (and its normalised words) in the
same rows, a query matching most of the index read most of the table. On SQLite the full-text
index now takes its words from `SearchText` (its triggers move there too; they had been dropped
by 0004, whose new column made Django rebuild the entries' table).

The entries' own text columns stay for one release, no longer written (docs/deploy.md, "Remove
in two releases"): the previous code, still serving while this release migrates, keeps working.
On PostgreSQL the rows keep their old text until rewritten: `manage.py search_index --rebuild`
does it.
"""

from importlib import import_module

import django.db.models.deletion
from django.db import migrations, models

from search.backends import sqlite_fts

BATCH = 500
# The definitions 0002 installed (the FTS table over the entries' own columns).
FULL_TEXT_0002 = import_module("search.migrations.0002_full_text")


def drop_entries_full_text(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        FULL_TEXT_0002.execute_all(schema_editor.connection, FULL_TEXT_0002.UNINSTALL)


def restore_entries_full_text(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        FULL_TEXT_0002.execute_all(schema_editor.connection, FULL_TEXT_0002.INSTALL)


def copy_text(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchText = apps.get_model("search", "SearchText")
    rows = SearchEntry.objects.order_by("pk").values_list("pk", "body", "title_norm", "body_norm")
    batch = []
    for pk, body, title_norm, body_norm in rows.iterator(chunk_size=BATCH):
        batch.append(
            SearchText(entry_id=pk, body=body, title_norm=title_norm, body_norm=body_norm)
        )
        if len(batch) >= BATCH:
            SearchText.objects.bulk_create(batch)
            batch = []
    SearchText.objects.bulk_create(batch)


def copy_text_back(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchText = apps.get_model("search", "SearchText")
    texts = SearchText.objects.order_by("pk").values_list("pk", "body", "title_norm", "body_norm")
    batch = []
    for pk, body, title_norm, body_norm in texts.iterator(chunk_size=BATCH):
        batch.append(SearchEntry(pk=pk, body=body, title_norm=title_norm, body_norm=body_norm))
        if len(batch) >= BATCH:
            SearchEntry.objects.bulk_update(batch, ["body", "title_norm", "body_norm"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["body", "title_norm", "body_norm"])


def install_text_full_text(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_fts.install(schema_editor.connection)


def uninstall_text_full_text(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_fts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_facet_values_in_the_row")]

    operations = [
        migrations.RunPython(drop_entries_full_text, restore_entries_full_text),
        migrations.CreateModel(
            name="SearchText",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="text",
                        serialize=False,
                        to="search.searchentry",
                    ),
                ),
                ("body", models.TextField(blank=True, verbose_name="Text")),
                ("title_norm", models.TextField(blank=True, editable=False)),
                ("body_norm", models.TextField(blank=True, editable=False)),
            ],
            options={"verbose_name": "search text", "verbose_name_plural": "search texts"},
        ),
        migrations.RunPython(copy_text, copy_text_back),
        migrations.RunPython(install_text_full_text, uninstall_text_full_text),
    ]
