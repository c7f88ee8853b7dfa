"""Audit log and session bookkeeping hooked onto Django's and axes' signals."""

import threading
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from axes.signals import user_locked_out
from simple_history.models import HistoricalRecords

from inspecties.beveiliging.services import beveiligingslog_schrijven, sessie_registreren
from inspecties.models import BeveiligingsGebeurtenis, UserSessie
from toetsingskader.models import Toetsingskader

Soort = BeveiligingsGebeurtenis.Soort
_staat = threading.local()


@contextmanager
def audit_stil():
    """No role-change entries while restoring a backup (loaddata sets group memberships)."""
    _staat.stil = True
    try:
        yield
    finally:
        _staat.stil = False


def _huidig_verzoek():
    """The request being handled, if any (simple_history keeps it in a thread-local)."""
    return getattr(HistoricalRecords.context, "request", None)


@receiver(user_logged_in, dispatch_uid="beveiliging_ingelogd")
def ingelogd(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    sessie_registreren(request=request, user=user)
    beveiligingslog_schrijven(soort=Soort.LOGIN, request=request, gebruiker=user)


@receiver(user_logged_out, dispatch_uid="beveiliging_uitgelogd")
def uitgelogd(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None:
        UserSessie.objects.filter(session_key=request.session.session_key).delete()
    if user is not None:
        beveiligingslog_schrijven(soort=Soort.UITGELOGD, request=request, gebruiker=user)


@receiver(user_login_failed, dispatch_uid="beveiliging_mislukt")
def inloggen_mislukt(sender, credentials, request=None, **kwargs):
    beveiligingslog_schrijven(
        soort=Soort.LOGIN_MISLUKT,
        request=request,
        gebruikersnaam=str(credentials.get("username", "")),
    )


@receiver(user_locked_out, dispatch_uid="beveiliging_geblokkeerd")
def geblokkeerd(sender, request, username, ip_address, **kwargs):
    beveiligingslog_schrijven(
        soort=Soort.GEBLOKKEERD, request=request, gebruikersnaam=str(username or "")
    )


@receiver(m2m_changed, sender=get_user_model().groups.through, dispatch_uid="beveiliging_rol")
def rol_gewijzigd(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or getattr(_staat, "stil", False):
        return
    verzoek = _huidig_verzoek()
    if reverse:  # group.user_set changed: instance is the group
        gebruikers = list(get_user_model().objects.filter(pk__in=pk_set or ()))
        groepen = [instance.name]
    else:
        gebruikers = [instance]
        groepen = list(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    for doel in gebruikers:
        beveiligingslog_schrijven(
            soort=Soort.ROL_GEWIJZIGD,
            request=verzoek,
            doel=doel.get_username(),
            actie={"post_add": "toegevoegd", "post_remove": "verwijderd"}.get(action, "gewist"),
            rollen=sorted(groepen),
        )


@receiver(post_save, sender=Toetsingskader, dispatch_uid="beveiliging_kader")
def kader_gewijzigd(sender, instance, created, raw=False, **kwargs):
    if raw:  # loaddata (restoring a backup) is not a change
        return
    beveiligingslog_schrijven(
        soort=Soort.KADER_GEWIJZIGD,
        request=_huidig_verzoek(),
        kader=str(instance.pk),
        omschrijving=str(instance)[:200],
        status=getattr(instance, "status", ""),
        nieuw=created,
    )
