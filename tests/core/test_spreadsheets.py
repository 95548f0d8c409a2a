"""Exported cells never run as formulas in a spreadsheet program (core/spreadsheets.py)."""

import pytest

from core.spreadsheets import formula_safe


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+33 4 92 00 00 00", "'+33 4 92 00 00 00"),
        ("-A1+1", "'-A1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Atelier partagé", "Atelier partagé"),
        ("-1200.50", "-1200.50"),
        ("+12", "+12"),
        ("", ""),
        (None, None),
        (12, 12),
    ],
)
def test_formula_safe(value, written):
    assert formula_safe(value) == written


# ---------------------------------------------------------------------- Wagtail's CSV exports
HOSTILE = '=HYPERLINK("http://evil.example","x")'


def _csv(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


@pytest.mark.django_db
def test_the_contact_forms_submissions_export_is_formula_safe(client):
    from home.forms import HONEYPOT_FIELD
    from home.models import FormPage
    from tests.factories import UserFactory

    page = FormPage.objects.get(locale__language_code="fr")
    answer = {
        "nom": "Léa Garnier",
        "email": "lea.garnier@example.org",
        "structure": HOSTILE,
        "objet": "Rejoindre le cluster",
        "message": "@SUM(A1:A9)",
        HONEYPOT_FIELD: "",
    }
    assert client.post(page.url, answer).status_code in (200, 302)
    client.force_login(UserFactory(email="root@example.org", is_superuser=True, is_staff=True))
    response = client.get(f"/admin/forms/submissions/{page.pk}/?export=csv")
    assert response.status_code == 200
    text = _csv(response)
    assert "'" + HOSTILE.replace('"', '""') in text
    assert "'@SUM(A1:A9)" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text and ',"=HYPERLINK' not in text


@pytest.mark.django_db
def test_the_site_history_export_is_formula_safe(client):
    from wagtail.models import Page

    from tests.factories import UserFactory

    editor = UserFactory(email="root@example.org", full_name="+cmd|' /C calc'!A0")
    editor.is_superuser = editor.is_staff = True
    editor.save()
    page = Page.objects.filter(depth=2).first().specific
    page.save_revision(user=editor, log_action=True)
    client.force_login(editor)
    response = client.get("/admin/reports/site-history/?export=csv")
    assert response.status_code == 200
    text = _csv(response)
    assert "'+cmd|' /C calc'!A0" in text
    assert ",+cmd" not in text
