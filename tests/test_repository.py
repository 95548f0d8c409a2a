"""The repository stands on its own: its licence, changelog, hooks and documentation.

The licence must be the Free Software Foundation's text, unchanged; the commit-message hook must
refuse what CONTRIBUTING.md forbids, and pre-commit must actually run it; the documentation must
never send a reader to a file outside the repository. No module passes 500 lines, and no module
of an area is named after its kind (docs/development.md, "Layout").
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.machinery import SourceFileLoader
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMMIT_MSG = ROOT / ".ci" / "commit-msg"
# The SHA-256 of https://www.gnu.org/licenses/agpl-3.0.txt (661 lines, 34,523 bytes).
AGPL_3_SHA256 = "8486a10c4393cee1c25392769ddd3b2d6c242d6ec7928e1414efff7dfb2f07ef"
GOOD_MESSAGE = """\
Sharing posts: one photo limit for offers and requests

Requests could carry ten photos and offers three, which members read
as a bug. Both now take five.
"""


def test_the_licence_is_the_agpl_v3_text_unchanged():
    licence = (ROOT / "LICENSE").read_bytes()
    text = licence.decode("utf-8")
    lines = text.splitlines()
    assert lines[0].strip() == "GNU AFFERO GENERAL PUBLIC LICENSE"
    assert lines[1].strip() == "Version 3, 19 November 2007"
    assert "END OF TERMS AND CONDITIONS" in text
    assert lines[-1] == "<https://www.gnu.org/licenses/>."
    assert len(lines) == 661
    assert hashlib.sha256(licence).hexdigest() == AGPL_3_SHA256


def test_pyproject_and_readme_say_the_same_licence():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "AGPL-3.0-or-later"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    licence_section = readme.split("\n## Licence\n", 1)[1]
    assert "[LICENSE](LICENSE)" in licence_section
    # The notice of the licence's "How to Apply These Terms", "or later" clause included.
    assert "GNU Affero General Public License as published by" in licence_section
    assert "either version 3 of the License, or\n(at your option) any later version." in (
        licence_section
    )


def check_message(message: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(COMMIT_MSG), "-"],
        input=message,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("message", "complaint"),
    [
        ("a" * 73 + "\n", "73 characters"),
        ("Subject of exactly seventy-three characters, one over the limit: refused!\n", "73"),
        ("A short subject\nglued to its body\n", "blank line"),
        ("# only a comment\n\n", "empty"),
        ("", "empty"),
    ],
    ids=["73-characters", "73-characters-sentence", "no-blank-line", "comments-only", "empty"],
)
def test_the_commit_msg_hook_refuses(message, complaint):
    result = check_message(message)
    assert result.returncode == 1
    assert complaint in result.stderr
    assert "CONTRIBUTING.md" in result.stderr


@pytest.mark.parametrize(
    "message",
    [
        GOOD_MESSAGE,
        "Subject alone, no body\n",
        # 72 characters, accented ones counted as one.
        "Écrire « é » compte pour un caractère, pas deux : la limite est de 72 ca\n\nWhy.\n",
        # What git strips is not checked: comments, and the diff of `commit --verbose`.
        "Fix the digest's dates\n\n# " + "comment " * 20 + "\n"
        "# ------------------------ >8 ------------------------\n" + "+" + "x" * 100 + "\n",
        # Squashed away before merging: the subject repeats the amended commit's.
        "fixup! " + "a" * 72 + "\n",
    ],
    ids=["subject-and-body", "subject-only", "72-characters", "git-strips", "fixup"],
)
def test_the_commit_msg_hook_accepts(message):
    result = check_message(message)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_commit_msg_hook_is_an_executable_script():
    # pre-commit runs it as a `script` hook: it needs its executable bit and its shebang.
    assert os.access(COMMIT_MSG, os.X_OK)
    assert COMMIT_MSG.read_text(encoding="utf-8").startswith("#!/usr/bin/env python3\n")


def test_contributing_states_the_limit_the_hook_enforces():
    loader = SourceFileLoader("commit_msg", str(COMMIT_MSG))
    checker = ModuleType(loader.name)
    loader.exec_module(checker)
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"**Subject**: at most {checker.MAX_SUBJECT} characters" in contributing
    assert f"refuses a subject over {checker.MAX_SUBJECT} characters" in contributing


def pinned(requirement: str) -> str:
    text = (ROOT / "requirements" / "dev.txt").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(requirement)}==([\w.]+)", text, re.MULTILINE)
    assert match, f"{requirement} is not pinned in requirements/dev.txt"
    return match.group(1)


def test_pre_commit_runs_ruff_and_the_message_check_pinned_with_the_project():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    # Ruff's official hooks, fixing before formatting, run by the venv's ruff: the one
    # requirements/dev.txt pins and `make lint` runs.
    ids = list(hooks)
    assert ids.index("ruff-check") < ids.index("ruff-format")
    assert hooks["ruff-check"]["entry"].startswith(".venv/bin/ruff check")
    assert "--fix" in hooks["ruff-check"]["args"]
    assert hooks["ruff-format"]["entry"].startswith(".venv/bin/ruff format")
    assert version("ruff") == pinned("ruff")
    assert version("pre-commit") == pinned("pre-commit")
    assert hooks["commit-msg"]["entry"] == ".ci/commit-msg"
    assert hooks["commit-msg"]["stages"] == ["commit-msg"]
    assert set(config["default_install_hook_types"]) == {"pre-commit", "commit-msg"}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pre-commit install --hook-type pre-commit --hook-type commit-msg" in makefile


def git(repo: Path, *args: str, env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, input=stdin, capture_output=True, text=True, check=False
    )


def test_the_hooks_installed_by_pre_commit_check_commits(tmp_path):
    """pre-commit installs both hooks in a fresh repository and they act on real commits."""
    if shutil.which("git") is None:
        pytest.fail("git is not installed")
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy2(COMMIT_MSG, repo / ".ci" / "commit-msg")
    shutil.copy2(ROOT / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    shutil.copy2(ROOT / "pyproject.toml", repo / "pyproject.toml")
    (repo / ".venv").symlink_to(Path(sys.prefix))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT"))
    } | {
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
    }
    assert git(repo, "init", "-q", "-b", "main", env=env).returncode == 0
    (repo / ".gitignore").write_text(".venv\n", encoding="utf-8")
    assert git(repo, "add", ".", env=env).returncode == 0
    pre_commit = Path(sys.executable).parent / "pre-commit"
    installed = subprocess.run(
        [str(pre_commit), "install", "--hook-type", "pre-commit", "--hook-type", "commit-msg"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    refused = git(repo, "commit", "-q", "-m", "a" * 73, env=env)
    assert refused.returncode != 0
    assert "73 characters" in refused.stdout + refused.stderr
    assert git(repo, "rev-parse", "--verify", "-q", "HEAD", env=env).returncode != 0

    accepted = git(repo, "commit", "-q", "-F", "-", env=env, stdin=GOOD_MESSAGE)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    # Ruff formats a staged Python file and stops the commit so that the result is reviewed.
    (repo / "module.py").write_text("x=1\n", encoding="utf-8")
    assert git(repo, "add", "module.py", env=env).returncode == 0
    reformatted = git(repo, "commit", "-q", "-m", "Add a module", env=env)
    assert reformatted.returncode != 0
    assert (repo / "module.py").read_text(encoding="utf-8") == "x = 1\n"
    assert git(repo, "add", "module.py", env=env).returncode == 0
    assert git(repo, "commit", "-q", "-m", "Add a module", env=env).returncode == 0
    log = git(repo, "log", "--format=%s", env=env).stdout.splitlines()
    assert log == ["Add a module", GOOD_MESSAGE.splitlines()[0]]


def test_the_changelog_has_an_unreleased_section_then_dated_entries_with_upgrade_notes():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = re.split(r"^## ", changelog, flags=re.MULTILINE)[1:]
    assert entries[0].startswith("[Unreleased]\n")
    dates = []
    for entry in entries[1:]:
        heading = entry.splitlines()[0]
        match = re.search(r" - (\d{4}-\d{2}-\d{2})\b", heading)
        assert match, f"no date in the entry {heading!r}"
        dates.append(match.group(1))
        assert "\n### Upgrade notes\n" in entry, f"no upgrade notes in the entry {heading!r}"
    assert dates, "no past entry"
    assert dates == sorted(dates, reverse=True), "entries are not newest first"
    # The search fields kept one release (docs/search.md) are named, to be dropped.
    assert "`SearchEntry.body`, `title_norm`, `body_norm`" in changelog


def documents() -> list[Path]:
    return [
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        ROOT / "CHANGELOG.md",
        *sorted((ROOT / "docs").rglob("*.md")),
        *sorted((ROOT / "bench").glob("*.md")),
    ]


def test_the_documents_never_point_outside_the_repository():
    # The project's files must stand on their own: no link to a sibling folder of the working
    # tree (`../shared/…`) or to the coordination notes that lived there.
    outside = re.compile(r"\.\./shared|/work/|\bSTYLE\.md\b|\bSTACK\.md\b")
    link = re.compile(r"\]\(([^)\s]+)\)")
    problems = []
    for document in documents():
        text = document.read_text(encoding="utf-8")
        name = document.relative_to(ROOT)
        problems += [f"{name}: {match.group(0)}" for match in outside.finditer(text)]
        for target in link.findall(text):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue  # an address (https:, mailto:) or an anchor in the same page
            resolved = (document.parent / target.split("#", 1)[0]).resolve()
            if not resolved.is_relative_to(ROOT):
                problems.append(f"{name}: a link outside the repository, {target}")
    assert problems == []


# ---------------------------------------------------------------------------------------------
# Module size and names (docs/development.md, "Layout"; issue 15)
# ---------------------------------------------------------------------------------------------
MAX_MODULE_LINES = 500
# Modules still over the limit. This list must be EMPTY once issue 15 is done: it only holds the
# modules whose split is under way, each removed when its split lands (the test below also fails
# on an entry that no longer needs its place). Never add a module to it to let one grow.
LONG_MODULES_ALLOWED: dict[str, str] = {}
# The kinds of module every area has once (docs/development.md): the folder says the area, the
# file says the kind, so `projects/sharing/api.py`, never `projects/sharing_api.py`.
MODULE_KINDS = ("views", "forms", "api", "models", "services", "permissions", "admin")
PREFIX_NAMED = re.compile(
    rf"^(?:(?:{'|'.join(MODULE_KINDS)})_\w+|\w+_(?:{'|'.join(MODULE_KINDS)}))$"
)


def tracked_python_files() -> list[str]:
    """The repository's tracked Python files, as paths relative to its root."""
    if shutil.which("git") is None:
        pytest.fail("git is not installed")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(path for path in listed.stdout.split("\0") if path)


