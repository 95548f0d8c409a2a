"""Words of wagtail-localize (and of Wagtail's locale screens) that the project translates itself.

The project's catalogues (`site/locale`, first in LOCALE_PATHS) take precedence over the apps'.
These msgids are declared here, never used, so that `make messages` keeps them in the project's
catalogue with the project's translations:

- a "locale" is a language here, not a region: wagtail-localize's French says « région »;
- the comments of the translation editor's segments end with a date that wagtail-localize writes
  with `strftime`, so always in English (« Traduit manuellement le 7 December 2025 »); the French
  and Italian translations leave the date out rather than mix languages;
- a few French sentences of wagtail-localize with typos or grammar mistakes.

The translation editor's own words (JavaScript) are in `strings.js`.
"""

from django.utils.translation import gettext_noop

LIBRARY_STRINGS = (
    # Languages, not regions.
    gettext_noop("Locale"),
    gettext_noop("Locales"),
    gettext_noop("{} locales"),
    gettext_noop("This locale cannot be synced into itself."),
    gettext_noop("Synchronise content from another locale"),
    gettext_noop(
        "Choose a locale to synchronise content from. Any existing and future content authored "
        "in the selected locale will be automatically copied to this one."
    ),
    # Comments of the segments: no English date inside a French or Italian sentence.
    # xgettext:no-python-brace-format
    gettext_noop("Translated with {tool_name} on {date}"),
    # xgettext:no-python-brace-format
    gettext_noop("Translated manually on {date}"),
    # xgettext:no-python-brace-format
    gettext_noop("Machine translated on {date}"),
    # Mistakes of wagtail-localize's French.
    gettext_noop("All child pages will be created."),
    gettext_noop(
        "Are you sure you want to convert this page into an alias? This will overwrite the "
        "content of the page with the content of '%(source_page_title)s' "
        "(%(source_page_locale)s)"
    ),
    gettext_noop("Cannot import PO file that was created for a different translation."),
    gettext_noop(
        "The {model_name} '{object}' was successfully submitted for translation into {locales}"
    ),
    gettext_noop(
        "New validation errors were found when publishing '{object}' in {locale}. Please fix "
        "them or click publish again to ignore these translations for now."
    ),
)
