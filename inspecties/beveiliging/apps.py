from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BeveiligingConfig(AppConfig):
    """Accounts and security: roles, the second factor, sessions, single sign-on and the audit
    log (issue 7), with their models (BeveiligingsGebeurtenis, UserSessie, IdpKoppeling)."""

    name = "inspecties.beveiliging"
    label = "beveiliging"
    verbose_name = "Beveiliging"

    def ready(self):
        from inspecties.beveiliging import signals  # noqa: F401  (audit log receivers)
        from inspecties.beveiliging.oidc import provider  # noqa: F401  (its system checks)
        from inspecties.beveiliging.rollen import rollen_rechten_geven

        # Every app sends post_migrate once its permissions exist; adding again is harmless.
        post_migrate.connect(rollen_rechten_geven, dispatch_uid="rollen_rechten_geven")
