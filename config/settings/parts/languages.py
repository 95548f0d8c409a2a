"""Languages: French first, English and Italian translations."""

from django.utils.translation import pgettext_lazy

from config.settings.parts.environment import SITE_DIR

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English"), ("it", "Italiano")]
# The languages of the content as the admin names them, in the editor's language and as they read
# inside a sentence (« Publier en anglais », « Pubblica in inglese »): the switcher above keeps
# each language's own name.
WAGTAIL_CONTENT_LANGUAGES = [
    ("fr", pgettext_lazy("language of the content", "French")),
    ("en", pgettext_lazy("language of the content", "English")),
    ("it", pgettext_lazy("language of the content", "Italian")),
]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "c05_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
