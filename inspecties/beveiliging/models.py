"""The security records: the audit log, users' sessions and identity-provider links.

They were made in the inspecties app; migration beveiliging/0001 took them over without touching
their tables (db_table keeps the names).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BeveiligingsGebeurtenis(models.Model):
    """One entry of the security audit log (issue 7). Never holds passwords or document contents.

    Written only through beveiliging.services.beveiligingslog_schrijven.
    """

    class Soort(models.TextChoices):
        LOGIN = "login", _("Ingelogd")
        LOGIN_MISLUKT = "login_mislukt", _("Inloggen mislukt")
        GEBLOKKEERD = "geblokkeerd", _("Geblokkeerd na mislukte pogingen")
        UITGELOGD = "uitgelogd", _("Uitgelogd")
        TWEEDE_FACTOR_INGESTELD = "2fa_ingesteld", _("Tweede factor ingesteld")
        TWEEDE_FACTOR_MISLUKT = "2fa_mislukt", _("Tweede factor onjuist")
        TWEEDE_FACTOR_GESLAAGD = "2fa_geslaagd", _("Tweede factor geslaagd")
        TWEEDE_FACTOR_VERVANGEN = "2fa_vervangen", _("Tweede factor vervangen")
        TWEEDE_FACTOR_VERWIJDERD = "2fa_verwijderd", _("Tweede factor verwijderd")
        WACHTWOORD_GEWIJZIGD = "wachtwoord_gewijzigd", _("Wachtwoord gewijzigd")
        SESSIE_BEEINDIGD = "sessie_beeindigd", _("Sessie beëindigd")
        SESSIE_VERLOPEN = "sessie_verlopen", _("Sessie verlopen")
        TOEGANG_GEWEIGERD = "toegang_geweigerd", _("Toegang geweigerd")
        DOWNLOAD = "download", _("Download")
        EXPORT = "export", _("Export")
        KADER_GEWIJZIGD = "kader_gewijzigd", _("Toetsingskader gewijzigd")
        GEBRUIKER_AANGEMAAKT = "gebruiker_aangemaakt", _("Gebruiker aangemaakt")
        GEBRUIKER_GEWIJZIGD = "gebruiker_gewijzigd", _("Rechten van gebruiker gewijzigd")
        GEBRUIKER_VERWIJDERD = "gebruiker_verwijderd", _("Gebruiker verwijderd")
        WACHTWOORD_INGESTELD = "wachtwoord_ingesteld", _("Wachtwoord ingesteld door beheerder")
        RECHTEN_GEWIJZIGD = "rechten_gewijzigd", _("Permissies gewijzigd")
        GEMEENTE_KOPPELING = "gemeente_koppeling", _("Koppeling gebruiker–gemeente gewijzigd")
        BLOKKADE_OPGEHEVEN = "blokkade_opgeheven", _("Blokkade opgeheven")
        ROL_GEWIJZIGD = "rol_gewijzigd", _("Rol gewijzigd")
        BEWAARTERMIJN = "bewaartermijn", _("Bewaartermijn toegepast")

    moment = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    pad = models.CharField(_("pad"), max_length=500, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        db_table = (
            "inspecties_beveiligingsgebeurtenis"  # made in the inspecties app, kept when moved here
        )
        verbose_name = _("beveiligingsgebeurtenis")
        verbose_name_plural = _("beveiligingslog")
        ordering = ["-moment", "-id"]

    def __str__(self) -> str:
        return f"{self.moment:%Y-%m-%d %H:%M:%S} {self.get_soort_display()} {self.gebruikersnaam}"


class UserSessie(models.Model):
    """A login session of a user, so they can see their active sessions and end the others."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="sessies",
    )
    session_key = models.CharField(_("sessiesleutel"), max_length=40, unique=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    laatst_gezien = models.DateTimeField(_("laatst gezien"), auto_now_add=True)

    class Meta:
        db_table = "inspecties_usersessie"  # made in the inspecties app, kept when moved here
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        ordering = ["-laatst_gezien"]

    def __str__(self) -> str:
        return f"{self.user} ({self.ip or '?'})"


class IdpKoppeling(models.Model):
    """The account a staff member's identity-provider login (OpenID Connect) maps to.

    Keyed on the issuer and the stable `sub` claim, never on an e-mail address or username: an
    identity-provider login can never take over a local account (issue 17)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="idp_koppeling",
    )
    issuer = models.CharField(_("identity provider (issuer)"), max_length=255)
    sub = models.CharField(_("kenmerk bij de identity provider (sub)"), max_length=255)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    laatst_ingelogd = models.DateTimeField(_("laatst ingelogd"), null=True, blank=True)

    class Meta:
        db_table = "inspecties_idpkoppeling"  # made in the inspecties app, kept when moved here
        verbose_name = _("koppeling met identity provider")
        verbose_name_plural = _("koppelingen met identity provider")
        ordering = ["user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "sub"], name="inspecties_een_account_per_idp_sub"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer})"
