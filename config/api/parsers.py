"""What the public API (/api/v1/) reads: JSON, and nothing else.

Every view of the API sets ``parser_classes = API_PARSER_CLASSES``; a form or multipart body
then gets a 415 with a message. DRF's global default is left as it ships (JSON, form,
multipart) because the Wagtail admin's own DRF endpoints depend on it: wagtail-localize's
translation editor saves each segment as form data, and a JSON-only default made every save fail
with a 415. `tests/home/test_translation_workflow.py` checks that every API view that accepts a
body declares these parsers, and that the translation editor's form data is accepted.
"""

from rest_framework.parsers import JSONParser

API_PARSER_CLASSES = (JSONParser,)
