"""The account an identity-provider login maps to, and its roles from the provider's claims."""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, IdpKoppeling
from inspecties.beveiliging.rollen import INTERN, Rol, rol_groep
from inspecties.beveiliging.services import beveiligingslog_schrijven
from inspecties.beveiliging.signals import audit_stil

Soort = BeveiligingsGebeurtenis.Soort


# Roles an identity provider may hand out. Never gemeente: municipal users have local accounts.
IDP_ROLLEN = frozenset(INTERN)


# Request attribute: details of a refused OIDC login for the audit entry of the failed login.
INLOG_DETAILS = "toezicht_inlog_details"


class OidcGeweigerd(SuspiciousOperation):
    """A login through the identity provider that we refuse; `reden` goes to the audit log."""

    def __init__(self, reden: str):
        self.reden = reden
        super().__init__(reden)


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


def _gebruikersnaam(claims: dict, sub: str) -> str:
    """A readable username that is not taken yet; a suffix from `sub` when the name is."""
    basis = str(claims.get("preferred_username") or claims.get("email") or f"idp-{sub}").strip()[
        :130
    ]
    User = get_user_model()
    if not User.objects.filter(username__iexact=basis).exists():
        return basis
    return f"{basis}-{hashlib.sha256(sub.encode()).hexdigest()[:8]}"


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
