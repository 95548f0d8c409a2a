"""PostgreSQL: keep the text vectors in the entries' rows rather than in the TOAST table.

A query that matches most of the index reads the vector of every matching row, twice (the match,
then `ts_rank`); fetched from the TOAST table each costs an index lookup and a decompression,
which made such a query four times slower (docs/search.md, "Speed"). Rows of up to 8 kB now stay
whole; longer texts are still moved out, as a last resort.
"""

from django.db import migrations

TABLE = "search_searchentry"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN vector SET STORAGE MAIN")
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 8160)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN vector SET STORAGE EXTENDED")
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [migrations.RunPython(forwards, backwards)]
