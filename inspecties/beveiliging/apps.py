from django.apps import AppConfig


class BeveiligingConfig(AppConfig):
    """Accounts and security: roles, the second factor, sessions, single sign-on and the audit
    log (issue 7), with their models (BeveiligingsGebeurtenis, UserSessie, IdpKoppeling)."""

    name = "inspecties.beveiliging"
    label = "beveiliging"
    verbose_name = "Beveiliging"

    def ready(self):
        from django.contrib import admin

        from django_otp.admin import OTPAdminSite

        from inspecties.beveiliging import signals  # noqa: F401  (audit log receivers)
        from inspecties.beveiliging.oidc import provider  # noqa: F401  (its system checks)

        # The Django admin (/beheer/) only lets in users who passed the second factor.
        admin.site.__class__ = OTPAdminSite
