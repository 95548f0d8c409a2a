"""API tokens (Django REST framework's authtoken): revoked when the credentials they were issued
under change. A token is handed out for the password (and, with a device, the authenticator
code) of that moment: after a password change or reset, or once the second factor is removed, a
copied token must not keep working."""

from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

# Told to the person when a change of their credentials revoked a token.
TOKEN_REVOKED = _("Your API token no longer works: ask the API for a new one.")


def revoke_api_tokens(user) -> int:
    """Delete the person's API tokens; returns how many there were."""
    deleted, _by_model = Token.objects.filter(user=user).delete()
    return deleted
