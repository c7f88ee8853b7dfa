"""A second factor done by the identity provider counts as ours for that session."""

from dataclasses import dataclass

from django.conf import settings

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.beveiliging.services import beveiligingslog_schrijven

Soort = BeveiligingsGebeurtenis.Soort


# Session key: this session's second factor was done by the identity provider.
TWEEDE_FACTOR_IDP = "toezicht_tweede_factor_idp"


def tweede_factor_door_idp(id_token: dict) -> bool:
    """Whether the ID token says the provider did multi-factor authentication."""
    amr = id_token.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    acr = id_token.get("acr")
    return bool(set(map(str, amr)) & set(settings.OIDC_MFA_AMR)) or (
        bool(acr) and str(acr) in settings.OIDC_MFA_ACR
    )


@dataclass
class IdpTweedeFactor:
    """Stands in for an OTP device when the identity provider did the second factor
    (django-otp counts a user as verified while `user.otp_device` is set)."""

    user_id: int
    name: str = "identity provider"
    persistent_id: str = "idp"
    confirmed: bool = True


def tweede_factor_via_idp_vastleggen(*, request, user, id_token: dict) -> bool:
    """After an OIDC login: when the provider did multi-factor authentication, this session
    has passed the second factor (read by IdpTweedeFactorMiddleware), audited."""
    if not tweede_factor_door_idp(id_token):
        return False
    amr = id_token.get("amr") or []
    request.session[TWEEDE_FACTOR_IDP] = {"gebruiker": user.pk}
    beveiligingslog_schrijven(
        soort=Soort.TWEEDE_FACTOR_GESLAAGD,
        request=request,
        gebruiker=user,
        via="identity provider",
        amr=[str(a) for a in (amr if isinstance(amr, list) else [amr])][:10],
        acr=str(id_token.get("acr") or "")[:200],
    )
    return True


class IdpTweedeFactorMiddleware:
    """Right after django-otp's middleware: a session whose identity-provider login included
    multi-factor authentication counts as verified, for this user only. The one place that
    decides this; the mark is set only by tweede_factor_via_idp_vastleggen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            mark = request.session.get(TWEEDE_FACTOR_IDP)
            if mark and mark.get("gebruiker") == user.pk:
                user.otp_device = IdpTweedeFactor(user_id=user.pk)
        return self.get_response(request)
