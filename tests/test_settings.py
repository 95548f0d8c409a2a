"""Production settings refuse to start without their variables and pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    dropped = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "REDIS_URL",
        "PAGE_CACHE_SECONDS",
    }
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


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k3Y-" + "x7Qp9vB2mN8rT5wZ1cL4dF6gH0jK3sA" * 2,
    "ALLOWED_HOSTS": "cluster05.example.org",
    "DATABASE_URL": "sqlite:////tmp/cluster05-prod-check.sqlite3",
}
PRINT_PAGE_CACHE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.PAGE_CACHE_SECONDS, settings.CACHES['default']['BACKEND'])"
)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "0 "),
        (PRODUCTION_ENV, "0 "),
        (
            {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/14"},
            "600 core.cache.backends.ResilientRedisCache",
        ),
    ],
    ids=["dev", "production-without-redis", "production-with-redis"],
)
def test_page_cache_is_on_only_where_purges_reach_every_process(env, expected):
    result = _run(["-c", PRINT_PAGE_CACHE], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(expected)


def test_bench_settings_pass_the_checks(tmp_path):
    result = _run(
        ["manage.py", "check", "--fail-level", "WARNING"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "BENCH_DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
