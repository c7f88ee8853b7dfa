from django.apps import AppConfig


class BeveiligingConfig(AppConfig):
    """Accounts and security: 2FA flow, sessions, audit log, backups (issue 7). No models here:
    BeveiligingsGebeurtenis and UserSessie live in inspecties.models."""

    name = "inspecties.beveiliging"
    label = "beveiliging"
    verbose_name = "Beveiliging"

    def ready(self):
        from django.contrib import admin

        from django_otp.admin import OTPAdminSite

        from inspecties.beveiliging import oidc, signals  # noqa: F401  (signals, checks)

        # The Django admin (/beheer/) only lets in users who passed the second factor.
        admin.site.__class__ = OTPAdminSite
