"""Writes for security: the audit log, user sessions, TOTP devices."""

import json
import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from django_otp.plugins.otp_totp.models import TOTPDevice

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, UserSessie
from inspecties.beveiliging.netwerk import client_ip
from inspecties.fouten import ToezichtFout

Soort = BeveiligingsGebeurtenis.Soort

# Session keys: when the user logged in and was last active (Unix time), and the mark a session
# ended for age or idleness leaves in the fresh anonymous session: {"gebruiker": pk, "reden": ...}.
INGELOGD_OM = "toezicht_ingelogd_om"
LAATST_ACTIEF = "toezicht_laatst_actief"
SESSIE_VERLOPEN = "toezicht_sessie_verlopen"
# What a user typed when their session had expired (kept by inspecties.onderzoeken.views.pagina for the scoring page).
BEWAARDE_INVOER = "toezicht_bewaarde_invoer"

# Keys that must never end up in the audit log, whatever a caller passes.
VERBODEN_SLEUTELS = {"password", "wachtwoord", "password1", "password2", "token", "code", "inhoud"}


class TweedeFactorFout(ToezichtFout):
    """A second-factor action that cannot go ahead; the message is Dutch, for the user."""


class TeVeelPogingen(TweedeFactorFout):
    def __init__(self, seconden: int):
        self.seconden = seconden
        eenheid = "seconde" if seconden == 1 else "seconden"
        super().__init__(f"Te veel onjuiste codes. Probeer het over {seconden} {eenheid} opnieuw.")


def beveiligingslog_schrijven(
    *, soort: str, request=None, gebruiker=None, gebruikersnaam: str = "", **details
) -> BeveiligingsGebeurtenis:
    """Record one security event. `details` must be JSON-serialisable metadata only."""
    if gebruiker is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            gebruiker = user
    if gebruiker is not None and not gebruikersnaam:
        gebruikersnaam = gebruiker.get_username()
    schoon = {k: v for k, v in details.items() if k.lower() not in VERBODEN_SLEUTELS}
    return BeveiligingsGebeurtenis.objects.create(
        soort=soort,
        gebruiker=gebruiker,
        gebruikersnaam=(gebruikersnaam or "")[:150],
        ip=client_ip(request),
        pad=(request.get_full_path()[:500] if request is not None else ""),
        details=schoon,
    )


def toegang_geweigerd_loggen(request, **details) -> BeveiligingsGebeurtenis:
    """For views that answer 403/404 to hide something (e.g. a download of another
    municipality's file): call this before raising."""
    return beveiligingslog_schrijven(
        soort=BeveiligingsGebeurtenis.Soort.TOEGANG_GEWEIGERD, request=request, **details
    )


def sessie_registreren(*, request, user) -> None:
    """At login: note the moment (the absolute session limit counts from here) and the session.

    Input kept from another user's expired session in this browser is dropped."""
    verlopen = request.session.pop(SESSIE_VERLOPEN, None)
    if verlopen and verlopen.get("gebruiker") != user.pk:
        request.session.pop(BEWAARDE_INVOER, None)
    nu = time.time()
    request.session[INGELOGD_OM] = nu
    request.session[LAATST_ACTIEF] = nu
    sleutel = request.session.session_key
    if not sleutel:
        request.session.save()
        sleutel = request.session.session_key
    UserSessie.objects.update_or_create(
        session_key=sleutel,
        defaults={
            "user": user,
            "ip": client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
            "laatst_gezien": timezone.now(),
        },
    )


def sessie_sleutel_vervangen(*, oud: str | None, nieuw: str | None) -> None:
    if oud and nieuw and oud != nieuw:
        UserSessie.objects.filter(session_key=oud).update(session_key=nieuw)


def sessies_beeindigen(*, user, behalve: str | None = None, sessie_ids=None) -> int:
    """End the user's sessions (all but `behalve`, or only `sessie_ids`): the session rows go,
    so those browsers are logged out on their next request."""
    sessies = UserSessie.objects.filter(user=user)
    if behalve:
        sessies = sessies.exclude(session_key=behalve)
    if sessie_ids is not None:
        sessies = sessies.filter(pk__in=sessie_ids)
    sleutels = list(sessies.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=sleutels).delete()
    sessies.delete()
    return len(sleutels)


