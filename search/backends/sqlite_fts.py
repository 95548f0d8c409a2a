"""The SQLite FTS5 index over `SearchEntry`'s normalised text (external content + triggers).

Django's SQLite schema editor rebuilds a table to alter it, which drops its triggers: a later
migration that alters `SearchEntry` must call `install(connection)` again (as 0002 does), and
`manage.py search_index --rebuild` re-installs them too.
"""

TABLE = "search_fts"
ENTRY_TABLE = "search_searchentry"
COLUMNS = ("title_norm", "body_norm")

_COLUMNS = ", ".join(COLUMNS)
_NEW = ", ".join(f"new.{column}" for column in COLUMNS)
_OLD = ", ".join(f"old.{column}" for column in COLUMNS)
_DELETE_OLD = f"INSERT INTO {TABLE}({TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD});"
_INSERT_NEW = f"INSERT INTO {TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});"

INSTALL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({_COLUMNS}, "
    f"content='{ENTRY_TABLE}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON {ENTRY_TABLE} BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON {ENTRY_TABLE} BEGIN {_DELETE_OLD} END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE ON {ENTRY_TABLE} "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
    # Index what the table already holds.
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]
UNINSTALL = [
    f"DROP TRIGGER IF EXISTS {TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {TABLE}_au",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def install(connection) -> None:
    """Create the FTS5 table and its triggers if missing, and index the current rows."""
    with connection.cursor() as cursor:
        for statement in INSTALL:
            cursor.execute(statement)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for statement in UNINSTALL:
            cursor.execute(statement)
