import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from gemeenten.models import Aanpak, Netwerkpartner
from toetsingskader.models import Indicator, Schaaloptie, Thema, Toetsingskader


class OnderzoekQuerySet(models.QuerySet):
    def gepubliceerd(self) -> "OnderzoekQuerySet":
        return self.filter(status=Onderzoek.Status.GEPUBLICEERD)

    def voor_gemeenten(self, gemeenten) -> "OnderzoekQuerySet":
        return self.filter(aanpak__gemeente__in=gemeenten)


class Onderzoek(models.Model):
    """One inspection of one approach at one time, scored on one framework version."""

    class Soort(models.TextChoices):
        BELEIDSTOETS = "beleidstoets", _("Beleidstoets")
        VERVOLGONDERZOEK = "vervolgonderzoek", _("Vervolgonderzoek")
        TOEZICHTONDERZOEK = "toezichtonderzoek", _("Toezichtonderzoek")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        TER_REVIEW = "ter_review", _("Ter review")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")

    aanpak = models.ForeignKey(
        Aanpak, verbose_name=_("aanpak"), on_delete=models.PROTECT, related_name="onderzoeken"
    )
    kader = models.ForeignKey(
        Toetsingskader,
        verbose_name=_("toetsingskader"),
        on_delete=models.PROTECT,
        related_name="onderzoeken",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort)
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.CONCEPT)
    inspecteurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspecteurs"),
        related_name="onderzoeken",
        blank=True,
    )
    vorig_onderzoek = models.ForeignKey(
        "self",
        verbose_name=_("vorig onderzoek"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervolgonderzoeken",
        help_text=_(
            "Bij een vervolgonderzoek: het eerdere onderzoek waarvan de verbeterpunten "
            "opnieuw worden getoetst."
        ),
    )
    respondenten = models.ManyToManyField(
        Netwerkpartner,
        verbose_name=_("netwerkpartners die de vragenlijst invulden"),
        related_name="onderzoeken",
        blank=True,
    )
    inleiding = models.TextField(_("inleiding"), blank=True)
    context = models.TextField(_("context van de gemeente"), blank=True)
    aanpak_beschrijving = models.TextField(_("beschrijving van de aanpak"), blank=True)
    ontwikkeling = models.TextField(
        _("ontwikkeling"),
        blank=True,
        help_text=_("Bij een vervolgonderzoek: wat er sinds het vorige onderzoek is veranderd."),
    )
    presentatiedatum = models.DateField(
        _("presentatiedatum"),
        null=True,
        blank=True,
        help_text=_("De datum waarop de gemeente haar voortgang presenteerde."),
    )
    # The onderzoeksrapport of a toezichtonderzoek: a narrative report with an overall judgement.
    titel = models.CharField(
        _("titel van het rapport"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bijvoorbeeld ‘Toezicht wijkteams: Zorg en ondersteuning aan kwetsbare gezinnen’."
        ),
    )
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    oordeel = models.TextField(
        _("oordeel"), blank=True, help_text=_("Het eindoordeel van de inspecties, alles overziend.")
    )
    kansen = models.TextField(_("kansen"), blank=True)
    bronnen = models.TextField(
        _("geraadpleegde bronnen"),
        blank=True,
        help_text=_(
            "Eén bron per regel: het aantal en wie, bijvoorbeeld ‘9 jeugdprofessionals CJG’."
        ),
    )
    publicatiedatum = models.DateField(_("publicatiedatum"), null=True, blank=True)
    voortgang_deadline = models.DateField(
        _("voortgangsrapportage uiterlijk"),
        null=True,
        blank=True,
        help_text=_("Wanneer de gemeente haar voortgangsrapportage moet sturen."),
    )
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    objects = OnderzoekQuerySet.as_manager()

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        ordering = ["-jaar", "aanpak__gemeente__naam", "aanpak__naam"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        soort__in=["beleidstoets", "toezichtonderzoek"],
                        vorig_onderzoek__isnull=True,
                    )
                    | models.Q(soort="vervolgonderzoek", vorig_onderzoek__isnull=False)
                ),
                name="inspecties_vervolg_heeft_vorig_onderzoek",
                violation_error_message=_(
                    "Een vervolgonderzoek hoort bij een eerder onderzoek; een beleidstoets of "
                    "toezichtonderzoek niet."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(vorig_onderzoek=models.F("id")),
                name="inspecties_vorig_onderzoek_niet_zichzelf",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.aanpak.gemeente.naam} – {self.aanpak.naam} ({self.jaar})"

    @property
    def is_bewerkbaar(self) -> bool:
        return self.status in (self.Status.CONCEPT,)

    @property
    def is_vervolg(self) -> bool:
        return self.soort == self.Soort.VERVOLGONDERZOEK

    @property
    def is_toezichtonderzoek(self) -> bool:
        return self.soort == self.Soort.TOEZICHTONDERZOEK


