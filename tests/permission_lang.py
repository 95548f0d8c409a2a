"""The permission matrix's entries for translation (tests/test_permission_matrix.py): the
coordinators' list of what is not translated yet."""

from tests.permission_rules import PIPELINE, Entry

# Coordinators only, as the pipeline: editors and moderators reach the admin but get a 403;
# people without admin access are sent to Wagtail's sign-in.
LANG_ENTRIES = {
    "untranslated": Entry(PIPELINE),
}
