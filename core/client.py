"""The client's address, the same for every mechanism that counts per visitor.

The contact form's rate limit (`core.ratelimit`), the throttling of failed sign-ins
(django-axes, `AXES_CLIENT_IP_CALLABLE`) and the API's throttles (`config.throttling`) all ask
`client_ip`, so that a visitor is one visitor for all three, and none of them can be fooled by a
header the client wrote (docs/security.md, "The client's address").
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The address of the client behind the ``NUM_PROXIES`` trusted reverse proxies.

    With no proxy, REMOTE_ADDR (X-Forwarded-For is ignored: the client may have written it).
    With N proxies, each appends the address it received the request from to X-Forwarded-For, so
    the client's address is the N-th entry from the right; entries further left were written by
    the client and are never used. Without the header (a request that did not come through the
    proxies), REMOTE_ADDR. The result is a normalised IPv4 or IPv6 address, or None when the
    chosen value is not one (a proxy that adds a port, a malformed header, no request).
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        addresses = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if addresses:
            address = addresses[-min(proxies, len(addresses))]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
