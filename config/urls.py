"""URL map: admin and machine endpoints without a language prefix, everything else per language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts import ratelimits as admin_ratelimits
from config.health import healthz
from home.sitemaps import MultilingualSitemap
from home.views import FILE_ROUTE_PATTERN, RobotsTxtView, serve_file_route

urlpatterns = [
    # Probes of load balancers and monitoring: no language prefix, no sign-in (config/health.py).
    path("healthz", healthz, name="healthz"),
    # The admin's sign-in and password reset behind the site's rate limits (accounts/ratelimits.py),
    # at the addresses Wagtail gives them; the names stay Wagtail's (below).
    path("admin/login/", admin_ratelimits.admin_sign_in),
    path("admin/password_reset/", admin_ratelimits.admin_password_reset),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # One sitemap for every language (each page lists its translations), outside any prefix.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", RobotsTxtView.as_view(), name="robots"),
    # The JSON API: one address whatever the language (messages follow Accept-Language).
    path("api/v1/", include("config.api.urls")),
]

# JSON answers under /api/, the site's pages elsewhere.
handler400 = "config.api.errors.bad_request"
handler404 = "config.api.errors.page_not_found"
handler500 = "config.api.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("account/"), include("accounts.urls")),
    # Calendar files of the exchanges ("<index>/agenda.ics", "<exchange>/event.ics").
    re_path(FILE_ROUTE_PATTERN, serve_file_route, name="page_file_route"),
    path("", include("projects.urls")),
    path("", include("funding.urls")),
    path("", include("search.urls")),
    path("", include("home.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
