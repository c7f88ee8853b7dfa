"""The workflow of a study: concept → ter review → vastgesteld → gepubliceerd, and reopening."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from inspecties.onderzoeken.fouten import OnderzoekFout
from inspecties.onderzoeken.models import (
    ONDERZOEK_TEKSTEN,
    Onderzoek,
    StatusWijziging,
)
from inspecties.regels.deadlines import standaard_voortgang_deadline
from inspecties.regels.onderzoeksrapport import ontbrekend_in_rapport
from inspecties.regels.scope import ontbrekend_voor_review


def status_zetten(*, onderzoek: Onderzoek, naar: str, door=None, reden: str = "") -> None:
    """Record a transition and move the study; the workflow rules call this."""
    StatusWijziging.objects.create(
        onderzoek=onderzoek, van=onderzoek.status, naar=naar, door=door, reden=reden
    )
    onderzoek.status = naar
    onderzoek.versie += 1
    onderzoek.save(update_fields=["status", "versie", "gewijzigd_op"])


def ontbrekend(*, onderzoek: Onderzoek) -> list[str]:
    if onderzoek.is_toezichtonderzoek:
        return ontbrekend_in_rapport(
            teksten={veld: getattr(onderzoek, veld) for veld in ONDERZOEK_TEKSTEN},
            hoofdstukken=onderzoek.hoofdstukken.values("titel", "bevindingen", "conclusie"),
        )
    rijen = [
        {
            "tekst": b.indicator.tekst,
            "gescoord": b.is_gescoord,
            "heeft_bevinding": bool(b.bevinding_id and b.bevinding.tekst.strip()),
        }
        for b in onderzoek.beoordelingen.select_related("indicator", "bevinding")
    ]
    return ontbrekend_voor_review(rijen)


@transaction.atomic
def onderzoek_ter_review_sturen(*, onderzoek: Onderzoek, door) -> Onderzoek:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status != Onderzoek.Status.CONCEPT:
        raise OnderzoekFout(_("Alleen een concept kan ter review worden gestuurd."))
    problemen = ontbrekend(onderzoek=onderzoek)
    if problemen:
        raise OnderzoekFout(
            _("Nog niet compleet: %(aantal)d punt(en) ontbreken.") % {"aantal": len(problemen)}
        )
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.TER_REVIEW, door=door)
    return onderzoek


@transaction.atomic
def onderzoek_vaststellen(*, onderzoek: Onderzoek, door) -> Onderzoek:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status != Onderzoek.Status.TER_REVIEW:
        raise OnderzoekFout(_("Alleen een onderzoek dat ter review ligt kan worden vastgesteld."))
    laatste = onderzoek.statuswijzigingen.filter(naar=Onderzoek.Status.TER_REVIEW).last()
    if laatste is not None and laatste.door_id == door.pk:
        raise OnderzoekFout(
            _("Een tweede inspecteur stelt het onderzoek vast, niet wie het ter review stuurde.")
        )
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.VASTGESTELD, door=door)
    return onderzoek


def publicatie_voorbereiden(*, onderzoek: Onderzoek, op: date) -> dict:
    """What publishing a vastgesteld study on `op` sets: its status, publicatiedatum and
    voortgang_deadline (the one set, else a year later). The publication is rendered with these
    values before anything is saved (rapporten.services.onderzoek_publiceren)."""
    _moet_vastgesteld_zijn(onderzoek)
    return {
        "status": Onderzoek.Status.GEPUBLICEERD,
        "publicatiedatum": op,
        "voortgang_deadline": onderzoek.voortgang_deadline or standaard_voortgang_deadline(op),
    }


def publicatie_registreren(
    *, onderzoek: Onderzoek, door, publicatiedatum: date, voortgang_deadline: date
) -> Onderzoek:
    """Mark a vastgesteld study published. Publishing is producing the publication, so
    rapporten.services.onderzoek_publiceren calls this inside its short transaction, on the row
    it locked, with the frozen publication saved in the same transaction."""
    _moet_vastgesteld_zijn(onderzoek)
    onderzoek.publicatiedatum = publicatiedatum
    onderzoek.voortgang_deadline = voortgang_deadline
    onderzoek.save(update_fields=["publicatiedatum", "voortgang_deadline", "gewijzigd_op"])
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.GEPUBLICEERD, door=door)
    return onderzoek


def _moet_vastgesteld_zijn(onderzoek: Onderzoek) -> None:
    if onderzoek.status != Onderzoek.Status.VASTGESTELD:
        raise OnderzoekFout(_("Alleen een vastgesteld onderzoek kan worden gepubliceerd."))


@transaction.atomic
def onderzoek_heropenen(*, onderzoek: Onderzoek, door, reden: str) -> Onderzoek:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status == Onderzoek.Status.CONCEPT:
        raise OnderzoekFout(_("Dit onderzoek is al een concept."))
    if not reden.strip():
        raise OnderzoekFout(_("Geef een reden om het onderzoek te heropenen."))
    # A published study keeps its frozen publication: the portal shows that until the
    # corrected version is published (inspecties.portaal.selectors.in_portaal).
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.CONCEPT, door=door, reden=reden)
    return onderzoek
