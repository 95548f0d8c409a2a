"""Production settings refuse to start without their variables and pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_without_secret_key_exits_with_a_clear_message():
    result = _run(
        ["manage.py", "check"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "ALLOWED_HOSTS": "cluster05.example.org",
            "DATABASE_URL": "sqlite:////tmp/cluster05-prod-check.sqlite3",
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "README" in result.stderr


def test_production_names_every_missing_variable():
    result = _run(
        ["manage.py", "check"],
        {"DJANGO_SETTINGS_MODULE": "config.settings.production", "DATABASE_URL": ""},
    )
    assert result.returncode != 0
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
        assert name in result.stderr


def test_check_deploy_passes_under_production_settings():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "k3Y-" + "x7Qp9vB2mN8rT5wZ1cL4dF6gH0jK3sA" * 2,
            "ALLOWED_HOSTS": "cluster05.example.org",
            "DATABASE_URL": "sqlite:////tmp/cluster05-prod-check.sqlite3",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