def sessie_verlopen_beeindigen(*, request, reden: str) -> None:
    """End a logged-in session that passed its absolute or idle limit (see SessieDuurMiddleware).

    The browser gets a fresh anonymous session that only carries the mark "expired for user X",
    so the login page can say why and the scoring page may keep what was being typed."""
    user = request.user
    beveiligingslog_schrijven(soort=Soort.SESSIE_VERLOPEN, request=request, reden=reden)
    UserSessie.objects.filter(session_key=request.session.session_key).delete()
    request.session.flush()
    request.user = AnonymousUser()
    request.session[SESSIE_VERLOPEN] = {"gebruiker": user.pk, "reden": reden}


def invoer_bij_verlopen_sessie_bewaren(*, request, invoer: dict) -> bool:
    """Keep what a user typed when their session had just ended (the scoring page shows it again
    after login). Only for a session that carries the mark of an ended login, and only up to
    BEWAARDE_INVOER_MAX_BYTES: anonymous requests cannot fill the sessions table."""
    verlopen = request.session.get(SESSIE_VERLOPEN)
    if not verlopen:
        return False
    if len(json.dumps(invoer).encode()) > settings.BEWAARDE_INVOER_MAX_BYTES:
        request.session.pop(BEWAARDE_INVOER, None)
        messages.warning(
            request,
            "Uw sessie was verlopen en uw invoer was te groot om te bewaren. Log opnieuw in en "
            "vul die opnieuw in.",
        )
        return False
    request.session[BEWAARDE_INVOER] = {**invoer, "gebruiker": verlopen.get("gebruiker")}
    messages.info(
        request,
        "Wat u invulde is niet opgeslagen maar wel bewaard: na het inloggen ziet u het terug.",
    )
    return True


def sessie_activiteit_noteren(*, request, nu: float) -> None:
    request.session[LAATST_ACTIEF] = nu
    if request.session.session_key:
        UserSessie.objects.filter(session_key=request.session.session_key).update(
            laatst_gezien=timezone.now()
        )


def sessie_sleutel_wisselen(*, request) -> None:
    """A new session key, same data (after the second factor passes): a key fixed or seen
    before that moment is worth nothing afterwards."""
    oud = request.session.session_key
    request.session.cycle_key()
    sessie_sleutel_vervangen(oud=oud, nieuw=request.session.session_key)


# --- The second factor ---------------------------------------------------------------------------
#
# django-otp throttles per device: after n wrong codes a device refuses every code for 2^(n-1)
# seconds (OTP_TOTP_THROTTLE_FACTOR), and codes refused that way are not checked at all. We keep
# that, but for the user as a whole: every device of the user is locked (select_for_update, so
# parallel requests queue instead of each checking a guess), a wrong code counts on all of them,
# and a user with a locked device gets no code checked anywhere. Otherwise a new device being set
# up would start with a clean count next to a locked one.


def totp_apparaat_voor_instellen(*, user) -> TOTPDevice:
    """The unconfirmed device a user is setting up (one at a time)."""
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return apparaat


def _wachttijd(apparaten) -> int:
    """Seconds until a code may be checked again (0: now)."""
    tot = None
    for apparaat in apparaten:
        mag, info = apparaat.verify_is_allowed()
        if not mag and info and info.get("locked_until"):
            tot = info["locked_until"] if tot is None else max(tot, info["locked_until"])
    if tot is None:
        return 0
    return max(1, math.ceil((tot - timezone.now()).total_seconds()))


def _code_controleren(*, user, code: str, kandidaten) -> tuple[TOTPDevice | None, int]:
    """Check `code` against `kandidaten` (devices of `user`), throttled for the user as a whole.
    Returns (the device that accepted it or None, seconds to wait). Call inside
    transaction.atomic(), and raise only after it: the failure count must stay written."""
    alle = list(TOTPDevice.objects.select_for_update().filter(user=user).order_by("pk"))
    per_pk = {a.pk: a for a in alle}
    wacht = _wachttijd(alle)
    if wacht:
        return None, wacht
    pogingen = max((a.throttling_failure_count for a in alle), default=0)
    for kandidaat in kandidaten:
        apparaat = per_pk.get(kandidaat.pk)
        if apparaat is not None and apparaat.verify_token(code):
            for ander in alle:
                if ander is not apparaat and ander.throttling_failure_count:
                    ander.throttle_reset()
            return apparaat, 0
    nu = timezone.now()
    for apparaat in alle:
        apparaat.throttling_failure_count = pogingen + 1
        apparaat.throttling_failure_timestamp = nu
        apparaat.save(update_fields=["throttling_failure_count", "throttling_failure_timestamp"])
    return None, 0


