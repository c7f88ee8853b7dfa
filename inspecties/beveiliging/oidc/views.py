"""The single sign-on pages: start the login at the identity provider, its callback, and the
logout that also ends the provider's session. mozilla-django-oidc's views with Dutch messages,
an audit entry for every refusal, and 404 while OIDC is not configured."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse

import requests
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.beveiliging.oidc.accounts import INLOG_DETAILS
from inspecties.beveiliging.oidc.middleware import tweede_factor_via_idp_vastleggen
from inspecties.beveiliging.oidc.provider import oidc_aan, oidc_instelling
from inspecties.beveiliging.services import beveiligingslog_schrijven

Soort = BeveiligingsGebeurtenis.Soort
ID_TOKEN = "oidc_id_token"  # where mozilla-django-oidc keeps it (OIDC_STORE_ID_TOKEN)


def _mislukt(request, reden: str):
    """Back to the login page with a Dutch message; the refusal and its reason are logged."""
    beveiligingslog_schrijven(
        soort=Soort.LOGIN_MISLUKT, request=request, via="identity provider", reden=reden
    )
    messages.error(
        request,
        f"Inloggen met {settings.OIDC_NAAM} is niet gelukt. Probeer het opnieuw; lukt het niet, "
        "neem dan contact op met de beheerder.",
    )
    return redirect("login")


class OidcInloggenView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider's login page with a fresh state, nonce and PKCE."""

    get_settings = staticmethod(oidc_instelling)

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not oidc_aan():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_instelling("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except requests.RequestException:
            messages.error(
                request,
                f"{settings.OIDC_NAAM} is nu niet bereikbaar. Probeer het later opnieuw of log "
                "in met uw gebruikersnaam en wachtwoord.",
            )
            return redirect("login")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the browser back here with a code and the state."""

    get_settings = staticmethod(oidc_instelling)

    def get(self, request):
        if not oidc_aan():
            raise Http404
        if "code" in request.GET and "state" in request.GET:
            if "oidc_states" not in request.session:
                return _mislukt(request, "geen lopende inlogpoging in deze sessie (state)")
            try:
                return super().get(request)
            except SuspiciousOperation:
                # The library's state check: unknown here, or already used once.
                return _mislukt(request, "state onbekend of al gebruikt")
        return super().get(request)

    def login_failure(self):
        request = self.request
        if request.GET.get("error"):
            return _mislukt(request, f"identity provider: {request.GET['error'][:50]}")
        details = getattr(request, INLOG_DETAILS, None)
        if details:
            # Already recorded as a failed login (the signal of django.contrib.auth).
            messages.error(
                request,
                f"Inloggen met {settings.OIDC_NAAM} is niet gelukt. Probeer het opnieuw; lukt het "
                "niet, neem dan contact op met de beheerder.",
            )
            return redirect("login")
        return _mislukt(request, "geen code of state")

    def login_success(self):
        response = super().login_success()
        tweede_factor_via_idp_vastleggen(
            request=self.request,
            user=self.user,
            id_token=getattr(self.user, "toezicht_id_token", {}),
        )
        return response


class UitloggenView(auth_views.LogoutView):
    """Django's logout; after an identity-provider login the browser continues to the
    provider's end-session page (RP-initiated logout), so the provider's session ends too."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN)
        response = super().post(request, *args, **kwargs)
        if not (id_token and oidc_aan() and settings.OIDC_IDP_UITLOGGEN):
            return response
        try:
            einde = oidc_instelling("OIDC_OP_LOGOUT_ENDPOINT")
        except requests.RequestException:
            return response
        if not einde:
            return response
        terug = request.build_absolute_uri(reverse("login"))
        parameters = {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": terug,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
        return HttpResponseRedirect(f"{einde}?{urlencode(parameters)}")
