"""Views of the editorial app outside Wagtail's page serving."""

from django.http import HttpRequest, HttpResponse
from wagtail.views import serve

# Routable page sub-routes that end in a file name ("…/agenda.ics"): Wagtail's own pattern only
# accepts path segments made of letters, digits, "-" and "_", each followed by a slash.
FILE_ROUTE_PATTERN = r"^(?P<path>(?:[\w\-]+/)+[\w\-]+\.ics)$"


def serve_file_route(request: HttpRequest, path: str) -> HttpResponse:
    """Serve ``<page url><name>.ics`` through the page's ``<name>.ics/`` route."""
    return serve(request, path + "/")
