"""The demo's content, read from the YAML files of `home/demo/data/` (one per content family).

A text the demo translates is written with its languages side by side, `{fr: …, en: …, it: …}`;
`read` turns it into a `Text`, a tuple in the order of `LANGUAGES` (French first, the language
the demo's source content is written in), which `Catalogue` takes as it is: `t(*text)`. A plain
string is French only. Every mapping is a `Record`: a missing key raises `DemoDataError` naming
the file and the key, as does a text that lacks a language.
"""

import functools
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
LANGUAGES = ("fr", "en", "it")


class DemoDataError(Exception):
    """A data file of the demo lacks something the loader needs."""


class Text(tuple):
    """A text in every language of `LANGUAGES`, in that order."""

    __slots__ = ()

    @property
    def fr(self) -> str:
        return self[0]


class Record(dict):
    """A mapping of a data file that names the file and the key when a key is missing."""

    where = ""

    def __missing__(self, key: str) -> Any:
        raise DemoDataError(f"{self.where}: `{key}` is missing")


def _where(file: Path, path: str) -> str:
    root = Path(__file__).parents[2]
    name = file.relative_to(root) if file.is_relative_to(root) else file
    return f"{name}, {path or 'top level'}"


def _convert(value: Any, file: Path, path: str) -> Any:
    if isinstance(value, dict):
        if value and set(value) <= set(LANGUAGES):
            missing = [code for code in LANGUAGES if not isinstance(value.get(code), str)]
            if missing:
                raise DemoDataError(
                    f"{_where(file, path)}: the text has no {', '.join(missing)} version"
                )
            return Text(value[code] for code in LANGUAGES)
        record = Record(
            (key, _convert(item, file, f"{path}.{key}" if path else str(key)))
            for key, item in value.items()
        )
        record.where = _where(file, path)
        return record
    if isinstance(value, list):
        return [_convert(item, file, f"{path}[{index}]") for index, item in enumerate(value)]
    return value


@functools.cache
def read(name: str) -> Record:
    """The contents of `home/demo/data/<name>.yaml`, read once per process. Do not change them."""
    path = DATA / f"{name}.yaml"
    with path.open(encoding="utf-8") as file:
        contents = yaml.safe_load(file)
    if not isinstance(contents, dict):
        raise DemoDataError(f"{_where(path, '')}: a mapping is expected")
    return _convert(contents, path, "")


def french(value: Text | str) -> str:
    """The French text of a translated text, or a French-only text as it is."""
    return value[0] if isinstance(value, tuple) else value


def is_translated(*values: Text | str) -> bool:
    """Whether every given (non-empty) text has its translations."""
    return all(isinstance(value, tuple) for value in values if value)
