"""Reads for the municipality portal. Every query is scoped to the user's own gemeenten here,
from `request.user` only: never from an id in the URL or a form field."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gemeenten.models import Gemeente
from inspecties.models import Beoordeling, Onderzoek, Voortgangsrapportage

DEADLINE_BIJNA_DAGEN = 30


def portaal_gemeenten(*, gebruiker) -> QuerySet[Gemeente]:
    return Gemeente.objects.voor_gebruiker(gebruiker)


def portaal_onderzoeken(*, gebruiker) -> QuerySet[Onderzoek]:
    """The published studies of the user's gemeenten: the only studies the portal shows."""
    return (
        Onderzoek.objects.gepubliceerd()
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
    beoordelingen: list[Beoordeling]


def open_verbeterpunten(*, gebruiker) -> list[OpenVerbeterpunten]:
    """Per approach: the indicators scored X in its latest published study, with the finding.

    A study that a published follow-up re-scored (possibly of a successor approach) is done:
    its improvement points live on in that follow-up.
    """
    onderzoeken = portaal_onderzoeken(gebruiker=gebruiker)
    opgevolgd = onderzoeken.filter(vorig_onderzoek__isnull=False).values("vorig_onderzoek_id")
    laatste = laatste_per_aanpak(onderzoeken.exclude(pk__in=opgevolgd))
    per_onderzoek: dict[int, list[Beoordeling]] = {o.pk: [] for o in laatste}
    beoordelingen = (
        Beoordeling.objects.filter(onderzoek_id__in=per_onderzoek, optie__is_verbeterpunt=True)
        .select_related("indicator__criterium__thema", "optie", "bevinding")
        .order_by(
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
        )
    )
    for b in beoordelingen:
        per_onderzoek[b.onderzoek_id].append(b)
    return [OpenVerbeterpunten(onderzoek=o, beoordelingen=per_onderzoek[o.pk]) for o in laatste]


def deadline_status(deadline: date | None, *, vandaag: date) -> str:
    """'verlopen', 'bijna' (within 30 days), 'ok' or '' when there is no deadline."""
    if deadline is None:
        return ""
    if deadline < vandaag:
        return "verlopen"
    if (deadline - vandaag).days <= DEADLINE_BIJNA_DAGEN:
        return "bijna"
    return "ok"


# --- The inspectors' side ---------------------------------------------------------------------


def inbox_rapportages(*, onderzoek: Onderzoek | None = None) -> QuerySet[Voortgangsrapportage]:
    qs = Voortgangsrapportage.objects.select_related(
        "onderzoek__aanpak__gemeente", "ingediend_door", "gelezen_door"
    )
    if onderzoek is not None:
        qs = qs.filter(onderzoek=onderzoek)
    return qs


def voortgang_deadline_van(onderzoek: Onderzoek) -> date | None:
    """The set due date, or one year after publication when none was set."""
    from inspecties.services import standaard_voortgang_deadline

    if onderzoek.voortgang_deadline:
        return onderzoek.voortgang_deadline
    if onderzoek.publicatiedatum:
        return standaard_voortgang_deadline(onderzoek.publicatiedatum)
    return None
