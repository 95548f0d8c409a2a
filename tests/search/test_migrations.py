"""The search app's migrations on a fresh SQLite database, in a child process (so that the test
database is left alone): the entries' text moves to `SearchText` and back, and the FTS5 index
follows it, triggers included (0004 had lost them: Django rebuilds a table to add a column)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import django
    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([("search", target)])

    def matches(word):
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", [word])
            return [row[0] for row in cursor.fetchall()]

    def triggers():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
            )
            return cursor.fetchall()

    migrate("0004_facet_values_in_the_row")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchentry (kind, object_id, language, title, body, url, "
            "title_norm, body_norm, state, restricted, facets) VALUES ('page', 7, 'fr', "
            "'Zorblax', 'La trésorerie', '/fr/z/', 'zorblax', 'la tresorerie', '', 0, '[]')"
        )
        entry_id = cursor.lastrowid
    migrate("0005_text_apart")
    from search.models import SearchEntry, SearchText

    text = SearchText.objects.get(entry_id=entry_id)
    assert (text.body, text.body_norm) == ("La trésorerie", "la tresorerie"), text
    assert matches("tresorerie") == [entry_id], matches("tresorerie")
    names = ("search_fts_ad", "search_fts_ai", "search_fts_au")
    assert triggers() == [("search_searchtext", name) for name in names], triggers()
    other = SearchEntry.objects.create(
        kind="page", object_id=8, language="fr", title="B", url="/b/"
    )
    SearchText.objects.create(entry=other, body="Mutualisation", body_norm="mutualisation")
    assert matches("mutualisation") == [other.pk]
    SearchText.objects.filter(entry=other).update(body_norm="salle")
    assert matches("mutualisation") == [] and matches("salle") == [other.pk]
    migrate("0004_facet_values_in_the_row")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body_norm FROM search_searchentry WHERE id = %s", [entry_id])
        assert cursor.fetchone() == ("la tresorerie",)
    assert matches("tresorerie") == [entry_id]
    print("ok")
    """
)


def test_text_apart_migration_moves_the_text_and_the_full_text_index(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'migrations.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