class Bevinding(models.Model):
    """A written finding; one finding may cover several indicators of one criterion."""

    onderzoek = models.ForeignKey(
        Onderzoek, verbose_name=_("onderzoek"), on_delete=models.CASCADE, related_name="bevindingen"
    )
    tekst = models.TextField(_("bevinding"), blank=True)
    let_op = models.TextField(
        _("LET OP"), blank=True, help_text=_("Een opmerking die ook bij een √ aandacht vraagt.")
    )
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    class Meta:
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        ordering = ["onderzoek", "id"]

    def __str__(self) -> str:
        return self.tekst[:80] or str(_("(lege bevinding)"))


class Beoordeling(models.Model):
    """The score of one indicator in one study: an option of the framework's scale."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="beoordelingen",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    optie = models.ForeignKey(
        Schaaloptie,
        verbose_name=_("oordeel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    niet_getoetst = models.BooleanField(_("niet getoetst"), default=False)
    bevinding = models.ForeignKey(
        Bevinding,
        verbose_name=_("bevinding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="beoordelingen",
    )
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = [
            "onderzoek",
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["onderzoek", "indicator"],
                name="inspecties_een_beoordeling_per_indicator",
                violation_error_message=_("Deze indicator is in dit onderzoek al beoordeeld."),
            ),
            models.CheckConstraint(
                condition=~models.Q(optie__isnull=False, niet_getoetst=True),
                name="inspecties_oordeel_of_niet_getoetst",
                violation_error_message=_("Kies een oordeel of ‘niet getoetst’, niet allebei."),
            ),
        ]

    def __str__(self) -> str:
        if self.niet_getoetst:
            oordeel = _("niet getoetst")
        else:
            oordeel = self.optie.symbool if self.optie_id else "–"
        return f"{self.indicator} : {oordeel}"

    @property
    def is_gescoord(self) -> bool:
        return self.optie_id is not None or self.niet_getoetst


class ThemaConclusie(models.Model):
    onderzoek = models.ForeignKey(
        Onderzoek, verbose_name=_("onderzoek"), on_delete=models.CASCADE, related_name="conclusies"
    )
    thema = models.ForeignKey(
        Thema, verbose_name=_("thema"), on_delete=models.PROTECT, related_name="+"
    )
    gaat_goed = models.TextField(_("Wat gaat goed?"), blank=True)
    kan_beter = models.TextField(_("Wat kan beter?"), blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    class Meta:
        verbose_name = _("conclusie per thema")
        verbose_name_plural = _("conclusies per thema")
        ordering = ["onderzoek", "thema__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["onderzoek", "thema"],
                name="inspecties_een_conclusie_per_thema",
                violation_error_message=_("Dit thema heeft in dit onderzoek al een conclusie."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.thema} – {self.onderzoek}"


class Hoofdstuk(models.Model):
    """A chapter of an onderzoeksrapport: one subject the inspectors examined, from what they
    expect to what they conclude (e.g. ‘Eén Gezin’, ‘Eén Plan’, ‘Eén Regisseur’)."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="hoofdstukken",
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    titel = models.CharField(_("titel"), max_length=200)
    verwachting = models.TextField(
        _("verwachting"), blank=True, help_text=_("Wat de inspecties verwachten, uit het kader.")
    )
    beleid = models.TextField(_("beleid"), blank=True)
    bevindingen = models.TextField(_("bevindingen inspecties"), blank=True)
    risicos = models.TextField(_("risico's"), blank=True)
    verklaringen = models.TextField(_("verklaringen"), blank=True)
    conclusie = models.TextField(_("conclusie"), blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    TEKSTEN = (
        "titel",
        "verwachting",
        "beleid",
        "bevindingen",
        "risicos",
        "verklaringen",
        "conclusie",
    )

    class Meta:
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")
        ordering = ["onderzoek", "volgorde", "id"]

    def __str__(self) -> str:
        return f"{self.titel} – {self.onderzoek}"


class StatusWijziging(models.Model):
    """Every workflow transition: who moved the study, from what to what, when and why."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="statuswijzigingen",
    )
    van = models.CharField(_("van"), max_length=20, choices=Onderzoek.Status)
    naar = models.CharField(_("naar"), max_length=20, choices=Onderzoek.Status)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)
    reden = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["onderzoek", "op", "id"]

    def __str__(self) -> str:
        return f"{self.onderzoek}: {self.get_van_display()} → {self.get_naar_display()}"


def voortgangsrapportage_pad(instance, filename: str) -> str:
    """A random name: the original file name is only kept for display."""
    return f"voortgang/{instance.onderzoek_id}/{uuid.uuid4().hex}"


class Voortgangsrapportage(models.Model):
    """A progress report the municipality uploads; never changed once submitted."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.PROTECT,
        related_name="voortgangsrapportages",
    )
    bestand = models.FileField(_("bestand"), upload_to=voortgangsrapportage_pad, max_length=200)
    oorspronkelijke_naam = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255)
    inhoudstype = models.CharField(_("inhoudstype"), max_length=100)
    grootte = models.PositiveBigIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    bericht = models.TextField(_("bericht aan de inspecteurs"), blank=True, max_length=2000)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    gelezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gelezen door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        ordering = ["-ingediend_op", "-id"]

    def __str__(self) -> str:
        return f"{self.oorspronkelijke_naam} ({self.onderzoek})"


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
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        ordering = ["-laatst_gezien"]

    def __str__(self) -> str:
        return f"{self.user} ({self.ip or '?'})"
