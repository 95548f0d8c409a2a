"""The permission matrix's entries for navigation (tests/test_permission_matrix.py): the
public page of a cooperation theme, open to everyone; an unknown theme is a 404."""

from tests.permission_rules import EVERYONE, Entry

NAV_ENTRIES = {
    "home:theme": Entry(EVERYONE, kwargs=lambda w: {"slug": "locaux-materiels"}),
    "home:theme#unknown": Entry({"*": 404}, kwargs=lambda w: {"slug": "no-such-theme"}),
}
