"""Middleware: two-factor gate, session last-seen bookkeeping, audit of denied access."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from django_otp import user_has_device

from inspecties.beveiliging.selectors import tweede_factor_vereist
from inspecties.beveiliging.services import toegang_geweigerd_loggen
from inspecties.models import UserSessie


class TweeFactorMiddleware:
    """A user whose role requires a second factor and who has not passed it this session reaches
    nothing but the setup/verify pages, logout and static files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and tweede_factor_vereist(user):
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


class SessieMiddleware:
    """Keeps UserSessie.laatst_gezien roughly current (one write per 5 minutes at most)."""

    INTERVAL = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        sessie = getattr(request, "session", None)
        if user is not None and user.is_authenticated and sessie is not None:
            nu = time.time()
            if nu - sessie.get("_gezien", 0) > self.INTERVAL and sessie.session_key:
                from django.utils import timezone

                UserSessie.objects.filter(session_key=sessie.session_key).update(
                    laatst_gezien=timezone.now()
                )
                sessie["_gezien"] = nu
        return response


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
