"""The demo's texts live in data files: loading them builds the same site as the Python did.

`tests/home/data/demo_digest.json` is the digest (`tests/home/demo_digest.py`) of the database
the demo loader built before its texts moved out of Python; the session's database (the demo
loaded once, tests/conftest.py) must still give it, row for row, in every language.
"""

import json
import os
from pathlib import Path

import pytest

from home.demo import content
from home.demo.content import DemoDataError
from tests.home.demo_digest import demo_digest

FIXTURE = Path(__file__).parent / "data" / "demo_digest.json"


def _write(digest: dict) -> None:
    FIXTURE.write_text(json.dumps(digest, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


# Rows that migrations make, not the demo, and whose number depends on the database: on SQLite
# Wagtail's search app has one more model (`SQLiteFTSIndexEntry`), with its content type and four
# permissions.
BY_DATABASE = {"contenttypes.ContentType", "auth.Permission"}


@pytest.mark.django_db
def test_the_demo_builds_the_recorded_site():
    digest = json.loads(json.dumps(demo_digest(), ensure_ascii=False))
    if os.environ.get("DEMO_DIGEST_UPDATE"):
        _write(digest)
        pytest.skip(f"recorded {FIXTURE}")
    expected = json.loads(FIXTURE.read_text())
    differences = {
        model: {"expected": count, "found": digest["counts"].get(model)}
        for model, count in expected["counts"].items()
        if digest["counts"].get(model) != count and model not in BY_DATABASE
    }
    differences.update(
        (model, "not expected") for model in set(digest["rows"]) - set(expected["rows"])
    )
    for model, rows in expected["rows"].items():
        got = digest["rows"].get(model, [])
        missing = [row for row in rows if row not in got]
        unexpected = [row for row in got if row not in rows]
        if missing or unexpected:
            differences[model] = {"missing": missing[:3], "unexpected": unexpected[:3]}
    assert differences == {}


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """A folder of data files read instead of home/demo/data/ (the cache emptied around)."""
    monkeypatch.setattr(content, "DATA", tmp_path)
    content.read.cache_clear()
    yield tmp_path
    content.read.cache_clear()


def test_every_data_file_reads_with_its_texts_complete():
    names = sorted(path.stem for path in content.DATA.glob("*.yaml"))
    assert "guides" in names and "network" in names
    for name in names:
        assert isinstance(content.read(name), dict)


def test_texts_are_read_in_the_order_of_the_languages(data_folder):
    (data_folder / "sample.yaml").write_text(
        "page:\n  title: {it: Titolo, fr: Titre, en: Title}\n  slug: page\n", encoding="utf-8"
    )
    page = content.read("sample")["page"]
    assert page["title"] == ("Titre", "Title", "Titolo")
    assert content.french(page["title"]) == "Titre"
    assert content.french(page["slug"]) == "page"
    assert content.is_translated(page["title"], "")
    assert not content.is_translated(page["title"], page["slug"])


def test_a_text_without_a_language_is_reported_with_its_file_and_key(data_folder):
    (data_folder / "sample.yaml").write_text(
        "pages:\n- title: {fr: Titre, en: Title}\n", encoding="utf-8"
    )
    with pytest.raises(DemoDataError, match=r"sample\.yaml, pages\[0\]\.title: .* no it version"):
        content.read("sample")


def test_a_missing_key_is_reported_with_its_file_and_place(data_folder):
    (data_folder / "sample.yaml").write_text("page:\n  slug: page\n", encoding="utf-8")
    page = content.read("sample")["page"]
    with pytest.raises(DemoDataError, match=r"sample\.yaml, page: `title` is missing"):
        page["title"]


def test_the_demo_modules_keep_only_building_logic():
    # Texts belong in the data files: no module of the loader passes 500 lines.
    lengths = {
        module.name: len(module.read_text(encoding="utf-8").splitlines())
        for module in Path(content.__file__).parent.glob("*.py")
    }
    assert "guides.py" in lengths
    assert {name: n for name, n in lengths.items() if n > 500} == {}
