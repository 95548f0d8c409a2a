"""The SQLite FTS5 index over `SearchText`'s normalised words (external content + triggers).

The index's rowids are the entries' ids (`SearchText.entry_id`). Django's SQLite schema editor
rebuilds a table to alter it, which drops its triggers: a later migration that alters
`SearchText` must call `install(connection)` again (as 0005 does), and `manage.py search_index
--rebuild` re-installs them too. A migration changing these definitions must keep the previous
ones for going backwards (0005 takes 0002's from that migration).
"""

TABLE = "search_fts"

INSTALL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title_norm, body_norm, "
    "content='search_searchtext', content_rowid='entry_id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchtext BEGIN "
    "INSERT INTO search_fts(rowid, title_norm, body_norm) "
    "VALUES (new.entry_id, new.title_norm, new.body_norm); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchtext BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm) "
    "VALUES ('delete', old.entry_id, old.title_norm, old.body_norm); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON search_searchtext BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm) "
    "VALUES ('delete', old.entry_id, old.title_norm, old.body_norm); "
    "INSERT INTO search_fts(rowid, title_norm, body_norm) "
    "VALUES (new.entry_id, new.title_norm, new.body_norm); END",
    # Index what the table already holds.
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TABLE IF EXISTS search_fts",
]
# The ids of the entries matching an FTS5 expression (a bound parameter).
MATCHING_IDS = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"


def install(connection) -> None:
    """Create the FTS5 table and its triggers if missing, and index the current rows."""
    with connection.cursor() as cursor:
        for statement in INSTALL:
            cursor.execute(statement)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for statement in UNINSTALL:
            cursor.execute(statement)
