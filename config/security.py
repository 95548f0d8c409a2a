"""Security headers: the Content-Security-Policy per area of the site and Permissions-Policy.

The site's own pages run no inline script and no inline style (`CONTENT_SECURITY_POLICY` in the
settings); the Wagtail admin, which ships inline scripts and styles of its own, gets the relaxed
`CONTENT_SECURITY_POLICY_ADMIN`; the admin's previews of pages get the site's policy, framable by
the admin only (see docs/security.md).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(getattr(settings, "CSP_ADMIN_PATH_PREFIXES", ("/admin/",))))


def is_preview_request(request: HttpRequest) -> bool:
    """A page rendered for the admin's preview (panel, new tab, moderation, revisions).

    Wagtail renders a preview by sending a request it builds itself (``is_dummy``) through the
    whole middleware chain, with the page's public address as its path: without this check it
    gets the public pages' ``frame-ancestors 'none'`` and the preview panel stays blank. Nobody
    can set the attribute from outside: it is set in Python by ``make_preview_request``.
    """
    return getattr(request, "is_dummy", False) is True


def preview_directives() -> dict:
    """The site's own policy (the page renders as it will live), framable by the same origin.

    Wagtail's checks run inside the preview (the user bar's axe and content metrics, loaded
    from the site's own static files), so nothing else needs relaxing.
    """
    return {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": ["'self'"]}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy for the admin's paths.

    Views may still refine a policy with django-csp's decorators (``csp_update``,
    ``csp_replace``, ``csp_exempt``); those apply on top of the area's policy.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            if is_preview_request(request):
                parts.config = preview_directives()
            elif is_admin_path(request.path_info):
                parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Adds `Permissions-Policy`: the site needs no camera, microphone, location, payment…"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
