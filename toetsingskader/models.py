from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from inspecties.fouten import ToezichtFout

SLEUTEL_HELP = _("Vaste sleutel die over versies heen gelijk blijft (kleine letters en streepjes).")

# What may still change on a framework version that is no longer concept: its lifecycle only.
STATUSVELDEN = frozenset({"status", "vastgesteld_op"})


class KaderVastgesteld(ToezichtFout):
    """A change to a framework version that is vastgesteld or vervallen: never allowed."""

    def __init__(self, kader=None):
        naam = f"{kader.naam} ({kader.versie})" if kader is not None else _("Dit toetsingskader")
        super().__init__(
            _("%(naam)s is vastgesteld en kan niet meer worden gewijzigd. Maak een nieuwe versie.")
            % {"naam": naam}
        )


def _controleer_bewerkbaar(kader_ids) -> None:
    vast = Toetsingskader.objects.filter(pk__in=set(kader_ids)).exclude(
        status=Toetsingskader.Status.CONCEPT
    )
    kader = vast.first()
    if kader is not None:
        raise KaderVastgesteld(kader)


class ToetsingskaderQuerySet(models.QuerySet):
    def update(self, **velden):
        if (
            set(velden) - STATUSVELDEN
            and self.exclude(status=Toetsingskader.Status.CONCEPT).exists()
        ):
            raise KaderVastgesteld(self.exclude(status=Toetsingskader.Status.CONCEPT).first())
        return super().update(**velden)

    def delete(self):
        _controleer_bewerkbaar(self.values_list("pk", flat=True))
        return super().delete()


class KaderInhoudQuerySet(models.QuerySet):
    """Themes, criteria, indicators and scale options of a vastgesteld framework are frozen."""

    def update(self, **velden):
        _controleer_bewerkbaar(self.values_list("kader_id", flat=True))
        return super().update(**velden)

    def delete(self):
        _controleer_bewerkbaar(self.values_list("kader_id", flat=True))
        return super().delete()


class KaderInhoud(models.Model):
    """Base for what belongs to one framework version: saved only while it is concept."""

    objects = KaderInhoudQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._kader_id_bepalen()
        _controleer_bewerkbaar([self.kader_id])
        if (
            self.pk
            and type(self)._base_manager.filter(pk=self.pk).exclude(kader_id=self.kader_id).exists()
        ):
            raise KaderVastgesteld()  # moving content to another version is never allowed
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _controleer_bewerkbaar([self.kader_id])
        return super().delete(*args, **kwargs)

    def _kader_id_bepalen(self) -> None:
        """Subclasses that derive their framework from a parent set it here."""


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

    objects = ToetsingskaderQuerySet.as_manager()

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

    def save(self, *args, **kwargs):
        if self.pk:
            opgeslagen = (
                type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True)
            )
            status = opgeslagen.first()
            velden = kwargs.get("update_fields")
            if status not in (None, self.Status.CONCEPT) and not (
                velden is not None and set(velden) <= STATUSVELDEN
            ):
                raise KaderVastgesteld(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status != self.Status.CONCEPT:
            raise KaderVastgesteld(self)
        return super().delete(*args, **kwargs)

    @property
    def is_bewerkbaar(self) -> bool:
        return self.status == self.Status.CONCEPT


class Schaaloptie(KaderInhoud):
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


class Thema(KaderInhoud):
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


class Criterium(KaderInhoud):
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

    def _kader_id_bepalen(self) -> None:
        # Denormalised so keys can be unique per framework version in the database.
        self.kader_id = self.thema.kader_id


class Indicator(KaderInhoud):
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

    def _kader_id_bepalen(self) -> None:
        # Denormalised so keys are unique per version and scores can be checked in the database.
        self.kader_id = self.criterium.kader_id
