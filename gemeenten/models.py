from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class GemeenteQuerySet(models.QuerySet):
    def voor_gebruiker(self, gebruiker) -> "GemeenteQuerySet":
        """The gemeenten a gemeente user belongs to (none for anyone else)."""
        if not gebruiker.is_authenticated:
            return self.none()
        return self.filter(gebruikers=gebruiker)


class Gemeente(models.Model):
    naam = models.CharField(_("naam"), max_length=100)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-code ziet eruit als GM0513."))],
        help_text=_("De gemeentecode van het CBS, bijvoorbeeld GM0513 voor Gouda."),
    )
    provincie = models.CharField(_("provincie"), max_length=50, blank=True)
    inwoners = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    regio = models.CharField(_("regio"), max_length=100, blank=True)
    context = models.TextField(
        _("context"), blank=True, help_text=_("Regio, beleidsdocumenten en andere achtergrond.")
    )
    gebruikers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeentegebruikers"),
        related_name="gemeenten",
        blank=True,
        help_text=_("Medewerkers van de gemeente (of van een regio) die het portaal gebruiken."),
    )

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cbs_code__regex=r"^GM[0-9]{4}$"),
                name="gemeenten_cbs_code_vorm",
                violation_error_message=_("Een CBS-code ziet eruit als GM0513."),
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Aanpak(models.Model):
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="aanpakken"
    )
    naam = models.CharField(_("naam"), max_length=150)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    vervangt = models.ManyToManyField(
        "self",
        verbose_name=_("vervangt"),
        symmetrical=False,
        related_name="opvolgers",
        blank=True,
        help_text=_("Eerdere aanpakken van deze gemeente die door deze aanpak zijn vervangen."),
    )

    class Meta:
        verbose_name = _("aanpak")
        verbose_name_plural = _("aanpakken")
        ordering = ["gemeente__naam", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "naam"],
                name="gemeenten_aanpak_naam_uniek_per_gemeente",
                violation_error_message=_("Deze gemeente heeft al een aanpak met deze naam."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class NetwerkpartnerQuerySet(models.QuerySet):
    def voor_gemeente(self, gemeente) -> "NetwerkpartnerQuerySet":
        """The partners a study of this gemeente may name: its own and the national ones."""
        return self.filter(models.Q(gemeente=gemeente) | models.Q(gemeente__isnull=True))


class Netwerkpartner(models.Model):
    """An organisation working with a municipality. One of a gemeente belongs to it; one
    without a gemeente is a national organisation on the shared list (Raad voor de
    Kinderbescherming, Veilig Thuis) that any gemeente's study may name."""

    naam = models.CharField(_("naam"), max_length=150)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="netwerkpartners",
        help_text=_("Leeg: een landelijke organisatie die elke gemeente kan kiezen."),
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)

    objects = NetwerkpartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("netwerkpartner")
        verbose_name_plural = _("netwerkpartners")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "naam"],
                name="gemeenten_netwerkpartner_naam_uniek_per_gemeente",
                violation_error_message=_(
                    "Deze gemeente heeft al een netwerkpartner met deze naam."
                ),
            ),
            models.UniqueConstraint(
                fields=["naam"],
                condition=models.Q(gemeente__isnull=True),
                name="gemeenten_netwerkpartner_landelijk_naam_uniek",
                violation_error_message=_(
                    "Een landelijke netwerkpartner met deze naam bestaat al."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.naam if self.gemeente_id is None else f"{self.naam} ({self.gemeente})"
