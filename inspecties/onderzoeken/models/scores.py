"""What inspectors score in a study: findings, scores per indicator, conclusions per theme."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from toetsingskader.models import Indicator, Schaaloptie, Thema

from .onderzoek import Onderzoek, gescoord


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
    # A follow-up's row may print elsewhere in its theme than the framework puts it (where the
    # published document orders it differently); empty: the framework's order.
    volgorde = models.PositiveSmallIntegerField(_("volgorde in het rapport"), null=True, blank=True)
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
