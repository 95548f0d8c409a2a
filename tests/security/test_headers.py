"""Security headers, a Content-Security-Policy without inline code, and templates that need none."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_DIRS = [ROOT / "site" / "templates", *ROOT.glob("*/templates")]
# Data blocks are not run by browsers, so a policy without 'unsafe-inline' allows them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


class InlineCodeFinder(HTMLParser):
    """Collects inline scripts, inline styles and event-handler attributes of a page."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in attributes:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
        if tag == "style":
            self.problems.append("<style>")
        script_type = (attributes.get("type") or "").lower()
        if tag == "script" and not attributes.get("src") and script_type not in DATA_SCRIPT_TYPES:
            self._in_script = True

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"<script>{data.strip()[:60]}")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.django_db
def test_site_pages_get_a_strict_policy_and_the_usual_headers(client):
    response = client.get("/fr/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "https://tile.openstreetmap.org" in policy["img-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_api_and_its_errors_carry_the_policy_too(client):
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_admin_gets_its_own_relaxed_policy(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_templates_hold_no_inline_script_style_or_handler():
    offenders = []
    for directory in TEMPLATE_DIRS:
        for template in directory.rglob("*.html"):
            if template.stem.endswith("_pdf"):
                continue  # rendered to PDF by WeasyPrint, never served as a page
            text = template.read_text(encoding="utf-8")
            for problem in inline_code(re.sub(r"{[%{#].*?[%}#]}", "", text, flags=re.S)):
                offenders.append(f"{template.relative_to(ROOT)}: {problem}")
    assert offenders == []


def _public_pages(demo_user) -> list[tuple[str, object]]:
    return [
        ("/fr/", None),
        ("/en/", None),
        ("/fr/guides/", None),
        ("/fr/structures/", None),
        ("/fr/echanges/", None),
        ("/fr/actualites/", None),
        ("/fr/tableau-de-bord/", None),
        ("/fr/financements/", None),
        (url("projects:sharing_board"), None),
        (url("projects:public_list"), None),
        (url("accounts:login"), None),
        (url("accounts:sign_up"), None),
        (url("projects:space"), demo_user("porteur")),
        (url("accounts:profile"), demo_user("porteur")),
        (url("accounts:two_factor_setup"), demo_user("porteur")),
        (url("projects:sharing_space"), demo_user("porteur")),
        ("/api/v1/docs/", None),
    ]


@pytest.mark.django_db
def test_rendered_pages_run_no_inline_code(client, demo_user):
    offenders = {}
    for path, user in _public_pages(demo_user):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        problems = inline_code(response.content.decode())
        if problems:
            offenders[path] = problems
    assert offenders == {}


def test_production_adds_hsts_secure_cookies_and_upgrades_requests():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.TWO_FACTOR_REQUIRED,"
        " s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests')]))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k3Y-" + "x7Qp9vB2mN8rT5wZ1cL4dF6gH0jK3sA" * 2,
        "ALLOWED_HOSTS": "cluster05.example.org",
        "DATABASE_URL": "sqlite:////tmp/cluster05-prod-check.sqlite3",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    hsts, session_secure, csrf_secure, httponly, two_factor, upgrade = json.loads(result.stdout)
    assert hsts >= 31536000
    assert session_secure and csrf_secure and httponly
    assert two_factor is True
    assert upgrade is True
