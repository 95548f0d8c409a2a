"""Importing funding calls from files in the shape of the Aides-territoires API.

`read_records` turns a JSON file (`{"results": [...]}`, as `/api/aids/` pages it) or a CSV file
(one column per key) into records, or raises `MalformedFile`; `import_records` creates, updates
or leaves each call as it is, idempotently by (source name, record id), and rejects the records
it cannot map with the reason. `docs/funding.md` documents the format and the mapping tables.

The package reads files (`reading`), maps each record with the tables of `tables` (`mapping`) and
applies the result to the catalogue (`applying`).
"""

from funding.catalogue.importing.applying import (
    AIDES_TERRITOIRES_URL,
    DEFAULT_SOURCE_NAME,
    ImportReport,
    Outcome,
    import_records,
)
from funding.catalogue.importing.mapping import (
    Lookups,
    MappedCall,
    Rejected,
    html_to_text,
    infer_kinds,
    map_record,
)
from funding.catalogue.importing.reading import MalformedFile, read_records
from funding.catalogue.importing.tables import mapping_key

__all__ = [
    "AIDES_TERRITOIRES_URL",
    "DEFAULT_SOURCE_NAME",
    "ImportReport",
    "Lookups",
    "MalformedFile",
    "MappedCall",
    "Outcome",
    "Rejected",
    "html_to_text",
    "import_records",
    "infer_kinds",
    "map_record",
    "mapping_key",
    "read_records",
]
