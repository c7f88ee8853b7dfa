"""Writes for security: the audit log, user sessions, TOTP devices."""

from django.contrib.sessions.models import Session
from django.utils import timezone

from django_otp.plugins.otp_totp.models import TOTPDevice

from inspecties.models import BeveiligingsGebeurtenis, UserSessie

# Keys that must never end up in the audit log, whatever a caller passes.
VERBODEN_SLEUTELS = {"password", "wachtwoord", "password1", "password2", "token", "code", "inhoud"}


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


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


def totp_apparaat_voor_instellen(*, user) -> TOTPDevice:
    """The unconfirmed device a user is setting up (one at a time)."""
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return apparaat
