"""The study (onderzoek) itself: its kind, status, inspectors and own texts."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from gemeenten.models import Aanpak, Netwerkpartner
from toetsingskader.models import Toetsingskader

# The years a study can be about, one rule for the model and every form that asks for a year.
JAAR_MIN, JAAR_MAX = 2000, 2100


class OnderzoekQuerySet(models.QuerySet):
    def gepubliceerd(self) -> "OnderzoekQuerySet":
        return self.filter(status=Onderzoek.Status.GEPUBLICEERD)

    def afgerond(self) -> "OnderzoekQuerySet":
        """Vastgesteld or published: what it says no longer changes (unless reopened)."""
        return self.filter(status__in=AFGEROND)

    def voor_gemeenten(self, gemeenten) -> "OnderzoekQuerySet":
        return self.filter(aanpak__gemeente__in=gemeenten)


class Onderzoek(models.Model):
    """One inspection of one approach at one time, scored on one framework version."""

    class Soort(models.TextChoices):
        BELEIDSTOETS = "beleidstoets", _("Beleidstoets")
        VERVOLGONDERZOEK = "vervolgonderzoek", _("Vervolgonderzoek")
        TOEZICHTONDERZOEK = "toezichtonderzoek", _("Toezichtonderzoek")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        TER_REVIEW = "ter_review", _("Ter review")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")

    aanpak = models.ForeignKey(
        Aanpak, verbose_name=_("aanpak"), on_delete=models.PROTECT, related_name="onderzoeken"
    )
    kader = models.ForeignKey(
        Toetsingskader,
        verbose_name=_("toetsingskader"),
        on_delete=models.PROTECT,
        related_name="onderzoeken",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort)
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(JAAR_MIN), MaxValueValidator(JAAR_MAX)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.CONCEPT)
    inspecteurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspecteurs"),
        related_name="onderzoeken",
        blank=True,
    )
    vorig_onderzoek = models.ForeignKey(
        "self",
        verbose_name=_("vorig onderzoek"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervolgonderzoeken",
        help_text=_(
            "Bij een vervolgonderzoek: het eerdere onderzoek waarvan de verbeterpunten "
            "opnieuw worden getoetst."
        ),
    )
    respondenten = models.ManyToManyField(
        Netwerkpartner,
        verbose_name=_("netwerkpartners die de vragenlijst invulden"),
        related_name="onderzoeken",
        blank=True,
    )
    inleiding = models.TextField(_("inleiding"), blank=True)
    context = models.TextField(_("context van de gemeente"), blank=True)
    aanpak_beschrijving = models.TextField(_("beschrijving van de aanpak"), blank=True)
    ontwikkeling = models.TextField(
        _("ontwikkeling"),
        blank=True,
        help_text=_("Bij een vervolgonderzoek: wat er sinds het vorige onderzoek is veranderd."),
    )
    presentatiedatum = models.DateField(
        _("presentatiedatum"),
        null=True,
        blank=True,
        help_text=_("De datum waarop de gemeente haar voortgang presenteerde."),
    )
    # The onderzoeksrapport of a toezichtonderzoek: a narrative report with an overall judgement.
    titel = models.CharField(
        _("titel van het rapport"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bijvoorbeeld ‘Toezicht wijkteams: Zorg en ondersteuning aan kwetsbare gezinnen’."
        ),
    )
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    oordeel = models.TextField(
        _("oordeel"), blank=True, help_text=_("Het eindoordeel van de inspecties, alles overziend.")
    )
    kansen = models.TextField(_("kansen"), blank=True)
    bronnen = models.TextField(
        _("geraadpleegde bronnen"),
        blank=True,
        help_text=_(
            "Eén bron per regel: het aantal en wie, bijvoorbeeld ‘9 jeugdprofessionals CJG’."
        ),
    )
    publicatiedatum = models.DateField(_("publicatiedatum"), null=True, blank=True)
    # The month the documents print ("Juni 2015"), held as its first day. Set before publishing
    # (an earlier report entered afterwards keeps its own month); empty: the publishing month.
    publicatiemaand = models.DateField(
        _("publicatiemaand"),
        null=True,
        blank=True,
        help_text=_("De maand die het rapport draagt; leeg: de maand van publiceren."),
    )
    voortgang_deadline = models.DateField(
        _("voortgangsrapportage uiterlijk"),
        null=True,
        blank=True,
        help_text=_("Wanneer de gemeente haar voortgangsrapportage moet sturen."),
    )
    # The inspection calendar (issue 15): when the inspectors plan to do the study.
    gepland_van = models.DateField(_("gepland van"), null=True, blank=True)
    gepland_tot = models.DateField(_("gepland tot en met"), null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    objects = OnderzoekQuerySet.as_manager()

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        ordering = ["-jaar", "aanpak__gemeente__naam", "aanpak__naam"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        soort__in=["beleidstoets", "toezichtonderzoek"],
                        vorig_onderzoek__isnull=True,
                    )
                    | models.Q(soort="vervolgonderzoek", vorig_onderzoek__isnull=False)
                ),
                name="inspecties_vervolg_heeft_vorig_onderzoek",
                violation_error_message=_(
                    "Een vervolgonderzoek hoort bij een eerder onderzoek; een beleidstoets of "
                    "toezichtonderzoek niet."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(vorig_onderzoek=models.F("id")),
                name="inspecties_vorig_onderzoek_niet_zichzelf",
            ),
            models.CheckConstraint(
                condition=models.Q(gepland_van__isnull=True)
                | models.Q(gepland_tot__isnull=True)
                | models.Q(gepland_tot__gte=models.F("gepland_van")),
                name="inspecties_planning_tot_na_van",
                violation_error_message=_("De geplande einddatum ligt vóór de begindatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.aanpak.gemeente.naam} – {self.aanpak.naam} ({self.jaar})"

    # Django's get_FOO_display builds a dict of the (lazy, translated) choices on each call: a
    # cost in every list row. The enums look a value up directly, with the same result.
    def get_soort_display(self) -> str:
        return str(self.Soort(self.soort).label) if self.soort in self.Soort.values else self.soort

    def get_status_display(self) -> str:
        if self.status in self.Status.values:
            return str(self.Status(self.status).label)
        return self.status

    @property
    def is_bewerkbaar(self) -> bool:
        return self.status in (self.Status.CONCEPT,)

    @property
    def is_afgerond(self) -> bool:
        return self.status in AFGEROND

    @property
    def is_vervolg(self) -> bool:
        return self.soort == self.Soort.VERVOLGONDERZOEK

    @property
    def is_toezichtonderzoek(self) -> bool:
        return self.soort == self.Soort.TOEZICHTONDERZOEK


AFGEROND = (Onderzoek.Status.VASTGESTELD, Onderzoek.Status.GEPUBLICEERD)

# The study's own texts that inspectors write (which of them a soort shows: the form decides).
ONDERZOEK_TEKSTVELDEN = (
    "titel",
    "samenvatting",
    "inleiding",
    "context",
    "aanpak_beschrijving",
    "ontwikkeling",
    "oordeel",
    "kansen",
    "bronnen",
)
ONDERZOEK_TEKSTEN = (
    *ONDERZOEK_TEKSTVELDEN,
    "presentatiedatum",
    "voortgang_deadline",
    "publicatiemaand",
    "gepland_van",
    "gepland_tot",
)


def gescoord(via: str = "") -> models.Q:
    """A scored Beoordeling: an option chosen, or marked niet getoetst (the database side of
    Beoordeling.is_gescoord). `via` is the path to it, e.g. "beoordelingen__" from a study."""
    return models.Q(**{f"{via}optie__isnull": False}) | models.Q(**{f"{via}niet_getoetst": True})
