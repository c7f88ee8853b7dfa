import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def rapport_pad(instance, filename: str) -> str:
    """A random name: the URL of a stored file reveals nothing and cannot be guessed."""
    return f"rapporten/{uuid.uuid4().hex}.pdf"


def export_pad(instance, filename: str) -> str:
    return f"exports/{uuid.uuid4().hex}.zip"


class GepubliceerdRapport(models.Model):
    """What was published of a study, made once at publication: the PDF (later downloads serve
    these exact bytes) and what the portal shows of it. While a published study is reopened
    and corrected, the municipality keeps seeing this until the next publication replaces it."""

    onderzoek = models.OneToOneField(
        "inspecties.Onderzoek",
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="gepubliceerd_rapport",
    )
    pdf = models.FileField(_("PDF"), upload_to=rapport_pad, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    portaal_kop = models.TextField(
        _("kop in het portaal"), blank=True, help_text=_("HTML, zoals gepubliceerd.")
    )
    portaal_inhoud = models.TextField(
        _("inhoud in het portaal"), blank=True, help_text=_("HTML, zoals gepubliceerd.")
    )
    verbeterpunten = models.JSONField(
        _("verbeterpunten"),
        null=True,
        blank=True,
        help_text=_(
            "De verbeterpunten zoals gepubliceerd; leeg bij een publicatie uit een eerdere versie van Toezicht."
        ),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gepubliceerd rapport")
        verbose_name_plural = _("gepubliceerde rapporten")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Rapport {self.onderzoek_id} ({self.sha256[:12]})"


class BulkExport(models.Model):
    """A ZIP of report PDFs, rendered in the background; `klaar` counts finished PDFs."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Wachtend")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.WACHTEND)
    onderzoeken = models.ManyToManyField("inspecties.Onderzoek", verbose_name=_("onderzoeken"))
    totaal = models.PositiveIntegerField(_("totaal"), default=0)
    klaar = models.PositiveIntegerField(_("klaar"), default=0)
    zip = models.FileField(_("ZIP"), upload_to=export_pad, max_length=200, blank=True)
    fout = models.TextField(_("fout"), blank=True)
    poging = models.PositiveIntegerField(
        _("poging"), default=1, help_text=_("Telt op bij elke nieuwe poging na een mislukte.")
    )
    bijgewerkt_op = models.DateTimeField(
        _("laatste voortgang"),
        null=True,
        blank=True,
        help_text=_("Wanneer de taakwerker voor het laatst verder kwam met deze export."),
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bulkexport")
        verbose_name_plural = _("bulkexports")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Bulkexport {self.pk} ({self.klaar}/{self.totaal})"

    def delete(self, *args, **kwargs):
        """Delete the ZIP with the record: exports hold confidential reports."""
        if self.zip:
            self.zip.delete(save=False)
        return super().delete(*args, **kwargs)

    @property
    def procent(self) -> int:
        return round(100 * self.klaar / self.totaal) if self.totaal else 0
