"""Programmatic translation of pages and snippets through wagtail-localize.

The demo loader (and any scripted import) uses this to create *linked* translations of French
sources exactly as translators do in the admin: it exports the source's PO catalogue, fills each
message from a dictionary, imports it back and saves the target page or snippet.
"""

import html

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource


class MissingTranslations(Exception):
    """Some source strings have no translation in the dictionary given."""

    def __init__(self, instance, language: str, missing: list[str]):
        self.missing = missing
        super().__init__(
            f"{instance!r} lacks {len(missing)} {language} translation(s), first: {missing[:3]!r}"
        )


def translate_instance(instance, language: str, strings: dict[str, str], *, user=None):
    """Create or update the linked translation of ``instance`` into ``language``.

    ``strings`` maps each French source string (as wagtail-localize segments it) to its
    translation. Returns the translated instance (published, for pages).
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    locale = Locale.objects.get(language_code=language)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    missing = []
    for entry in po:
        text = strings.get(entry.msgid) or strings.get(html.unescape(entry.msgid))
        if text is None:
            missing.append(entry.msgid)
        else:
            entry.msgstr = text
    if missing:
        raise MissingTranslations(instance, language, missing)
    translation.import_po(po)
    translation.save_target(user=user, publish=True)
    return translation.get_target_instance()
