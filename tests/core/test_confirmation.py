"""The confirmation page of destructive actions sent without the dialog (core.confirmation)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from core import confirmation


def _post(data):
    request = RequestFactory().post("/fr/quelque-part/?retour=1", data)
    request.user = AnonymousUser()
    return request


@pytest.mark.django_db  # the page's header reads the site's menus
def test_an_unconfirmed_action_gets_the_page_that_asks_with_its_fields_kept():
    request = _post({"comment": "Projet <reporté>", "tag": ["a", "b"], "csrfmiddlewaretoken": "x"})
    page = confirmation.ask(
        request, question="Withdraw it?", confirm_label="Withdraw", cancel_url="/fr/retour/"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Withdraw it?" in html and 'href="/fr/retour/"' in html
    assert 'action="/fr/quelque-part/?retour=1"' in html
    assert 'name="comment" value="Projet &lt;reporté&gt;"' in html  # escaped, kept
    assert html.count('name="tag"') == 2
    assert 'value="x"' not in html  # a fresh CSRF token, not the one sent
    assert 'name="confirmed" value="yes"' in html


def test_a_confirmed_action_goes_ahead():
    request = _post({"confirmed": "yes"})
    assert confirmation.confirmed(request)
    assert confirmation.ask(request, question="?", confirm_label="Go", cancel_url="/") is None
    assert not confirmation.confirmed(_post({"confirmed": "no"}))
