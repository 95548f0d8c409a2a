"""Project middleware."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

# URL prefixes that live outside the language prefix on purpose: their 404 is an answer, not a
# missing "/fr/".
UNPREFIXED_PATHS = ("/api/",)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's locale middleware, except that it never redirects an API 404 to "/fr/api/…".

    Django retries a 404 under the language prefix when that path is valid, and Wagtail's
    catch-all page route makes every path valid: a JSON 404 of the API would become a redirect
    to an HTML page. API answers still say which language their messages are in.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
