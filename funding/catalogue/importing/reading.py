"""Reading a file of funding calls: JSON (`{"results": [...]}`, as `/api/aids/` pages it) or CSV
(one column per key) → records, or `MalformedFile` when the file as a whole cannot be read."""

import csv
import io
import json
from pathlib import Path
from typing import Any

REQUIRED_KEYS = ("id", "name")
LIST_KEYS = (
    "financers",
    "programs",
    "targeted_audiences",
    "aid_types",
    "categories",
    "destinations",
    "required_countries",
)


class MalformedFile(Exception):
    """The file as a whole cannot be read: nothing is imported."""


def read_records(path: str | Path, file_format: str | None = None) -> list[tuple[str, dict]]:
    """(where, record) for each record of a JSON or CSV file; `MalformedFile` if unreadable."""
    path = Path(path)
    file_format = (file_format or path.suffix.lstrip(".")).lower()
    if file_format not in {"json", "csv"}:
        raise MalformedFile(f"Unknown format “{file_format}”: give a .json or .csv file.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise MalformedFile(f"No such file: {path}") from error
    except UnicodeDecodeError as error:
        raise MalformedFile(f"The file is not UTF-8 text ({error.reason}).") from error
    if not text.strip():
        raise MalformedFile("The file is empty.")
    return parse_json(text) if file_format == "json" else parse_csv(text)


def parse_json(text: str) -> list[tuple[str, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedFile(
            f"Invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}."
        ) from error
    if isinstance(data, dict):
        if "results" not in data:
            raise MalformedFile("The JSON object has no “results” list.")
        data = data["results"]
    if not isinstance(data, list):
        raise MalformedFile("“results” must be a list of records.")
    records = []
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise MalformedFile(f"Record {number} is not an object.")
        records.append((f"record {number}", record))
    return records


def parse_csv(text: str) -> list[tuple[str, dict]]:
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error as error:
        raise MalformedFile("The CSV header line cannot be read.") from error
    reader = csv.DictReader(io.StringIO(text), dialect=dialect, restkey="__extra__")
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [key for key in REQUIRED_KEYS if key not in header]
    if missing:
        raise MalformedFile(f"The CSV header lacks the column(s): {', '.join(missing)}.")
    reader.fieldnames = header
    records = []
    try:
        for row in reader:
            line = f"line {reader.line_num}"
            if "__extra__" in row:
                raise MalformedFile(f"CSV {line} has more fields than the header.")
            if None in row.values():
                raise MalformedFile(f"CSV {line} has fewer fields than the header.")
            records.append((line, {key: _csv_value(key, value) for key, value in row.items()}))
    except csv.Error as error:
        raise MalformedFile(f"CSV error at line {reader.line_num}: {error}.") from error
    return records


def _csv_value(key: str, value: str) -> Any:
    value = value.strip()
    if key in LIST_KEYS:
        if value.startswith("["):
            try:
                parsed = json.loads(value)
            except json.JSONDecodeError:
                parsed = None
            if isinstance(parsed, list):
                return parsed
        return [part.strip() for part in value.split(";") if part.strip()]
    return value
