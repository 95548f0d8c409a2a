"""The one-click unsubscribe page of the weekly funding digest: no sign-in, a signed token."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from funding.matching.digest import resubscribe, unsubscribe, user_from_token


# The signed token is the proof: the link works from any mail client, signed in or not, and
# mail clients' one-click button (RFC 8058) posts without a CSRF token. Never cached: the page
# shows the current choice (the anonymous page cache would keep the first one).
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token: str):
    """GET: a page with one button (link checkers of mail servers open links, and must not
    unsubscribe anyone). POST: unsubscribe, or subscribe again with ``action=resubscribe``."""
    user = user_from_token(token)
    if user is None:
        return render(request, "funding/digest_unsubscribe.html", {"invalid": True}, status=400)
    done = None
    if request.method == "POST":
        if request.POST.get("action") == "resubscribe":
            resubscribe(user)
            done = "resubscribed"
        else:
            unsubscribe(user)
            done = "unsubscribed"
    subscribed = not hasattr(user, "funding_digest_opt_out") if done is None else None
    return render(
        request,
        "funding/digest_unsubscribe.html",
        {"done": done, "email": user.email, "subscribed": subscribed},
    )
