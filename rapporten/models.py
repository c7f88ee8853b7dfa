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
