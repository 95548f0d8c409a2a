"""The directory's address in each language, for its tests."""

LANGUAGES = ["fr", "en", "it"]
DIRECTORY = {"fr": "/fr/structures/", "en": "/en/organisations/", "it": "/it/organizzazioni/"}
