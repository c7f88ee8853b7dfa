"""Reads for the municipality portal. Every query is scoped to the user's own gemeenten here,
from `request.user` only: never from an id in the URL or a form field."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gemeenten.models import Gemeente
from inspecties.onderzoeken.models import Beoordeling, Onderzoek
from inspecties.onderzoeken.selectors import in_portaal
from inspecties.voortgang.models import Voortgangsrapportage
from inspecties.voortgang.selectors import Verbeterpunt, verbeterpunten_van

__all__ = ["Verbeterpunt", "verbeterpunten_van"]  # kept here for rapporten (publishing)


def portaal_gemeenten(*, gebruiker) -> QuerySet[Gemeente]:
    return Gemeente.objects.voor_gebruiker(gebruiker)


def portaal_onderzoeken(*, gebruiker) -> QuerySet[Onderzoek]:
    """The published studies of the user's gemeenten: the only studies the portal shows."""
    return (
        in_portaal()
        .voor_gemeenten(portaal_gemeenten(gebruiker=gebruiker))
        .select_related("aanpak__gemeente", "kader")
    )


def portaal_onderzoek(*, gebruiker, onderzoek_pk: int) -> Onderzoek:
    """One published study of the user's gemeenten, or 404 (also for other gemeenten)."""
    return get_object_or_404(portaal_onderzoeken(gebruiker=gebruiker), pk=onderzoek_pk)


def portaal_voortgangsrapportages(*, gebruiker) -> QuerySet[Voortgangsrapportage]:
    return Voortgangsrapportage.objects.filter(
        onderzoek__in=portaal_onderzoeken(gebruiker=gebruiker)
    ).select_related("onderzoek__aanpak__gemeente", "ingediend_door")


def portaal_voortgangsrapportage(*, gebruiker, rapportage_pk: int) -> Voortgangsrapportage:
    return get_object_or_404(portaal_voortgangsrapportages(gebruiker=gebruiker), pk=rapportage_pk)


def laatste_per_aanpak(onderzoeken) -> list[Onderzoek]:
    """The most recent study of each approach (pure: works on any iterable of studies)."""
    laatste: dict[int, Onderzoek] = {}
    for o in onderzoeken:
        huidig = laatste.get(o.aanpak_id)
        if huidig is None or (o.jaar, o.pk) > (huidig.jaar, huidig.pk):
            laatste[o.aanpak_id] = o
    return sorted(laatste.values(), key=lambda o: (o.aanpak.gemeente.naam, o.aanpak.naam))


@dataclass
class OpenVerbeterpunten:
    onderzoek: Onderzoek
    punten: list[Verbeterpunt]


def open_verbeterpunten(*, gebruiker) -> list[OpenVerbeterpunten]:
    """Per approach: the indicators scored X in its latest published study, with the finding,
    as they were published (a study being corrected keeps its published points).

    A study that a published follow-up re-scored (possibly of a successor approach) is done:
    its improvement points live on in that follow-up.
    """
    onderzoeken = portaal_onderzoeken(gebruiker=gebruiker)
    opgevolgd = onderzoeken.filter(vorig_onderzoek__isnull=False).values("vorig_onderzoek_id")
    laatste = laatste_per_aanpak(onderzoeken.exclude(pk__in=opgevolgd))
    gepubliceerd = dict(
        Onderzoek.objects.filter(
            pk__in=[o.pk for o in laatste], gepubliceerd_rapport__verbeterpunten__isnull=False
        ).values_list("pk", "gepubliceerd_rapport__verbeterpunten")
    )
    per_onderzoek: dict[int, list] = {
        pk: [Verbeterpunt(**punt) for punt in punten] for pk, punten in gepubliceerd.items()
    }
    # Published before publications kept their points: still published, so live is the same.
    zonder = [o.pk for o in laatste if o.pk not in per_onderzoek]
    beoordelingen = (
        Beoordeling.objects.filter(onderzoek_id__in=zonder, optie__is_verbeterpunt=True)
        .select_related("indicator__criterium__thema", "optie", "bevinding")
        .order_by(
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
        )
    )
    live: dict[int, list] = {pk: [] for pk in zonder}
    for b in beoordelingen if zonder else ():
        live[b.onderzoek_id].append(b)
    per_onderzoek.update({pk: verbeterpunten_van(lijst) for pk, lijst in live.items()})
    return [OpenVerbeterpunten(onderzoek=o, punten=per_onderzoek[o.pk]) for o in laatste]


@dataclass(frozen=True)
class PortaalPublicatie:
    """What the portal page shows of a study, as it was published (HTML made at publication)."""

    kop: str
    inhoud: str
    gepubliceerd_op: datetime
    heropend: bool


def portaal_publicatie(*, onderzoek: Onderzoek) -> PortaalPublicatie | None:
    """The published version of the study's portal page; None for a study published before
    publications kept it (it is still published, so the page may show it as it is now)."""
    rij = (
        Onderzoek.objects.filter(
            pk=onderzoek.pk, gepubliceerd_rapport__verbeterpunten__isnull=False
        )
        .values(
            "status",
            "gepubliceerd_rapport__portaal_kop",
            "gepubliceerd_rapport__portaal_inhoud",
            "gepubliceerd_rapport__aangemaakt_op",
        )
        .first()
    )
    if rij is None:
        return None
    return PortaalPublicatie(
        kop=rij["gepubliceerd_rapport__portaal_kop"],
        inhoud=rij["gepubliceerd_rapport__portaal_inhoud"],
        gepubliceerd_op=rij["gepubliceerd_rapport__aangemaakt_op"],
        heropend=rij["status"] != Onderzoek.Status.GEPUBLICEERD,
    )
