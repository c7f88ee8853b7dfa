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
    # Assessing (inspectors only): read → assessed with a short note → linked to the follow-up
    # it informs. `versie` guards against two inspectors overwriting each other's assessment.
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beoordeling = models.TextField(
        _("beoordeling door de inspecteur"), blank=True, max_length=MAX_BERICHT
    )
    vervolgonderzoek = models.ForeignKey(
        "inspecties.Onderzoek",
        verbose_name=_("vervolgonderzoek"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gekoppelde_rapportages",
        help_text=_("Het vervolgonderzoek waarvoor deze rapportage informatie geeft."),
    )
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        ordering = ["-ingediend_op", "-id"]

    def __str__(self) -> str:
        return f"{self.oorspronkelijke_naam} ({self.onderzoek})"


class Verbeterplan(models.Model):
    """What the municipality will do about one improvement point (an X of a published study),
    who is responsible and by when; later its progress. One plan per point: the point is the
    study plus the indicator's stable key, so a follow-up finds it for "the same" indicator."""

    class Voortgang(models.TextChoices):
        NIET_GESTART = "niet_gestart", _("Nog niet gestart")
        BEZIG = "bezig", _("Bezig")
        GEREED = "gereed", _("Gereed")

    onderzoek = models.ForeignKey(
        "inspecties.Onderzoek",
        verbose_name=_("onderzoek"),
        on_delete=models.PROTECT,
        related_name="verbeterplannen",
    )
    sleutel = models.CharField(_("sleutel van de indicator"), max_length=100)
    indicator = models.TextField(_("indicator"), help_text=_("De tekst zoals gepubliceerd."))
    maatregel = models.TextField(_("wat de gemeente gaat doen"), max_length=MAX_BERICHT)
    verantwoordelijke = models.CharField(_("verantwoordelijke"), max_length=200)
    uiterlijk = models.DateField(_("gereed uiterlijk"))
    voortgang = models.CharField(
        _("voortgang"), max_length=20, choices=Voortgang, default=Voortgang.NIET_GESTART
    )
    toelichting = models.TextField(
        _("toelichting op de voortgang"), blank=True, max_length=MAX_BERICHT
    )
    geaccepteerd_op = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    geaccepteerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geaccepteerd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("verbeterplan")
        verbose_name_plural = _("verbeterplannen")
        ordering = ["onderzoek", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["onderzoek", "sleutel"],
                name="inspecties_verbeterplan_een_per_punt",
                violation_error_message=_("Voor dit verbeterpunt is al een plan opgesteld."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.onderzoek})"


class Herinnering(models.Model):
    """A reminder e-mail that was sent; its `sleutel` (what it was about and the due date)
    is unique, so the daily command never sends the same reminder twice."""

    sleutel = models.CharField(_("sleutel"), max_length=100, unique=True)
    onderzoek = models.ForeignKey(
        "inspecties.Onderzoek",
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    uiterlijk = models.DateField(_("uiterste datum"))
    ontvangers = models.PositiveIntegerField(_("aantal ontvangers"), default=0)
    verstuurd_op = models.DateField(_("verstuurd op"))

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["-verstuurd_op", "-id"]

    def __str__(self) -> str:
        return self.sleutel
