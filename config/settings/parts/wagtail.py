"""Wagtail: the CMS, its documents and images, wagtail-localize."""

from config.settings.parts.environment import env
from config.settings.parts.languages import LANGUAGES

WAGTAIL_SITE_NAME = "Cluster 05 Innovation Sociale"
WAGTAILADMIN_BASE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document is downloaded, never shown inline from the site's origin (not even PDFs).
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every uploaded image needs a description: Wagtail uses it as the default alt text.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.images.ImageForm"
# Templates ask for WebP with a JPEG or PNG fallback (includes/picture.html). Renditions without
# a format-* filter keep WebP uploads as WebP instead of Wagtail's default conversion to PNG.
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp"}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The sign-in address changes on the site's account page, which asks for the password again.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Starting a translation creates draft pages, which go through the moderation workflow like any
# page: nothing is published in English or Italian before someone translated and approved it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Translators translate: no machine translation unless the deployment has a DeepL key, in which
# case the editor offers "Translate with DeepL" (docs/translation.md).
DEEPL_API_KEY = env.str("DEEPL_API_KEY", default="")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "TIMEOUT": 10},
    }
    if DEEPL_API_KEY
    else None
)