def exempt_from_the_size_limit(path: str) -> bool:
    """Migrations are generated; the demo's data files are data, not code."""
    return "/migrations/" in f"/{path}" or path.startswith("home/demo/")


def line_count(path: str) -> int:
    return len((ROOT / path).read_text(encoding="utf-8").splitlines())


def prefix_named_modules(paths: list[str]) -> list[str]:
    """Modules (files or packages) named after a kind, `<kind>_<x>` or `<x>_<kind>`, in the areas
    (the packages of `projects/` and `funding/`, and `core/`) and in the two apps themselves.

    Management commands and template tag libraries are exempt: their names are public interfaces
    (`manage.py <name>`, `{% load <name> %}`).
    """
    found = set()
    for path in paths:
        parts = path.split("/")
        if parts[0] not in ("core", "projects", "funding") or "migrations" in parts:
            continue
        if "templatetags" in parts or parts[-3:-1] == ["management", "commands"]:
            continue
        for depth in range(1, len(parts)):
            name = parts[depth].removesuffix(".py")
            if PREFIX_NAMED.match(name):
                found.add("/".join(parts[: depth + 1]))
    return sorted(found)


def test_no_module_passes_500_lines():
    paths = tracked_python_files()
    assert paths, "git lists no Python file"
    too_long = {
        path: lines
        for path in paths
        if not exempt_from_the_size_limit(path)
        and (lines := line_count(path)) > MAX_MODULE_LINES
        and path not in LONG_MODULES_ALLOWED
    }
    assert too_long == {}, "split these modules by what their parts do (docs/development.md)"
    # An allowed module that was split, moved or shortened leaves the list.
    stale = [
        path
        for path in LONG_MODULES_ALLOWED
        if path not in paths or line_count(path) <= MAX_MODULE_LINES
    ]
    assert stale == [], "remove these modules from LONG_MODULES_ALLOWED"


