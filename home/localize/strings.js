// Words of wagtail-localize's translation editor (its JavaScript catalogue) that the project
// translates itself in site/locale/*/LC_MESSAGES/djangojs.po, which comes first in LOCALE_PATHS.
// This file is never loaded: it keeps these msgids in the project's catalogue when
// `make messages` extracts them (see strings.py for the Python ones).
//
// "Publish in " is followed by the language's name: « Publier en anglais », not « Publier dans »
// glued to the name.
gettext("Publish in ");
gettext("Changed");
gettext("[DELETED]");
