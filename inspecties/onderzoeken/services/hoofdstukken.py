"""The chapters of an onderzoeksrapport (the report of a toezichtonderzoek)."""

from django.db import models, transaction
from django.utils.translation import gettext as _

from inspecties.onderzoeken.fouten import OnderzoekFout, VersieConflict
from inspecties.onderzoeken.models import (
    Hoofdstuk,
    Onderzoek,
)
from inspecties.onderzoeken.services.versies import (
    _moet_bewerkbaar_zijn,
    _voorwaardelijk_bijwerken,
    opslaan,
)


@transaction.atomic
def hoofdstuk_toevoegen(*, onderzoek: Onderzoek, titel: str, door=None) -> Hoofdstuk:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    _moet_bewerkbaar_zijn(onderzoek)
    if not onderzoek.is_toezichtonderzoek:
        raise OnderzoekFout(_("Alleen een toezichtonderzoek heeft hoofdstukken."))
    if not titel.strip():
        raise OnderzoekFout(_("Geef het hoofdstuk een titel."))
    laatste = onderzoek.hoofdstukken.aggregate(m=models.Max("volgorde"))["m"] or 0
    hoofdstuk = Hoofdstuk(onderzoek=onderzoek, titel=titel.strip(), volgorde=laatste + 1)
    hoofdstuk.full_clean()
    opslaan(hoofdstuk, door=door)
    return hoofdstuk


@transaction.atomic
def hoofdstuk_opslaan(*, hoofdstuk: Hoofdstuk, versie: int, door=None, **teksten) -> Hoofdstuk:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=hoofdstuk.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    velden = {k: v for k, v in teksten.items() if k in Hoofdstuk.TEKSTEN}
    if "titel" in velden and not velden["titel"].strip():
        raise OnderzoekFout(_("Geef het hoofdstuk een titel."))
    return _voorwaardelijk_bijwerken(Hoofdstuk, door=door, pk=hoofdstuk.pk, versie=versie, **velden)


@transaction.atomic
def hoofdstuk_verplaatsen(*, hoofdstuk: Hoofdstuk, omhoog: bool, door=None) -> None:
    """Swap a chapter with the one before (omhoog) or after it; the ends stay where they are."""
    onderzoek = Onderzoek.objects.select_for_update().get(pk=hoofdstuk.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    volgorde = list(onderzoek.hoofdstukken.order_by("volgorde", "id"))
    plek = next(i for i, h in enumerate(volgorde) if h.pk == hoofdstuk.pk)
    ander = plek - 1 if omhoog else plek + 1
    if not 0 <= ander < len(volgorde):
        return
    volgorde[plek], volgorde[ander] = volgorde[ander], volgorde[plek]
    for nummer, h in enumerate(volgorde, start=1):
        if h.volgorde != nummer:
            Hoofdstuk.objects.filter(pk=h.pk).update(volgorde=nummer)


@transaction.atomic
def hoofdstuk_verwijderen(*, hoofdstuk: Hoofdstuk, versie: int, door=None) -> None:
    """Delete a chapter, but not one that someone changed since it was loaded."""
    onderzoek = Onderzoek.objects.select_for_update().get(pk=hoofdstuk.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    actueel = Hoofdstuk.objects.select_for_update().get(pk=hoofdstuk.pk)
    if actueel.versie != versie:
        raise VersieConflict(actueel)
    actueel._history_user = door
    actueel.delete()
