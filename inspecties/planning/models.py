"""The personal token in an inspector's agenda feed URL: revocable, stored only as a hash."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgendaToken(models.Model):
    """One per user. The token itself (32 random bytes) is shown once; only its SHA-256 is
    kept, so a leaked database does not open anyone's agenda."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="agenda_token",
    )
    sleutel_hash = models.CharField(_("SHA-256 van de sleutel"), max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("agendasleutel")
        verbose_name_plural = _("agendasleutels")

    def __str__(self) -> str:
        return f"Agendasleutel van {self.gebruiker}"
