"""Mijn werk: what needs an inspector now, in a fixed number of queries whatever the data."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat

from gemeenten.models import Gemeente
from inspecties.meldingen.selectors import meldingen_van
from inspecties.onderzoeken.models import Onderzoek, StatusWijziging
from inspecties.onderzoeken.selectors import met_voortgang, onderzoeken_overzicht
from inspecties.regels.deadlines import standaard_voortgang_deadline
from inspecties.voortgang.models import Voortgangsrapportage
from inspecties.voortgang.selectors import inbox_rapportages, voortgang_deadline_van

LIJST_MAX = 50  # each list shows at most this many items, the most urgent first
MELDINGEN_MAX = 5

Status = Onderzoek.Status


@dataclass
class MijnWerk:
    concepten: list = field(default_factory=list)
    te_reviewen: list = field(default_factory=list)
    ongelezen_rapportages: list = field(default_factory=list)
    verlopen: list = field(default_factory=list)
    vervolg_plannen: list = field(default_factory=list)
    meldingen: list = field(default_factory=list)

    @property
    def leeg(self) -> bool:
        return not (
            self.concepten
            or self.te_reviewen
            or self.ongelezen_rapportages
            or self.verlopen
            or self.vervolg_plannen
        )


def _toegewezen(user):
    return Exists(Onderzoek.inspecteurs.through.objects.filter(onderzoek=OuterRef("pk"), user=user))


def te_reviewen(*, user):
    """Studies ter review that someone else sent and that this inspector may approve: assigned
    to them, or with no second inspector assigned at all."""
    laatste = StatusWijziging.objects.filter(
        onderzoek=OuterRef("pk"), naar=Status.TER_REVIEW
    ).order_by("-pk")
    return (
        onderzoeken_overzicht(status=Status.TER_REVIEW)
        .select_related("aanpak__gemeente", "kader")
        .annotate(
            ingediend_door_id=Subquery(laatste.values("door_id")[:1]),
            ingediend_door_naam=Subquery(
                laatste.annotate(
                    naam=Concat("door__first_name", Value(" "), "door__last_name")
                ).values("naam")[:1]
            ),
            aantal_inspecteurs=Count("inspecteurs", distinct=True),
        )
        .filter(_toegewezen(user) | Q(aantal_inspecteurs__lte=1))
        .exclude(ingediend_door_id=user.pk)
        .order_by("gewijzigd_op")
    )


def mijn_werk(*, user, vandaag: date) -> MijnWerk:
    mijn = Onderzoek.objects.filter(inspecteurs=user)
    concepten = met_voortgang(
        onderzoeken_overzicht(status=Status.CONCEPT).filter(pk__in=mijn.values("pk"))
    ).order_by("-gewijzigd_op")
    mijn_gemeenten = Gemeente.objects.filter(aanpakken__onderzoeken__inspecteurs=user)
    rapportages = inbox_rapportages().filter(
        gelezen_op__isnull=True, onderzoek__aanpak__gemeente__in=mijn_gemeenten
    )
    gepubliceerd = list(
        Onderzoek.objects.gepubliceerd()
        .filter(pk__in=mijn.values("pk"))
        .exclude(Exists(Onderzoek.objects.filter(vorig_onderzoek=OuterRef("pk"))))
        .select_related("aanpak__gemeente")
        .annotate(
            aantal_verbeterpunten=Count(
                "beoordelingen", filter=Q(beoordelingen__optie__is_verbeterpunt=True)
            ),
            rapportage_ontvangen=Exists(
                Voortgangsrapportage.objects.filter(
                    onderzoek=OuterRef("pk"), ingediend_op__date__gte=OuterRef("publicatiedatum")
                )
            ),
        )
        .filter(aantal_verbeterpunten__gt=0)
        .order_by("publicatiedatum", "pk")
    )
    concepten = list(concepten[:LIJST_MAX])
    for o in concepten:
        o.aantal_open = o.aantal_indicatoren - o.aantal_gescoord
    for o in gepubliceerd:
        o.deadline = voortgang_deadline_van(o)
        o.vervolg_vanaf = standaard_voortgang_deadline(o.publicatiedatum or vandaag)
    return MijnWerk(
        concepten=concepten,
        te_reviewen=list(te_reviewen(user=user)[:LIJST_MAX]),
        ongelezen_rapportages=list(rapportages.order_by("ingediend_op")[:LIJST_MAX]),
        verlopen=[
            o
            for o in gepubliceerd
            if o.deadline and o.deadline < vandaag and not o.rapportage_ontvangen
        ][:LIJST_MAX],
        vervolg_plannen=[o for o in gepubliceerd if o.vervolg_vanaf <= vandaag][:LIJST_MAX],
        meldingen=list(
            meldingen_van(ontvanger=user).filter(gelezen_op__isnull=True)[:MELDINGEN_MAX]
        ),
    )


__all__ = ["MijnWerk", "mijn_werk", "te_reviewen"]
