"""Authentication backends."""

from axes.backends import AxesStandaloneBackend


class SignInThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, first of the backends: refuses to check a password while the account
    is locked out from the client address (docs/security.md).

    Every sign-in from the web passes the request. A password checked without one (tests'
    ``client.login``, a shell) has no client address to count and is not throttled, where
    django-axes would raise instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
