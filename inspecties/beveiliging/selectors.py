from django.contrib.sessions.models import Session
from django.utils import timezone

from inspecties.models import UserSessie
from inspecties.rollen import Rol, heeft_rol

ROLLEN_MET_TWEEDE_FACTOR = (Rol.INSPECTEUR, Rol.BEHEERDER, Rol.MEDEWERKER)


def tweede_factor_vereist(user) -> bool:
    """Inspecteurs, beheerders, medewerkers and anyone who can reach the admin need 2FA."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or heeft_rol(user, *ROLLEN_MET_TWEEDE_FACTOR)


def actieve_sessies(user):
    levend = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSessie.objects.filter(user=user, session_key__in=levend).order_by("-laatst_gezien")
