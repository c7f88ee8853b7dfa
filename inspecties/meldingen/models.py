"""A notification (melding): something that happened to a study or an upload that a user should
know about, shown on their pages and sent by e-mail once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Melding(models.Model):
    class Soort(models.TextChoices):
        TER_REVIEW = "ter_review", _("Ter review naar u gestuurd")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        HEROPEND = "heropend", _("Heropend")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
        VOORTGANGSRAPPORTAGE = "voortgangsrapportage", _("Nieuwe voortgangsrapportage")
        # For the municipality's side (issue 18, items 5 and 6): its report assessed, a due
        # date coming up. The caller gives the text and the portal page (`melden`).
        RAPPORTAGE_BEOORDEELD = "rapportage_beoordeeld", _("Voortgangsrapportage beoordeeld")
        HERINNERING = "herinnering", _("Herinnering")

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="meldingen",
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort)
    onderzoek = models.ForeignKey(
        "inspecties.Onderzoek",
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    rapportage = models.ForeignKey(
        "inspecties.Voortgangsrapportage",
        verbose_name=_("voortgangsrapportage"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    tekst = models.CharField(_("tekst"), max_length=500)
    pad = models.CharField(_("link"), max_length=300, help_text=_("Waar het werk is."))
    # What happened, once: the same event never makes a second notification for a recipient.
    sleutel = models.CharField(_("gebeurtenis"), max_length=120)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "sleutel"], name="inspecties_melding_eenmaal_per_gebeurtenis"
            )
        ]
        indexes = [
            models.Index(fields=["ontvanger", "gelezen_op"], name="inspecties_melding_ongelezen")
        ]

    def __str__(self) -> str:
        return self.tekst
