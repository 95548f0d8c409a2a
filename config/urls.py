"""URL map: admin and machine endpoints without a language prefix, everything else per language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.views import FILE_ROUTE_PATTERN, serve_file_route

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("account/"), include("accounts.urls")),
    # Calendar files of the exchanges ("<index>/agenda.ics", "<exchange>/event.ics").
    re_path(FILE_ROUTE_PATTERN, serve_file_route, name="page_file_route"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
