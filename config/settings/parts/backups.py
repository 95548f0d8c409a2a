"""Native, encrypted database backups (django-dbbackup), beside the portable JSON backup.

On PostgreSQL, `manage.py backup_database` (scheduled nightly when a GPG recipient is set) runs
`pg_dump --format=custom`, compresses the dump, encrypts it for ``BACKUP_GPG_RECIPIENT`` (a public
key in the GnuPG keyring of the account that runs it) and keeps the ``BACKUP_KEEP`` newest in
``BACKUP_DIR`` or, with ``BACKUP_BUCKET``, in that S3 bucket. `manage.py dbrestore --decrypt
--uncompress` brings one back (docs/deploy.md). The engine-neutral `manage.py backup`
(core/backup.py) remains the way to move data between engines and to back up the files.
"""

from config.settings.parts.environment import VAR_DIR, env
from config.settings.parts.services import DATABASES, SCHEDULED_JOBS
from config.settings.parts.storage import AWS_STORAGE_BUCKET_NAME, STORAGES

BACKUP_GPG_RECIPIENT = env.str("BACKUP_GPG_RECIPIENT", default="")
BACKUP_DIR = env.str("BACKUP_DIR", default=str(VAR_DIR / "backups"))
BACKUP_BUCKET = env.str("BACKUP_BUCKET", default="")

DBBACKUP_DATABASES = ["default"]
DBBACKUP_GPG_RECIPIENT = BACKUP_GPG_RECIPIENT or None
# The operator names the recipient explicitly: no web of trust to consult.
DBBACKUP_GPG_ALWAYS_TRUST = True
DBBACKUP_CLEANUP_KEEP = env.int("BACKUP_KEEP", default=14)
DBBACKUP_SEND_EMAIL = False  # failures go to the logs and Sentry, as every scheduled job's
DBBACKUP_CONNECTORS = {
    "default": {"CONNECTOR": "dbbackup.db.postgresql.PgDumpBinaryConnector"},
}
# "{databasename}" is the alias ("default"): the clean-up finds the backups of an alias by it.
DBBACKUP_FILENAME_TEMPLATE = "cluster05-{databasename}-{datetime}.{extension}"

if BACKUP_BUCKET:
    _s3_options = dict(STORAGES["default"]["OPTIONS"]) if AWS_STORAGE_BUCKET_NAME else {}
    _s3_options.update(
        {
            "bucket_name": BACKUP_BUCKET,
            "location": "database",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        }
    )
    STORAGES["dbbackup"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
else:
    STORAGES["dbbackup"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": BACKUP_DIR, "base_url": None},
    }

if BACKUP_GPG_RECIPIENT and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    SCHEDULED_JOBS.append(
        {"name": "backup_database", "cron": "15 2 * * *", "command": "backup_database"}
    )
