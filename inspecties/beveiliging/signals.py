"""Audit log and session bookkeeping hooked onto Django's and axes' signals."""

import threading
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.dispatch import receiver

from axes.signals import user_locked_out
from simple_history.models import HistoricalRecords

from gemeenten.models import Gemeente
from inspecties.beveiliging.models import BeveiligingsGebeurtenis, UserSessie
from inspecties.beveiliging.services import beveiligingslog_schrijven, sessie_registreren
from toetsingskader.models import Toetsingskader

Soort = BeveiligingsGebeurtenis.Soort
_staat = threading.local()


@contextmanager
def audit_stil():
    """No account entries while restoring a backup (loaddata sets users and memberships)."""
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
    # An identity-provider login (inspecties.beveiliging.oidc) says so.
    via = {"via": "identity provider"} if hasattr(user, "toezicht_id_token") else {}
    beveiligingslog_schrijven(soort=Soort.LOGIN, request=request, gebruiker=user, **via)


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
        # Why an identity-provider login was refused (set by inspecties.beveiliging.oidc).
        **getattr(request, "toezicht_inlog_details", {}),
    )


@receiver(user_locked_out, dispatch_uid="beveiliging_geblokkeerd")
def geblokkeerd(sender, request, username, ip_address, **kwargs):
    beveiligingslog_schrijven(
        soort=Soort.GEBLOKKEERD, request=request, gebruikersnaam=str(username or "")
    )


# --- Accounts: who may do what ---------------------------------------------------------------
#
# Recorded at the model layer, so that no path is missed: the user, group and gemeente forms of
# the admin, its bulk delete, Django's management commands, the shell and our own services all
# end in these saves. Only what really changed is recorded (m2m `set()` also sends signals with an
# empty set). The actor is the user of the request being handled, or nobody outside a request.
# Changes that are not model saves of these tables are logged where they are made: passwords
# set in the admin, second-factor devices and lockout resets (beveiliging.admin), the account
# pages (beveiliging.services).

User = get_user_model()
BEWAAKTE_VELDEN = ("is_active", "is_staff", "is_superuser")
ACTIES = {"post_add": "toegevoegd", "post_remove": "verwijderd", "post_clear": "verwijderd"}


def _stil() -> bool:
    return getattr(_staat, "stil", False)


def _log(soort, **details) -> None:
    beveiligingslog_schrijven(soort=soort, request=_huidig_verzoek(), **details)


def _recht(permissie) -> str:
    return f"{permissie.content_type.app_label}.{permissie.codename}"


