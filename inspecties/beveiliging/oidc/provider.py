"""The identity provider's configuration: on or off, its discovery document, and the checks
`manage.py check` runs on it."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

import requests
from mozilla_django_oidc.utils import import_from_settings

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.beveiliging.oidc.accounts import IDP_ROLLEN

Soort = BeveiligingsGebeurtenis.Soort


# Settings that may be left empty: they are read from the provider's discovery document.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}


_ontdekt: dict[str, dict] = {}


def oidc_aan() -> bool:
    return bool(getattr(settings, "OIDC_ISSUER", ""))


def provider_configuratie() -> dict:
    """The provider's discovery document (fetched once per process and issuer)."""
    issuer = settings.OIDC_ISSUER
    if issuer not in _ontdekt:
        antwoord = requests.get(
            issuer.rstrip("/") + "/.well-known/openid-configuration",
            timeout=settings.OIDC_TIMEOUT,
        )
        antwoord.raise_for_status()
        configuratie = antwoord.json()
        if str(configuratie.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
            raise ImproperlyConfigured(
                "OIDC_ISSUER does not match the issuer in the provider's discovery document."
            )
        _ontdekt[issuer] = configuratie
    return _ontdekt[issuer]


def oidc_instelling(attr: str, *args):
    """mozilla-django-oidc's settings lookup, with empty endpoints taken from discovery."""
    if attr in ENDPOINTS:
        return getattr(settings, attr, "") or provider_configuratie().get(ENDPOINTS[attr], "")
    return import_from_settings(attr, *args)


@register()
def oidc_instellingen_controleren(app_configs, **kwargs):
    """`manage.py check`: a role table that would hand out gemeente or an unknown role, or an
    issuer without client credentials, is a configuration error."""
    fouten = []
    if not oidc_aan():
        return fouten
    if not (settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET):
        fouten.append(
            Error("OIDC_ISSUER is set but OIDC_RP_CLIENT_ID or OIDC_RP_CLIENT_SECRET is not.")
        )
    for extern, rol in settings.OIDC_ROLLEN.items():
        if rol not in IDP_ROLLEN:
            fouten.append(
                Error(
                    f"OIDC_ROLLEN maps {extern!r} to {rol!r}; allowed: "
                    + ", ".join(sorted(IDP_ROLLEN)),
                    id="toezicht.E017",
                )
            )
    return fouten
