"""Security headers (config/security.py, docs/security.md)."""

from urllib.parse import urlsplit

from config.settings.parts.environment import env
from config.settings.parts.project import MAP_TILE_URL
from config.settings.parts.storage import AWS_STORAGE_BUCKET_NAME

# The site's pages: no inline script, no inline style, no plugin, framed by nobody. Images from
# the map's tile server and, with S3, from the media bucket.


def _origin(url: str) -> str | None:
    """Scheme and host of an absolute URL; Leaflet's "{s}." subdomain becomes "*."."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.hostname:
        return f"{parts.scheme}://{parts.netloc.split('@')[-1].replace('{s}.', '*.')}"
    return None


_IMG_SOURCES = ["'self'", "data:"]
for _url in (MAP_TILE_URL, env.str("AWS_S3_ENDPOINT_URL", default="")):
    if (_source := _origin(_url)) and _source not in _IMG_SOURCES:
        _IMG_SOURCES.append(_source)
if AWS_STORAGE_BUCKET_NAME and not env.str("AWS_S3_ENDPOINT_URL", default=""):
    _IMG_SOURCES.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": _IMG_SOURCES,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin ships inline scripts and styles and previews pages in frames of itself.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": [*_IMG_SOURCES, "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
CSP_ADMIN_PATH_PREFIXES = ("/admin/",)
# The admin's previews of pages (config.security.is_preview_request) get the site's policy with
# `frame-ancestors 'self'`: the admin frames them, nobody else does.
# No Gravatar: avatars are the uploaded one or Wagtail's default, served by the site itself
# (a third-party request would also hand out a hash of each editor's e-mail address).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
