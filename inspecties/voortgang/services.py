"""Writes around progress reports (voortgangsrapportages): submitting, reading, due dates."""

import hashlib
from datetime import date

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from gemeenten.models import Gemeente
from inspecties.fouten import ToezichtFout
from inspecties.meldingen import services as meldingen
from inspecties.onderzoeken.models import Onderzoek
from inspecties.voortgang.models import MAX_BERICHT, Voortgangsrapportage
from inspecties.voortgang.uploads import (
    EXTENSIE,
    BestandFout,
    bestandstype_herkennen,
    naam_opschonen,
)


class VoortgangFout(ToezichtFout):
    """A progress report action that is not allowed, with a Dutch message for the user."""


def _sha256(f) -> str:
    f.seek(0)
    h = hashlib.sha256()
    for blok in iter(lambda: f.read(1024 * 1024), b""):
        h.update(blok)
    f.seek(0)
    return h.hexdigest()


def voortgangsrapportage_indienen(
    *, onderzoek: Onderzoek, bestand, bericht: str = "", door
) -> Voortgangsrapportage:
    """Store a checked upload under a random name and tell the study's inspectors.

    `bestand` is a Django UploadedFile (or any file object with `.name`). A submitted report
    is never changed; a newer one is simply added.
    """
    if onderzoek.status != Onderzoek.Status.GEPUBLICEERD:
        raise VoortgangFout("Voor dit onderzoek kunt u (nog) geen voortgangsrapportage indienen.")
    if not Gemeente.objects.voor_gebruiker(door).filter(pk=onderzoek.aanpak.gemeente_id).exists():
        raise VoortgangFout("U kunt alleen voor uw eigen gemeente een rapportage indienen.")
    bericht = (bericht or "").strip()
    if len(bericht) > MAX_BERICHT:
        raise VoortgangFout(f"Het bericht mag hoogstens {MAX_BERICHT} tekens lang zijn.")
    try:
        inhoudstype = bestandstype_herkennen(bestand)
    except BestandFout as exc:
        raise VoortgangFout(str(exc)) from exc
    bestand.seek(0, 2)
    grootte = bestand.tell()
    sha256 = _sha256(bestand)
    oorspronkelijke_naam = naam_opschonen(getattr(bestand, "name", "") or "")

    rapportage = Voortgangsrapportage(
        onderzoek=onderzoek,
        oorspronkelijke_naam=oorspronkelijke_naam or f"voortgang.{EXTENSIE[inhoudstype]}",
        inhoudstype=inhoudstype,
        grootte=grootte,
        sha256=sha256,
        bericht=bericht,
        ingediend_door=door,
    )
    rapportage.bestand.save("upload", File(bestand), save=False)
    try:
        with transaction.atomic():
            rapportage.full_clean()
            rapportage.save()
    except Exception:
        rapportage.bestand.storage.delete(rapportage.bestand.name)
        raise
    meldingen.rapportage_melden(rapportage=rapportage)  # e-mail and start page, after commit
    return rapportage


def voortgangsrapportage_gelezen(*, rapportage: Voortgangsrapportage, door) -> None:
    if rapportage.gelezen_op is not None:
        return
    rapportage.gelezen_op = timezone.now()
    rapportage.gelezen_door = door
    rapportage.save(update_fields=["gelezen_op", "gelezen_door"])


def voortgang_deadline_zetten(*, onderzoek: Onderzoek, deadline: date | None, door) -> None:
    """Change when the municipality's next progress report is due."""
    onderzoek.voortgang_deadline = deadline
    onderzoek._history_user = door  # simple-history records who changed the date
    onderzoek.save(update_fields=["voortgang_deadline", "gewijzigd_op"])
