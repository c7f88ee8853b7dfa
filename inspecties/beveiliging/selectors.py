from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspecties.beveiliging.browsers import omschrijving
from inspecties.beveiliging.models import UserSessie
from inspecties.beveiliging.rollen import INTERN, heeft_rol

ROLLEN_MET_TWEEDE_FACTOR = INTERN  # the inspectorates' own staff


def tweede_factor_vereist(user) -> bool:
    """Inspecteurs, beheerders, medewerkers and anyone who can reach the admin need 2FA."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or heeft_rol(user, *ROLLEN_MET_TWEEDE_FACTOR)


def tweede_factor_gevraagd(user) -> bool:
    """Whether the user must pass a second factor after the password: their role requires one,
    or they set one up themselves (a gemeente user's own factor is asked for as well)."""
    if not user.is_authenticated:
        return False
    return tweede_factor_vereist(user) or user_has_device(user, confirmed=True)


def tweede_factor_apparaten(*, user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def actieve_sessies(user):
    """The user's sessions that have neither expired nor passed the absolute or idle limit."""
    nu = timezone.now()
    levend = Session.objects.filter(expire_date__gt=nu).values("session_key")
    return UserSessie.objects.filter(
        user=user,
        session_key__in=levend,
        aangemaakt__gt=nu - timedelta(hours=settings.SESSIE_MAX_UREN),
        laatst_gezien__gt=nu - timedelta(minutes=settings.SESSIE_INACTIEF_MINUTEN),
    ).order_by("-laatst_gezien")


def sessies_beschreven(user) -> list[UserSessie]:
    """The active sessions, each with `apparaat`: its browser and system in words."""
    sessies = list(actieve_sessies(user))
    for sessie in sessies:
        sessie.apparaat = omschrijving(sessie.user_agent)
    return sessies


def eigen_sessies(*, user):
    """Every session row of the user, expired or not (the ones a user may end)."""
    return UserSessie.objects.filter(user=user)
