"""Single sign-on for staff through OpenID Connect (issue 17), on mozilla-django-oidc.

Off unless OIDC_ISSUER is set. What the library leaves to us, and we add here:

- It decodes the ID token with PyJWT but turns off the audience check and passes no issuer, so
  a token for another client or from another issuer would pass: `_verify_jws` checks `iss`,
  `aud` (and `azp` when there are several audiences), requires `exp`, `iat` and `sub`, and turns
  every PyJWT refusal (an expired token raises ExpiredSignatureError, which the library does not
  catch) into a logged refusal.
- It matches users by e-mail address, which would let an identity-provider account take over a
  local account with the same address: we match on (issuer, sub) through IdpKoppeling only.
- Its backend would exchange any `code` in the query string of any authenticate() call, the
  password login included, without the state and nonce our callback checks: we only act on
  calls from our callback view (which passes the nonce stored with the state).
- It trusts the userinfo response's `sub`: it must equal the ID token's (OpenID Connect Core
  5.3.2).

The signature (with the provider's published key, algorithm pinned to OIDC_RP_SIGN_ALGO), the
nonce and the state (single use, kept in the session) are the library's own checks.

Roles follow the claim OIDC_ROLLEN_CLAIM at every login through the table OIDC_ROLLEN, only
ever to inspecteur, beheerder or medewerker; OIDC never makes anyone staff or superuser (and
takes the staff flag away with the beheerder role). A login whose ID token says the provider did
multi-factor authentication (`amr` / `acr`, see OIDC_MFA_AMR / OIDC_MFA_ACR) counts as our second
factor for that session; otherwise our own TOTP flow applies.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation

import jwt
import requests
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.beveiliging.oidc.accounts import (
    INLOG_DETAILS,
    OidcGeweigerd,
    idp_account_bijwerken,
    idp_account_vinden_of_aanmaken,
)
from inspecties.beveiliging.oidc.provider import oidc_aan, oidc_instelling, provider_configuratie

logger = logging.getLogger(__name__)
Soort = BeveiligingsGebeurtenis.Soort


class OidcBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with the checks it lacks (see the module docstring)."""

    get_settings = staticmethod(oidc_instelling)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every authenticate() call, the password login
        # included: read the provider's endpoints only when an OIDC login needs them.
        self.UserModel = get_user_model()

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: oidc_instelling("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: oidc_instelling("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: oidc_instelling("OIDC_OP_JWKS_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        # Only our callback calls with the nonce it kept with the state; any other call (the
        # password form with ?code=... in its URL) is not an OIDC login.
        if request is None or not oidc_aan() or not kwargs.get("nonce"):
            return None
        self.weigering = None
        try:
            user = super().authenticate(request, **kwargs)
            if user is not None and not self.user_can_authenticate(user):
                self._weiger("account is gedeactiveerd")
        except OidcGeweigerd as fout:
            reden = fout.reden
        except SuspiciousOperation as fout:
            reden = str(fout)[:200]  # the library's own checks: nonce, algorithm
        except requests.RequestException as fout:
            status = getattr(getattr(fout, "response", None), "status_code", None)
            reden = f"identity provider antwoordde niet goed ({status or 'geen verbinding'})"
        else:
            if user is not None:
                return user
            # The library catches refusals raised while finding the account and returns None.
            reden = self.weigering or "onbekend"
        setattr(request, INLOG_DETAILS, {"via": "identity provider", "reden": reden})
        logger.info("oidc_login_geweigerd", extra={"reden": reden})
        return None

    def _weiger(self, reden: str):
        self.weigering = reden
        raise OidcGeweigerd(reden)

    def retrieve_matching_jwk(self, token):
        """The provider's key for this token: by `kid`, or its only signing key when the token
        names none (allowed by OpenID Connect Core 10.1)."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            self._weiger("ID-token is geen geldig JWT")
        antwoord = requests.get(
            self.OIDC_OP_JWKS_ENDPOINT,
            verify=oidc_instelling("OIDC_VERIFY_SSL", True),
            timeout=settings.OIDC_TIMEOUT,
        )
        antwoord.raise_for_status()
        sleutels = [
            s
            for s in antwoord.json().get("keys", [])
            if s.get("use", "sig") == "sig" and s.get("alg", header.get("alg")) == header.get("alg")
        ]
        if "kid" in header:
            sleutels = [s for s in sleutels if s.get("kid") == header["kid"]]
        if len(sleutels) != 1:
            self._weiger("ondertekend met een sleutel die de identity provider niet publiceert")
        return jwt.PyJWK(sleutels[0])

    def _verify_jws(self, payload, key):
        try:
            alg = jwt.get_unverified_header(payload).get("alg")
        except jwt.InvalidTokenError:
            self._weiger("ID-token is geen geldig JWT")
        if alg != self.OIDC_RP_SIGN_ALGO:
            self._weiger(f"algoritme {alg!r} in plaats van {self.OIDC_RP_SIGN_ALGO}")
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[alg],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=provider_configuratie()["issuer"],
                leeway=settings.OIDC_KLOKAFWIJKING_SECONDEN,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            self._weiger("ID-token is verlopen (exp)")
        except jwt.InvalidIssuerError:
            self._weiger("ID-token komt van een andere uitgever (iss)")
        except jwt.InvalidAudienceError:
            self._weiger("ID-token is voor een andere client bedoeld (aud)")
        except jwt.MissingRequiredClaimError as fout:
            self._weiger(f"claim {fout.claim} ontbreekt")
        except jwt.InvalidSignatureError:
            self._weiger("handtekening klopt niet")
        except jwt.InvalidTokenError as fout:
            self._weiger(f"ID-token ongeldig ({type(fout).__name__})")
        aud = claims["aud"]
        if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            self._weiger(
                "ID-token is ook voor andere clients bedoeld en niet aan ons gericht (azp)"
            )
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub")) != str(payload["sub"]):
            self._weiger("sub van userinfo wijkt af van het ID-token")
        claims = {**userinfo, **payload}
        user = idp_account_vinden_of_aanmaken(
            issuer=payload["iss"], sub=str(payload["sub"]), claims=claims
        )
        idp_account_bijwerken(user=user, claims=claims, request=self.request)
        user.toezicht_id_token = payload  # read by the callback view for the second factor
        return user
