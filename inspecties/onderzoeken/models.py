"""Studies (onderzoeken) and what inspectors write in them: scores, findings, theme
conclusions, chapters, and the record of every workflow transition."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from gemeenten.models import Aanpak, Netwerkpartner
from toetsingskader.models import Indicator, Schaaloptie, Thema, Toetsingskader

# The years a study can be about, one rule for the model and every form that asks for a year.
JAAR_MIN, JAAR_MAX = 2000, 2100


class OnderzoekQuerySet(models.QuerySet):
    def gepubliceerd(self) -> "OnderzoekQuerySet":
        return self.filter(status=Onderzoek.Status.GEPUBLICEERD)

    def afgerond(self) -> "OnderzoekQuerySet":
        """Vastgesteld or published: what it says no longer changes (unless reopened)."""
        return self.filter(status__in=AFGEROND)

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
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(JAAR_MIN), MaxValueValidator(JAAR_MAX)]
    )
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
    def is_afgerond(self) -> bool:
        return self.status in AFGEROND

    @property
    def is_vervolg(self) -> bool:
        return self.soort == self.Soort.VERVOLGONDERZOEK

    @property
    def is_toezichtonderzoek(self) -> bool:
        return self.soort == self.Soort.TOEZICHTONDERZOEK


AFGEROND = (Onderzoek.Status.VASTGESTELD, Onderzoek.Status.GEPUBLICEERD)

# The study's own texts that inspectors write (which of them a soort shows: the form decides).
ONDERZOEK_TEKSTVELDEN = (
    "titel",
    "samenvatting",
    "inleiding",
    "context",
    "aanpak_beschrijving",
    "ontwikkeling",
    "oordeel",
    "kansen",
    "bronnen",
)
ONDERZOEK_TEKSTEN = (*ONDERZOEK_TEKSTVELDEN, "presentatiedatum", "voortgang_deadline")


def gescoord(via: str = "") -> models.Q:
    """A scored Beoordeling: an option chosen, or marked niet getoetst (the database side of
    Beoordeling.is_gescoord). `via` is the path to it, e.g. "beoordelingen__" from a study."""
    return models.Q(**{f"{via}optie__isnull": False}) | models.Q(**{f"{via}niet_getoetst": True})


class BeoordelingQuerySet(models.QuerySet):
    def gescoord(self) -> "BeoordelingQuerySet":
        return self.filter(gescoord())


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

    objects = BeoordelingQuerySet.as_manager()

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
