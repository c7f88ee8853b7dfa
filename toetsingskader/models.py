from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

SLEUTEL_HELP = _("Vaste sleutel die over versies heen gelijk blijft (kleine letters en streepjes).")


class Toetsingskader(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        VERVALLEN = "vervallen", _("Vervallen")

    sleutel = models.SlugField(_("sleutel"), max_length=80, help_text=SLEUTEL_HELP)
    versie = models.CharField(_("versie"), max_length=20)
    naam = models.CharField(_("naam"), max_length=200)
    uitgever = models.CharField(_("uitgever"), max_length=200, blank=True)
    definitie = models.TextField(_("definitie"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.CONCEPT)
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    voorganger = models.ForeignKey(
        "self",
        verbose_name=_("voorganger"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opvolgers",
        help_text=_("De versie waarvan deze versie een kopie is."),
    )
    bron_checksum = models.CharField(
        _("checksum van het bronbestand"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 van de geladen YAML, om herhaald laden te herkennen."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toetsingskader")
        verbose_name_plural = _("toetsingskaders")
        ordering = ["sleutel", "versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["sleutel", "versie"],
                name="toetsingskader_sleutel_versie_uniek",
                violation_error_message=_("Deze versie van dit toetsingskader bestaat al."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.versie})"

    @property
    def is_bewerkbaar(self) -> bool:
        return self.status == self.Status.CONCEPT


class Schaaloptie(models.Model):
    """One option of a framework's scale, e.g. voldoet (√) or verbeterpunt (X)."""

    kader = models.ForeignKey(
        Toetsingskader,
        verbose_name=_("toetsingskader"),
        on_delete=models.CASCADE,
        related_name="schaal",
    )
    code = models.SlugField(_("code"), max_length=40)
    symbool = models.CharField(_("symbool"), max_length=5)
    label = models.CharField(_("label"), max_length=80)
    is_verbeterpunt = models.BooleanField(
        _("is verbeterpunt"),
        default=False,
        help_text=_(
            "Een indicator met deze score is een verbeterpunt en komt terug in het vervolg."
        ),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("schaaloptie")
        verbose_name_plural = _("schaalopties")
        ordering = ["kader", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kader", "code"],
                name="toetsingskader_schaaloptie_code_uniek",
                violation_error_message=_("Deze code komt al voor in de schaal."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.symbool} {self.label}"


class Thema(models.Model):
    kader = models.ForeignKey(
        Toetsingskader,
        verbose_name=_("toetsingskader"),
        on_delete=models.CASCADE,
        related_name="themas",
    )
    sleutel = models.SlugField(_("sleutel"), max_length=80, help_text=SLEUTEL_HELP)
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["kader", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kader", "sleutel"],
                name="toetsingskader_thema_sleutel_uniek",
                violation_error_message=_("Deze sleutel komt al voor in dit toetsingskader."),
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Criterium(models.Model):
    thema = models.ForeignKey(
        Thema, verbose_name=_("thema"), on_delete=models.CASCADE, related_name="criteria"
    )
    kader = models.ForeignKey(
        Toetsingskader,
        verbose_name=_("toetsingskader"),
        on_delete=models.CASCADE,
        related_name="criteria",
        editable=False,
    )
    sleutel = models.SlugField(_("sleutel"), max_length=80, help_text=SLEUTEL_HELP)
    naam = models.CharField(_("naam"), max_length=300)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")
        ordering = ["thema__volgorde", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kader", "sleutel"],
                name="toetsingskader_criterium_sleutel_uniek",
                violation_error_message=_("Deze sleutel komt al voor in dit toetsingskader."),
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def save(self, *args, **kwargs):
        # Denormalised so keys can be unique per framework version in the database.
        self.kader_id = self.thema.kader_id
        super().save(*args, **kwargs)


class Indicator(models.Model):
    criterium = models.ForeignKey(
        Criterium,
        verbose_name=_("criterium"),
        on_delete=models.CASCADE,
        related_name="indicatoren",
    )
    kader = models.ForeignKey(
        Toetsingskader,
        verbose_name=_("toetsingskader"),
        on_delete=models.CASCADE,
        related_name="indicatoren",
        editable=False,
    )
    sleutel = models.SlugField(_("sleutel"), max_length=80, help_text=SLEUTEL_HELP)
    tekst = models.TextField(_("tekst"))
    operationalisering = models.TextField(
        _("operationalisering"),
        blank=True,
        help_text=_(
            "Wat de inspecteurs ten minste moeten zien om de indicator als voldaan te zien."
        ),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["criterium__thema__volgorde", "criterium__volgorde", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kader", "sleutel"],
                name="toetsingskader_indicator_sleutel_uniek",
                violation_error_message=_("Deze sleutel komt al voor in dit toetsingskader."),
            )
        ]

    def __str__(self) -> str:
        return self.tekst

    def save(self, *args, **kwargs):
        # Denormalised so keys are unique per version and scores can be checked in the database.
        self.kader_id = self.criterium.kader_id
        super().save(*args, **kwargs)