def test_no_module_of_an_area_is_named_after_its_kind():
    assert prefix_named_modules(tracked_python_files()) == []


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("projects/sharing_api.py", "projects/sharing_api.py"),
        ("projects/sharing/sharing_api.py", "projects/sharing/sharing_api.py"),
        ("projects/sharing/views_admin.py", "projects/sharing/views_admin.py"),
        ("funding/dossiers/review_services.py", "funding/dossiers/review_services.py"),
        ("funding/matching/views/matrix_views.py", "funding/matching/views/matrix_views.py"),
        ("funding/matching/views_digest/matrix.py", "funding/matching/views_digest"),
        ("core/cache/models_base.py", "core/cache/models_base.py"),
        ("core/admin_tools.py", "core/admin_tools.py"),
        ("projects/sharing/api.py", None),
        ("projects/experiments/admin/views.py", None),
        ("projects/network/directory_links.py", None),
        ("projects/wagtail_hooks.py", None),
        ("projects/management/commands/sharing_views.py", None),
        ("funding/templatetags/funder_views.py", None),
        ("funding/migrations/0002_dossiers_models.py", None),
        ("home/page_models.py", None),
    ],
)
def test_prefix_named_modules_are_recognised(path, found):
    assert prefix_named_modules([path]) == ([found] if found else [])
