"""The workflow of a study: concept → ter review → vastgesteld → gepubliceerd, and reopening."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from inspecties.meldingen import services as meldingen
from inspecties.onderzoeken.fouten import NietCompleet, OnderzoekFout
from inspecties.onderzoeken.models import (
    Onderzoek,
    StatusWijziging,
)
from inspecties.onderzoeken.selectors import ontbrekend, ter_review_gestuurd_door
from inspecties.onderzoeken.services.versies import opslaan
from inspecties.regels.deadlines import standaard_voortgang_deadline


def status_zetten(*, onderzoek: Onderzoek, naar: str, door=None, reden: str = "") -> None:
    """Record a transition and move the study; the workflow rules call this."""
    StatusWijziging.objects.create(
        onderzoek=onderzoek, van=onderzoek.status, naar=naar, door=door, reden=reden
    )
    onderzoek.status = naar
    onderzoek.versie += 1
    opslaan(onderzoek, door=door, update_fields=["status", "versie", "gewijzigd_op"])


@transaction.atomic
def onderzoek_ter_review_sturen(*, onderzoek: Onderzoek, door) -> Onderzoek:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status != Onderzoek.Status.CONCEPT:
        raise OnderzoekFout(_("Alleen een concept kan ter review worden gestuurd."))
    problemen = ontbrekend(onderzoek=onderzoek)
    if problemen:
        raise NietCompleet(problemen)
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.TER_REVIEW, door=door)
    meldingen.onderzoek_melden(onderzoek=onderzoek, soort=meldingen.Soort.TER_REVIEW, door=door)
    return onderzoek


@transaction.atomic
def onderzoek_vaststellen(*, onderzoek: Onderzoek, door) -> Onderzoek:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status != Onderzoek.Status.TER_REVIEW:
        raise OnderzoekFout(_("Alleen een onderzoek dat ter review ligt kan worden vastgesteld."))
    if ter_review_gestuurd_door(onderzoek=onderzoek) == door.pk:
        raise OnderzoekFout(
            _("Een tweede inspecteur stelt het onderzoek vast, niet wie het ter review stuurde.")
        )
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.VASTGESTELD, door=door)
    meldingen.onderzoek_melden(onderzoek=onderzoek, soort=meldingen.Soort.VASTGESTELD, door=door)
    return onderzoek


def publicatie_voorbereiden(*, onderzoek: Onderzoek, op: date) -> dict:
    """What publishing a vastgesteld study on `op` sets: its status, publicatiedatum,
    publicatiemaand (the one set, else the month of `op`) and voortgang_deadline (the one set,
    else a year later). The publication is rendered with these
    values before anything is saved (rapporten.services.onderzoek_publiceren)."""
    _moet_vastgesteld_zijn(onderzoek)
    return {
        "status": Onderzoek.Status.GEPUBLICEERD,
        "publicatiedatum": op,
        "publicatiemaand": onderzoek.publicatiemaand or op.replace(day=1),
        "voortgang_deadline": onderzoek.voortgang_deadline or standaard_voortgang_deadline(op),
    }


def publicatie_registreren(
    *,
    onderzoek: Onderzoek,
    door,
    publicatiedatum: date,
    voortgang_deadline: date,
    publicatiemaand: date | None = None,
) -> Onderzoek:
    """Mark a vastgesteld study published. Publishing is producing the publication, so
    rapporten.services.onderzoek_publiceren calls this inside its short transaction, on the row
    it locked, with the frozen publication saved in the same transaction."""
    _moet_vastgesteld_zijn(onderzoek)
    onderzoek.publicatiedatum = publicatiedatum
    onderzoek.voortgang_deadline = voortgang_deadline
    onderzoek.publicatiemaand = publicatiemaand or publicatiedatum.replace(day=1)
    velden = ["publicatiedatum", "publicatiemaand", "voortgang_deadline", "gewijzigd_op"]
    opslaan(onderzoek, door=door, update_fields=velden)
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.GEPUBLICEERD, door=door)
    meldingen.onderzoek_melden(onderzoek=onderzoek, soort=meldingen.Soort.GEPUBLICEERD, door=door)
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
    meldingen.onderzoek_melden(onderzoek=onderzoek, soort=meldingen.Soort.HEROPEND, door=door)
    return onderzoek
