"""Static and media files. S3 (through boto3 and django-storages) when a bucket is named."""

from config.settings.parts.environment import SITE_DIR, VAR_DIR, env

STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config as BotoConfig

    _s3 = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env.str("AWS_S3_REGION_NAME", default=None),
        "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
        "file_overwrite": False,
        "signature_version": "s3v4",
        # Short timeouts and few retries: a request must not hang on an unreachable store.
        "client_config": BotoConfig(
            signature_version="s3v4",
            connect_timeout=env.int("AWS_S3_CONNECT_TIMEOUT", default=3),
            read_timeout=env.int("AWS_S3_READ_TIMEOUT", default=20),
            retries={"max_attempts": 2, "mode": "standard"},
        ),
    }
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**_s3, "location": "media", "querystring_auth": False},
        },
        # Private documents: never public, served through presigned URLs valid 5 minutes,
        # issued only after the permission check.
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3,
                "bucket_name": env.str("AWS_PRIVATE_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME),
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
            },
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        # Never served by URL: downloads go through a permission-checked view.
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
# Where `manage.py backup s3://bucket/prefix` writes (credentials: boto3's lookup when unset).
BACKUP_S3 = {
    "endpoint_url": env.str("BACKUP_S3_ENDPOINT_URL", default="")
    or env.str("AWS_S3_ENDPOINT_URL", default=""),
    "region_name": env.str("AWS_S3_REGION_NAME", default=""),
    "access_key": env.str("AWS_ACCESS_KEY_ID", default=""),
    "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=""),
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
