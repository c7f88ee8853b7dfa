"""The four roles of Toezicht, kept as Django auth groups, and the checks views use."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    INSPECTEUR = "inspecteur", _("Inspecteur")
    BEHEERDER = "beheerder", _("Beheerder")
    MEDEWERKER = "medewerker", _("Medewerker")
    GEMEENTE = "gemeente", _("Gemeente")


# The inspectorates' own staff, as against the municipalities.
INTERN = (Rol.INSPECTEUR, Rol.BEHEERDER, Rol.MEDEWERKER)


def rollen_van(gebruiker) -> frozenset[str]:
    """The role names of a user, read once per request and cached on the user object."""
    if not gebruiker.is_authenticated:
        return frozenset()
    if not hasattr(gebruiker, "_toezicht_rollen"):
        namen = set(gebruiker.groups.values_list("name", flat=True))
        gebruiker._toezicht_rollen = frozenset(namen & set(Rol.values))
    return gebruiker._toezicht_rollen


def heeft_rol(gebruiker, *rollen: str) -> bool:
    return bool(rollen_van(gebruiker) & set(rollen))


def rol_vereist(*rollen: str) -> Callable:
    """Decorator: the user must be logged in and hold one of the roles, else 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not heeft_rol(request.user, *rollen):
                raise PermissionDenied(_("U heeft geen toegang tot deze pagina."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def rol_context(request) -> dict:
    rollen = rollen_van(request.user) if hasattr(request, "user") else frozenset()
    labels = [Rol(r).label for r in Rol.values if r in rollen]
    return {"mijn_rollen": rollen, "mijn_rollen_labels": labels}


def rol_groep(rol: str):
    """The auth group of a role, made by a migration; one a test's flush removed is made again,
    with the role's permissions."""
    from django.contrib.auth.models import Group

    groep, nieuw = Group.objects.get_or_create(name=rol)
    if nieuw:
        groep.permissions.add(*rol_rechten(rol))
    return groep


def rol_rechten(rol: str):
    """The model permissions a role holds: the beheerder maintains frameworks, gemeenten, users
    and roles in the admin and reads everything else there; the inspecteur reads frameworks
    (the framework diff page checks that permission); the others need none."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    if rol == Rol.BEHEERDER:
        return Permission.objects.filter(
            Q(content_type__app_label__in=["gemeenten", "toetsingskader"])
            | Q(content_type__app_label="auth", content_type__model__in=["user", "group"])
            | Q(
                content_type__app_label__in=["inspecties", "beveiliging", "rapporten"],
                codename__startswith="view_",
            )
        )
    if rol == Rol.INSPECTEUR:
        return Permission.objects.filter(
            content_type__app_label="toetsingskader", codename="view_toetsingskader"
        )
    return Permission.objects.none()


def rollen_rechten_geven(sender, **kwargs) -> None:
    """After every migrate, once an app's permissions exist: each role's group gets them
    (adding again is harmless). A group that is not there (a test's flush) is left to
    rol_groep, so restoring a test's saved database finds no group with another id."""
    from django.contrib.auth.models import Group

    for groep in Group.objects.filter(name__in=Rol.values):
        groep.permissions.add(*rol_rechten(groep.name))
