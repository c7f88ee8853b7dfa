"""The client's address, the one place that decides it (audit log, sessions and django-axes).

Behind `PROXY_AANTAL` trusted reverse proxies, each proxy appends the address it received the
request from to X-Forwarded-For. Counting that many entries from the right gives the address the
outermost trusted proxy saw: everything left of it was written by the client and is not trusted.
Without a proxy (`BEHIND_PROXY` off) the header is ignored altogether.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address of the client; also `AXES_CLIENT_IP_CALLABLE` (axes passes the request)."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    aantal = settings.PROXY_AANTAL if settings.BEHIND_PROXY else 0
    if aantal <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < aantal:
        # Fewer entries than trusted proxies: the request did not come through all of them.
        return remote
    kandidaat = hops[-aantal]
    try:
        return str(ipaddress.ip_address(kandidaat))
    except ValueError:
        return remote
