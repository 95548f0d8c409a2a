"""The demo loader: idempotent, complete, refuses production."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page
from wagtail_localize.models import Translation

from accounts.models import User
from home.demo.accounts import ACCOUNTS
from home.models import MainMenu


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "users": User.objects.count(),
        "menus": MainMenu.objects.count(),
        "translations": Translation.objects.count(),
    }


@pytest.mark.django_db
def test_running_the_demo_loader_again_creates_nothing(capsys):
    # The session already loaded it once (tests/conftest.py); run it twice more.
    before = _counts()
    call_command("load_demo")
    call_command("load_demo")
    assert _counts() == before


@pytest.mark.django_db
def test_demo_has_one_account_per_role():
    emails = set(User.objects.values_list("email", flat=True))
    assert {a.email for a in ACCOUNTS} <= emails
    assert (
        User.objects.get(email="coordination@example.org")
        .groups.filter(name="Coordination")
        .exists()
    )
    assert User.objects.get(email="redaction@example.org").groups.filter(name="Rédaction").exists()
    assert User.objects.get(email="relecture@example.org").groups.filter(name="Relecture").exists()


@pytest.mark.django_db
def test_demo_password_comes_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "another-long-password")
    call_command("load_demo")
    assert User.objects.get(email="porteur@example.org").check_password("another-long-password")
    assert "DEMO_PASSWORD" in capsys.readouterr().out


@pytest.mark.django_db
def test_new_demo_accounts_get_a_generated_password_printed_once(monkeypatch, capsys):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    User.objects.filter(email="porteur@example.org").delete()
    call_command("load_demo")
    out = capsys.readouterr().out
    password = out.rsplit(": ", 1)[1].strip()
    assert len(password) >= 12
    assert User.objects.get(email="porteur@example.org").check_password(password)
    call_command("load_demo")
    assert password not in capsys.readouterr().out


@pytest.mark.django_db
@override_settings(ENVIRONMENT="production")
def test_demo_loader_refuses_production_without_force():
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")
    call_command("load_demo", force=True)
