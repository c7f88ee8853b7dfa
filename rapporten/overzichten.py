"""Overviews across studies for staff (DOMAIN.md: which indicators fail most, how municipalities
developed). Only vastgesteld and published studies count: a concept may still change."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from inspecties.models import Beoordeling, Onderzoek

AFGEROND = (Onderzoek.Status.VASTGESTELD, Onderzoek.Status.GEPUBLICEERD)


@dataclass(frozen=True)
class IndicatorTelling:
    sleutel: str
    tekst: str
    thema: str
    verbeterpunten: int
    beoordeeld: int

    @property
    def procent(self) -> int:
        return round(100 * self.verbeterpunten / self.beoordeeld) if self.beoordeeld else 0


def verbeterpunten_per_indicator(*, jaar: int | None = None, kader_sleutel: str | None = None):
    """Per indicator key (stable across framework versions): how often it was scored, and how
    often X, in first assessments (beleidstoets, toezichtonderzoek); most X first. One query.

    Follow-ups are left out: they re-score only last time's X, which would count those twice.
    """
    qs = Beoordeling.objects.filter(onderzoek__status__in=AFGEROND, optie__isnull=False).exclude(
        onderzoek__soort=Onderzoek.Soort.VERVOLGONDERZOEK
    )
    if jaar:
        qs = qs.filter(onderzoek__jaar=jaar)
    if kader_sleutel:
        qs = qs.filter(onderzoek__kader__sleutel=kader_sleutel)
    # The text and theme shown are those of the newest version in the selection.
    nieuwste = qs.filter(indicator__sleutel=OuterRef("indicator__sleutel")).order_by(
        "-onderzoek__jaar", "-indicator__kader_id"
    )
    rijen = (
        qs.values("indicator__sleutel")
        .annotate(
            verbeterpunten=Count("pk", filter=Q(optie__is_verbeterpunt=True)),
            beoordeeld=Count("pk"),
            tekst=Subquery(nieuwste.values("indicator__tekst")[:1]),
            thema=Subquery(nieuwste.values("indicator__criterium__thema__naam")[:1]),
        )
        .order_by("-verbeterpunten", "indicator__sleutel")
    )
    return [
        IndicatorTelling(
            sleutel=r["indicator__sleutel"],
            tekst=r["tekst"],
            thema=r["thema"],
            verbeterpunten=r["verbeterpunten"],
            beoordeeld=r["beoordeeld"],
        )
        for r in rijen
    ]


def ontwikkeling_per_gemeente(*, jaar: int | None = None):
    """Every completed follow-up with the X count of the study it followed and its own: how
    many improvement points were resolved. One query."""
    x_voor = (
        Beoordeling.objects.filter(
            onderzoek_id=OuterRef("vorig_onderzoek_id"), optie__is_verbeterpunt=True
        )
        .values("onderzoek_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        Onderzoek.objects.filter(soort=Onderzoek.Soort.VERVOLGONDERZOEK, status__in=AFGEROND)
        .select_related("aanpak__gemeente", "vorig_onderzoek__aanpak")
        .annotate(
            verbeterpunten_voor=Coalesce(Subquery(x_voor, output_field=IntegerField()), Value(0)),
            verbeterpunten_nu=Count(
                "beoordelingen", filter=Q(beoordelingen__optie__is_verbeterpunt=True)
            ),
            opnieuw_getoetst=Count("beoordelingen", filter=Q(beoordelingen__optie__isnull=False)),
        )
        .order_by("aanpak__gemeente__naam", "jaar")
    )
    if jaar:
        qs = qs.filter(jaar=jaar)
    for o in qs:
        o.opgelost = o.opnieuw_getoetst - o.verbeterpunten_nu
        yield o
