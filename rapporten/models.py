from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def rapport_pad(instance, filename: str) -> str:
    return f"rapporten/gepubliceerd/{instance.onderzoek_id}/{filename}"


class GepubliceerdRapport(models.Model):
    """The PDF of a published study, rendered once and frozen (later downloads serve these bytes)."""

    onderzoek = models.OneToOneField(
        "inspecties.Onderzoek",
        verbose_name=_("onderzoek"),
        on_delete=models.PROTECT,
        related_name="gepubliceerd_rapport",
    )
    pdf = models.FileField(_("pdf"), upload_to=rapport_pad, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gepubliceerd rapport")
        verbose_name_plural = _("gepubliceerde rapporten")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.onderzoek} ({self.sha256[:12]})"


class BulkExport(models.Model):
    """A ZIP of many studies' PDFs, rendered in the background; its progress is shown live."""

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("In de wachtrij")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    onderzoek_ids = models.JSONField(_("onderzoeken"), default=list)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.WACHTRIJ)
    totaal = models.PositiveIntegerField(_("totaal"), default=0)
    klaar = models.PositiveIntegerField(_("klaar"), default=0)
    zip = models.FileField(
        _("ZIP-bestand"), upload_to="rapporten/bulk/", blank=True, max_length=200
    )
    foutmelding = models.TextField(_("foutmelding"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bulkexport")
        verbose_name_plural = _("bulkexports")
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.get_status_display()})"

    @property
    def procent(self) -> int:
        return round(100 * self.klaar / self.totaal) if self.totaal else 0