@receiver(pre_save, sender=User, dispatch_uid="beveiliging_gebruiker_voor")
def gebruiker_voor_opslaan(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(BEWAAKTE_VELDEN):
        return  # e.g. last_login at every login
    instance._audit_voor = User.objects.filter(pk=instance.pk).values(*BEWAAKTE_VELDEN).first()


@receiver(post_save, sender=User, dispatch_uid="beveiliging_gebruiker")
def gebruiker_opgeslagen(sender, instance, created, raw=False, **kwargs):
    voor = instance.__dict__.pop("_audit_voor", None)
    if raw or _stil():
        return
    if created:
        _log(
            Soort.GEBRUIKER_AANGEMAAKT,
            doel=instance.get_username(),
            **{veld: getattr(instance, veld) for veld in BEWAAKTE_VELDEN},
        )
        return
    if not voor:
        return
    wijzigingen = {
        veld: [voor[veld], getattr(instance, veld)]
        for veld in BEWAAKTE_VELDEN
        if voor[veld] != getattr(instance, veld)
    }
    if wijzigingen:
        _log(Soort.GEBRUIKER_GEWIJZIGD, doel=instance.get_username(), wijzigingen=wijzigingen)


@receiver(pre_delete, sender=User, dispatch_uid="beveiliging_gebruiker_weg")
def gebruiker_verwijderd(sender, instance, **kwargs):
    if _stil():
        return
    _log(
        Soort.GEBRUIKER_VERWIJDERD,
        doel=instance.get_username(),
        rollen=sorted(instance.groups.values_list("name", flat=True)),
        gemeenten=sorted(instance.gemeenten.values_list("naam", flat=True)),
        is_superuser=instance.is_superuser,
    )


def _koppelingen(*, instance, action, reverse, model, pk_set, vooruit: str, terug: str):
    """(forward object, related objects) pairs that really changed, or [] for nothing.

    `vooruit`/`terug`: the related manager on the forward and on the reverse side."""
    if action in ("pre_clear", "pre_remove"):
        # remove() reports every id it was given, linked or not: keep those that are linked.
        manager = getattr(instance, terug if reverse else vooruit)
        gekoppeld = set(manager.values_list("pk", flat=True))
        instance._audit_weg = gekoppeld if action == "pre_clear" else gekoppeld & set(pk_set)
        return []
    if action in ("post_clear", "post_remove"):
        pk_set = instance.__dict__.pop("_audit_weg", set())
    if action not in ACTIES or not pk_set:
        return []
    anderen = list(model.objects.filter(pk__in=pk_set))
    if reverse:
        return [(ander, [instance]) for ander in anderen]
    return [(instance, anderen)]


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="beveiliging_rol")
def rol_gewijzigd(sender, instance, action, reverse, model, pk_set, **kwargs):
    paren = _koppelingen(
        instance=instance,
        action=action,
        reverse=reverse,
        model=model,
        pk_set=pk_set,
        vooruit="groups",
        terug="user_set",
    )
    if _stil():
        return
    for gebruiker, groepen in paren:
        _log(
            Soort.ROL_GEWIJZIGD,
            doel=gebruiker.get_username(),
            actie=ACTIES[action],
            rollen=sorted(g.name for g in groepen),
        )


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="beveiliging_recht")
def recht_van_gebruiker_gewijzigd(sender, instance, action, reverse, model, pk_set, **kwargs):
    paren = _koppelingen(
        instance=instance,
        action=action,
        reverse=reverse,
        model=model,
        pk_set=pk_set,
        vooruit="user_permissions",
        terug="user_set",
    )
    if _stil():
        return
    for gebruiker, rechten in paren:
        _log(
            Soort.RECHTEN_GEWIJZIGD,
            doel=gebruiker.get_username(),
            actie=ACTIES[action],
            rechten=sorted(_recht(r) for r in rechten),
        )


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="beveiliging_groepsrecht")
def recht_van_groep_gewijzigd(sender, instance, action, reverse, model, pk_set, **kwargs):
    paren = _koppelingen(
        instance=instance,
        action=action,
        reverse=reverse,
        model=model,
        pk_set=pk_set,
        vooruit="permissions",
        terug="group_set",
    )
    if _stil():
        return
    for groep, rechten in paren:
        _log(
            Soort.RECHTEN_GEWIJZIGD,
            groep=groep.name,
            actie=ACTIES[action],
            rechten=sorted(_recht(r) for r in rechten),
        )


@receiver(pre_save, sender=Group, dispatch_uid="beveiliging_groep_voor")
def groep_voor_opslaan(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk is not None:
        instance._audit_naam = (
            Group.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        )


@receiver(post_save, sender=Group, dispatch_uid="beveiliging_groep")
def groep_opgeslagen(sender, instance, created, raw=False, **kwargs):
    oud = instance.__dict__.pop("_audit_naam", None)
    if raw or _stil() or created or oud is None or oud == instance.name:
        return
    _log(Soort.RECHTEN_GEWIJZIGD, groep=oud, actie="hernoemd", nieuwe_naam=instance.name)


@receiver(pre_delete, sender=Group, dispatch_uid="beveiliging_groep_weg")
def groep_verwijderd(sender, instance, **kwargs):
    if _stil():
        return
    _log(
        Soort.RECHTEN_GEWIJZIGD,
        groep=instance.name,
        actie="groep verwijderd",
        leden=sorted(instance.user_set.values_list("username", flat=True)),
    )


@receiver(m2m_changed, sender=Gemeente.gebruikers.through, dispatch_uid="beveiliging_gemeente")
def gemeente_koppeling_gewijzigd(sender, instance, action, reverse, model, pk_set, **kwargs):
    paren = _koppelingen(
        instance=instance,
        action=action,
        reverse=reverse,
        model=model,
        pk_set=pk_set,
        vooruit="gebruikers",
        terug="gemeenten",
    )
    if _stil():
        return
    # Forward side is the gemeente; the entry is about each user.
    per_gebruiker: dict = {}
    for gemeente, gebruikers in paren:
        for gebruiker in gebruikers:
            per_gebruiker.setdefault(gebruiker, []).append(gemeente)
    for gebruiker, gemeenten in per_gebruiker.items():
        _log(
            Soort.GEMEENTE_KOPPELING,
            doel=gebruiker.get_username(),
            actie="gekoppeld" if action == "post_add" else "ontkoppeld",
            gemeenten=sorted(g.naam for g in gemeenten),
        )


@receiver(pre_delete, sender=Gemeente, dispatch_uid="beveiliging_gemeente_weg")
def gemeente_verwijderd(sender, instance, **kwargs):
    if _stil():
        return
    for gebruiker in instance.gebruikers.all():
        _log(
            Soort.GEMEENTE_KOPPELING,
            doel=gebruiker.get_username(),
            actie="ontkoppeld",
            gemeenten=[instance.naam],
            reden="gemeente verwijderd",
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
