"""Middleware: session lifetime, two-factor gate, no caching of confidential responses, audit of
denied access."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from django_otp import user_has_device

from inspecties.beveiliging.selectors import tweede_factor_gevraagd
from inspecties.beveiliging.services import (
    INGELOGD_OM,
    LAATST_ACTIEF,
    sessie_activiteit_noteren,
    sessie_verlopen_beeindigen,
    toegang_geweigerd_loggen,
)


class GeenCacheMiddleware:
    """`Cache-Control: no-store` (Django's never-cache headers) on every response to a logged-in
    user and on every response that sets a session: reports, exports and pages behind login stay
    out of browser and proxy caches. Static files never get here (whitenoise answers them first,
    with their own long caching)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None and user.is_authenticated
        ) or settings.SESSION_COOKIE_NAME in response.cookies:
            add_never_cache_headers(response)
        return response


class SessieDuurMiddleware:
    """A session lasts at most SESSIE_MAX_UREN from login (absolute, not pushed forward by
    activity) and ends after SESSIE_INACTIEF_MINUTEN without a request. The moment of login is
    stored in the session at login; the last activity at most once a minute (one write)."""

    NOTEER_INTERVAL = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            sessie = request.session
            nu = time.time()
            ingelogd = sessie.get(INGELOGD_OM)
            laatst = sessie.get(LAATST_ACTIEF, ingelogd)
            if ingelogd is None or nu - ingelogd >= settings.SESSIE_MAX_UREN * 3600:
                sessie_verlopen_beeindigen(request=request, reden="absoluut")
            elif nu - laatst >= settings.SESSIE_INACTIEF_MINUTEN * 60:
                sessie_verlopen_beeindigen(request=request, reden="inactief")
            elif nu - laatst >= self.NOTEER_INTERVAL:
                sessie_activiteit_noteren(request=request, nu=nu)
        return self.get_response(request)


class TweeFactorMiddleware:
    """A user who must pass a second factor and has not passed it this session reaches nothing
    but the setup/verify pages, logout and static files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and tweede_factor_gevraagd(user):
            pad = request.path_info
            instellen = reverse("beveiliging:tweefactor_instellen")
            verifieren = reverse("beveiliging:tweefactor_verifieren")
            vrij = (instellen, verifieren, reverse("logout"), reverse("login"))
            if pad not in vrij and not pad.startswith("/" + settings.STATIC_URL.lstrip("/")):
                doel = verifieren if user_has_device(user, confirmed=True) else instellen
                if request.method == "GET" and pad != "/":
                    doel += "?" + urlencode({"next": request.get_full_path()})
                return redirect(doel)
        return self.get_response(request)


class ToegangGeweigerdMiddleware:
    """Every PermissionDenied raised by a view lands in the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            toegang_geweigerd_loggen(request, reden=str(exception)[:200])
        return None
