"""The chapters of an onderzoeksrapport, and the record of every workflow transition."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from .onderzoek import Onderzoek


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
