from django.apps import AppConfig
from django.db.models.signals import post_migrate


def beheerder_rechten_geven(sender, **kwargs) -> None:
    """The beheerder role maintains frameworks, gemeenten, users and roles in the admin.

    Runs after every migrate (and after a test flush), when Django has made the permissions.
    """
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    from inspecties.beveiliging.rollen import Rol, rol_groep

    rechten = Permission.objects.filter(
        Q(content_type__app_label__in=["gemeenten", "toetsingskader"])
        | Q(content_type__app_label="auth", content_type__model__in=["user", "group"])
        | Q(
            content_type__app_label__in=["inspecties", "beveiliging", "rapporten"],
            codename__startswith="view_",
        )
    )
    rol_groep(Rol.BEHEERDER).permissions.add(*rechten)


class ToetsingskaderConfig(AppConfig):
    name = "toetsingskader"
    verbose_name = "Toetsingskaders"

    def ready(self) -> None:
        # Every app sends post_migrate after its permissions exist; adding again is harmless.
        post_migrate.connect(beheerder_rechten_geven, dispatch_uid="beheerder_rechten")
