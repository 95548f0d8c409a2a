"""The demo's texts live in data files: loading them builds the same site as the Python did.

`tests/home/data/demo_digest.json` is the digest (`tests/home/demo_digest.py`) of the database
the demo loader built before its texts moved out of Python; the session's database (the demo
loaded once, tests/conftest.py) must still give it, row for row, in every language.
"""

import json
import os
from pathlib import Path

import pytest

from tests.home.demo_digest import demo_digest

FIXTURE = Path(__file__).parent / "data" / "demo_digest.json"


def _write(digest: dict) -> None:
    FIXTURE.write_text(json.dumps(digest, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


@pytest.mark.django_db
def test_the_demo_builds_the_recorded_site():
    digest = json.loads(json.dumps(demo_digest(), ensure_ascii=False))
    if os.environ.get("DEMO_DIGEST_UPDATE"):
        _write(digest)
        pytest.skip(f"recorded {FIXTURE}")
    expected = json.loads(FIXTURE.read_text())
    assert digest["counts"] == expected["counts"]
    assert sorted(digest["rows"]) == sorted(expected["rows"])
    differences = {}
    for model, rows in expected["rows"].items():
        got = digest["rows"][model]
        missing = [row for row in rows if row not in got]
        unexpected = [row for row in got if row not in rows]
        if missing or unexpected:
            differences[model] = {"missing": missing[:3], "unexpected": unexpected[:3]}
    assert differences == {}