def _afgewezen(*, request, user, wacht: int):
    """The error for a refused code, logged."""
    beveiligingslog_schrijven(
        soort=Soort.TWEEDE_FACTOR_MISLUKT,
        request=request,
        gebruiker=user,
        **({"geblokkeerd": True} if wacht else {}),
    )
    if wacht:
        return TeVeelPogingen(wacht)
    return TweedeFactorFout("Deze code klopt niet. Probeer de volgende code uit de app.")


def tweede_factor_verifieren(*, request, user, code: str) -> TOTPDevice:
    """After the password: the code of one of the user's confirmed devices."""
    with transaction.atomic():
        apparaten = TOTPDevice.objects.filter(user=user, confirmed=True)
        apparaat, wacht = _code_controleren(user=user, code=code, kandidaten=apparaten)
    if apparaat is None:
        raise _afgewezen(request=request, user=user, wacht=wacht)
    beveiligingslog_schrijven(
        soort=Soort.TWEEDE_FACTOR_GESLAAGD, request=request, gebruiker=user, apparaat=apparaat.name
    )
    return apparaat


def tweede_factor_instellen(*, request, user, apparaat: TOTPDevice, code: str) -> TOTPDevice:
    """The first second factor of a user: refused while they have a confirmed one (that one is
    replaced on the account page, with a verified session and the password)."""
    with transaction.atomic():
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise TweedeFactorFout(
                "U heeft al een tweede factor. Vul de code daarvan in; vervangen kan daarna onder "
                "Account → Tweede factor."
            )
        apparaat, wacht = _code_controleren(user=user, code=code, kandidaten=[apparaat])
        if apparaat is not None:
            apparaat.confirmed = True
            apparaat.save(update_fields=["confirmed"])
    if apparaat is None:
        raise _afgewezen(request=request, user=user, wacht=wacht)
    beveiligingslog_schrijven(
        soort=Soort.TWEEDE_FACTOR_INGESTELD, request=request, gebruiker=user, apparaat=apparaat.name
    )
    return apparaat


def tweede_factor_vervangen(
    *, request, user, vervangt: TOTPDevice, nieuw: TOTPDevice, code: str
) -> TOTPDevice:
    """Replace a confirmed device by the new one the user just scanned. The caller has checked
    the verified session and the password again."""
    if vervangt.user_id != user.pk or not vervangt.confirmed or nieuw.user_id != user.pk:
        raise TweedeFactorFout("Dit apparaat hoort niet bij uw account.")
    naam = vervangt.name
    with transaction.atomic():
        apparaat, wacht = _code_controleren(user=user, code=code, kandidaten=[nieuw])
        if apparaat is not None:
            apparaat.confirmed = True
            apparaat.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(pk=vervangt.pk, user=user).delete()
    if apparaat is None:
        raise _afgewezen(request=request, user=user, wacht=wacht)
    beveiligingslog_schrijven(
        soort=Soort.TWEEDE_FACTOR_VERVANGEN,
        request=request,
        gebruiker=user,
        apparaat=apparaat.name,
        vervangen=naam,
    )
    return apparaat


def tweede_factor_verwijderen(*, request, user, apparaat: TOTPDevice) -> None:
    """Remove one of the user's devices. The caller has checked the verified session and the
    password again."""
    with transaction.atomic():
        if apparaat.user_id != user.pk:
            raise TweedeFactorFout("Dit apparaat hoort niet bij uw account.")
        naam = apparaat.name
        apparaat.delete()
    beveiligingslog_schrijven(
        soort=Soort.TWEEDE_FACTOR_VERWIJDERD, request=request, gebruiker=user, apparaat=naam
    )
