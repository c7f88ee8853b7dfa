"""The address the application runs on, for links in e-mails (SITE_URL).

SITE_URL when it is set; otherwise the scheme, host and port of the request being served (a
middleware keeps it for the request's duration); outside a request the development default."""

from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost

STANDAARD = "http://127.0.0.1:8000"

_verzoek_adres: ContextVar[str | None] = ContextVar("verzoek_adres", default=None)


def site_adres() -> str:
    return settings.SITE_URL or _verzoek_adres.get() or STANDAARD


class AdresMiddleware:
    """Remember the address this request came in on (after ALLOWED_HOSTS checked its host)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            adres = request.build_absolute_uri("/").rstrip("/")
        except DisallowedHost:
            adres = None
        token = _verzoek_adres.set(adres)
        try:
            return self.get_response(request)
        finally:
            _verzoek_adres.reset(token)
