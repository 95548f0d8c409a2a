import pytest
from django.core.management import call_command

from accounts.models import User


@pytest.mark.django_db
def test_admin_is_created_with_a_generated_password_printed_once(monkeypatch, capsys):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("ADMIN_EMAIL", "root@example.org")
    call_command("ensure_admin")
    out = capsys.readouterr().out
    password = out.rsplit(": ", 1)[1].strip()
    admin = User.objects.get(email="root@example.org")
    assert admin.is_superuser and admin.check_password(password)
    call_command("ensure_admin")
    assert password not in capsys.readouterr().out


@pytest.mark.django_db
def test_two_fresh_admins_never_share_a_password(monkeypatch, capsys):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    passwords = []
    for email in ("a@example.org", "b@example.org"):
        monkeypatch.setenv("ADMIN_EMAIL", email)
        call_command("ensure_admin")
        passwords.append(capsys.readouterr().out.rsplit(": ", 1)[1].strip())
    assert passwords[0] != passwords[1]


@pytest.mark.django_db
def test_admin_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("ADMIN_EMAIL", "root@example.org")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-chosen-admin-password")
    call_command("ensure_admin")
    assert User.objects.get(email="root@example.org").check_password("a-chosen-admin-password")
