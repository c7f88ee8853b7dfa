"""The progress reports (voortgangsrapportages) a municipality sends after publication."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The longest message a municipality may send with its report (model, form and service).
MAX_BERICHT = 2000


def voortgangsrapportage_pad(instance, filename: str) -> str:
    """A random name: the original file name is only kept for display."""
    return f"voortgang/{instance.onderzoek_id}/{uuid.uuid4().hex}"


class Voortgangsrapportage(models.Model):
    """A progress report the municipality uploads; never changed once submitted."""

    onderzoek = models.ForeignKey(
        "inspecties.Onderzoek",
        verbose_name=_("onderzoek"),
        on_delete=models.PROTECT,
        related_name="voortgangsrapportages",
    )
    bestand = models.FileField(_("bestand"), upload_to=voortgangsrapportage_pad, max_length=200)
    oorspronkelijke_naam = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255)
    inhoudstype = models.CharField(_("inhoudstype"), max_length=100)
    grootte = models.PositiveBigIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    bericht = models.TextField(_("bericht aan de inspecteurs"), blank=True, max_length=MAX_BERICHT)
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
