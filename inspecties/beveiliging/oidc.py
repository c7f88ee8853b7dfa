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

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import IntegrityError, transaction
from django.utils import timezone

import jwt
import requests
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from inspecties.beveiliging.services import beveiligingslog_schrijven
from inspecties.beveiliging.signals import audit_stil
from inspecties.models import BeveiligingsGebeurtenis, IdpKoppeling
from inspecties.rollen import Rol, rol_groep

logger = logging.getLogger(__name__)
Soort = BeveiligingsGebeurtenis.Soort

# Roles an identity provider may hand out. Never gemeente: municipal users have local accounts.
IDP_ROLLEN = frozenset({Rol.INSPECTEUR, Rol.BEHEERDER, Rol.MEDEWERKER})

# Session key: this session's second factor was done by the identity provider.
TWEEDE_FACTOR_IDP = "toezicht_tweede_factor_idp"
# Request attribute: details of a refused OIDC login for the audit entry of the failed login.
INLOG_DETAILS = "toezicht_inlog_details"

# Settings that may be left empty: they are read from the provider's discovery document.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}
_ontdekt: dict[str, dict] = {}


class OidcGeweigerd(SuspiciousOperation):
    """A login through the identity provider that we refuse; `reden` goes to the audit log."""

    def __init__(self, reden: str):
        self.reden = reden
        super().__init__(reden)


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


def rollen_uit_claims(claims: dict) -> set[str]:
    """Our roles for the values of the role claim (a list, or one space-separated string)."""
    waarde = claims.get(settings.OIDC_ROLLEN_CLAIM)
    if isinstance(waarde, str):
        waarden = waarde.split()
    elif isinstance(waarde, list | tuple):
        waarden = [str(v) for v in waarde]
    else:
        waarden = []
    rollen = {settings.OIDC_ROLLEN.get(w) for w in waarden}
    return {r for r in rollen if r in IDP_ROLLEN}


def tweede_factor_door_idp(id_token: dict) -> bool:
    """Whether the ID token says the provider did multi-factor authentication."""
    amr = id_token.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    acr = id_token.get("acr")
    return bool(set(map(str, amr)) & set(settings.OIDC_MFA_AMR)) or (
        bool(acr) and str(acr) in settings.OIDC_MFA_ACR
    )


def _gebruikersnaam(claims: dict, sub: str) -> str:
    """A readable username that is not taken yet; a suffix from `sub` when the name is."""
    basis = str(claims.get("preferred_username") or claims.get("email") or f"idp-{sub}").strip()[
        :130
    ]
    User = get_user_model()
    if not User.objects.filter(username__iexact=basis).exists():
        return basis
    return f"{basis}-{hashlib.sha256(sub.encode()).hexdigest()[:8]}"


# --- The account of an identity-provider login --------------------------------------------------


def idp_account_vinden_of_aanmaken(*, issuer: str, sub: str, claims: dict):
    """The user linked to (issuer, sub); created without roles on the first login. Two first
    logins at the same moment end with one account (the second finds the first's link)."""
    koppeling = IdpKoppeling.objects.select_related("user").filter(issuer=issuer, sub=sub).first()
    if koppeling is not None:
        return koppeling.user
    User = get_user_model()
    for poging in range(2):
        naam = _gebruikersnaam(claims, sub)
        if poging:
            naam = f"{naam[:130]}-{hashlib.sha256(sub.encode()).hexdigest()[:8]}"
        try:
            with transaction.atomic():
                user = User(
                    username=naam,
                    email=str(claims.get("email") or "")[:254],
                    first_name=str(claims.get("given_name") or "")[:150],
                    last_name=str(claims.get("family_name") or "")[:150],
                )
                user.set_unusable_password()
                user.save()
                IdpKoppeling.objects.create(user=user, issuer=issuer, sub=sub)
                return user
        except IntegrityError:
            koppeling = IdpKoppeling.objects.select_related("user").filter(issuer=issuer, sub=sub)
            if koppeling.exists():
                return koppeling.get().user
    raise OidcGeweigerd("geen vrije gebruikersnaam")


def idp_account_bijwerken(*, user, claims: dict, request=None) -> None:
    """At every login: name and e-mail from the claims, roles exactly as the role claim maps
    them (added and removed), the staff flag gone with the beheerder role. One audit entry for
    the role change, with what was added and removed."""
    nieuw = rollen_uit_claims(claims)
    with transaction.atomic():
        velden = {
            "email": str(claims.get("email") or user.email)[:254],
            "first_name": str(claims.get("given_name") or user.first_name)[:150],
            "last_name": str(claims.get("family_name") or user.last_name)[:150],
        }
        gewijzigd = [veld for veld, waarde in velden.items() if getattr(user, veld) != waarde]
        for veld in gewijzigd:
            setattr(user, veld, velden[veld])
        if user.is_staff and not user.is_superuser and Rol.BEHEERDER not in nieuw:
            user.is_staff = False  # recorded by the account signals
            gewijzigd.append("is_staff")
        if gewijzigd:
            user.save(update_fields=gewijzigd)
        huidig = set(user.groups.filter(name__in=Rol.values).values_list("name", flat=True))
        erbij, eraf = nieuw - huidig, huidig - nieuw
        if erbij or eraf:
            with audit_stil():  # one entry below instead of one per membership
                user.groups.add(*(rol_groep(r) for r in sorted(erbij)))
                user.groups.remove(*(rol_groep(r) for r in sorted(eraf)))
            beveiligingslog_schrijven(
                soort=Soort.ROL_GEWIJZIGD,
                request=request,
                gebruiker=user,
                doel=user.get_username(),
                via="identity provider",
                toegevoegd=sorted(erbij),
                verwijderd=sorted(eraf),
            )
        user.__dict__.pop("_toezicht_rollen", None)
        IdpKoppeling.objects.filter(user=user).update(laatst_ingelogd=timezone.now())


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


# --- The authentication backend -----------------------------------------------------------------


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
