"""Everything that writes frameworks."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspecties.fouten import ToezichtFout
from toetsingskader.models import Criterium, Indicator, Schaaloptie, Thema, Toetsingskader
from toetsingskader.yaml_io import KaderData, KaderFout, Probleem, lees_kader, schrijf_kader


class ToetsingskaderFout(ToezichtFout):
    """A framework change that is not allowed, with a Dutch message for the user."""


def kader_checksum(data: KaderData) -> str:
    """Checksum of a framework's content (not its comments or layout)."""
    return hashlib.sha256(schrijf_kader(data).encode()).hexdigest()


def _vul_kader(kader: Toetsingskader, data: KaderData) -> None:
    for volgorde, optie in enumerate(data.schaal):
        Schaaloptie.objects.create(
            kader=kader,
            code=optie.code,
            symbool=optie.symbool,
            label=optie.label,
            is_verbeterpunt=optie.is_verbeterpunt,
            volgorde=volgorde,
        )
    for t, thema_data in enumerate(data.themas):
        thema = Thema.objects.create(
            kader=kader,
            sleutel=thema_data.sleutel,
            naam=thema_data.naam,
            omschrijving=thema_data.omschrijving,
            volgorde=t,
        )
        for c, crit_data in enumerate(thema_data.criteria):
            criterium = Criterium(
                thema=thema, kader=kader, sleutel=crit_data.sleutel, naam=crit_data.naam, volgorde=c
            )
            criterium.save()
            Indicator.objects.bulk_create(
                Indicator(
                    criterium=criterium,
                    kader=kader,
                    sleutel=ind.sleutel,
                    tekst=ind.tekst,
                    operationalisering=ind.operationalisering,
                    volgorde=i,
                )
                for i, ind in enumerate(crit_data.indicatoren)
            )


@transaction.atomic
def toetsingskader_laden(*, tekst: str, vaststellen: bool = False) -> tuple[Toetsingskader, bool]:
    """Load a framework from YAML text. Returns (kader, changed).

    Loading the same content again changes nothing. A different content under a version that is
    no longer concept is refused: published results must never change.
    """
    data = lees_kader(tekst)
    checksum = kader_checksum(data)
    kader = (
        Toetsingskader.objects.select_for_update()
        .filter(sleutel=data.sleutel, versie=data.versie)
        .first()
    )
    if kader is not None:
        if kader.bron_checksum == checksum:
            if vaststellen and kader.status == Toetsingskader.Status.CONCEPT:
                toetsingskader_vaststellen(kader=kader)
                return kader, True
            return kader, False
        if kader.status != Toetsingskader.Status.CONCEPT:
            raise KaderFout(
                [
                    Probleem(
                        None,
                        f"{data.sleutel} versie {data.versie}",
                        _(
                            "deze versie is al %(status)s en mag niet meer veranderen; "
                            "geef het gewijzigde kader een nieuw versienummer"
                        )
                        % {"status": kader.get_status_display().lower()},
                    )
                ]
            )
        kader.themas.all().delete()
        kader.schaal.all().delete()
    else:
        kader = Toetsingskader(sleutel=data.sleutel, versie=data.versie)
    kader.naam = data.naam
    kader.uitgever = data.uitgever
    kader.definitie = data.definitie
    kader.bron_checksum = checksum
    kader.full_clean()
    kader.save()
    _vul_kader(kader, data)
    if vaststellen:
        toetsingskader_vaststellen(kader=kader)
    return kader, True


@transaction.atomic
def toetsingskader_vaststellen(*, kader: Toetsingskader) -> Toetsingskader:
    if kader.status != Toetsingskader.Status.CONCEPT:
        raise ToetsingskaderFout(_("Alleen een concept kan worden vastgesteld."))
    if not kader.indicatoren.exists():
        raise ToetsingskaderFout(
            _("Een toetsingskader zonder indicatoren kan niet worden vastgesteld.")
        )
    kader.status = Toetsingskader.Status.VASTGESTELD
    kader.vastgesteld_op = timezone.now()
    kader.save(update_fields=["status", "vastgesteld_op"])
    return kader


@transaction.atomic
def toetsingskader_nieuwe_versie(*, kader: Toetsingskader, versie: str) -> Toetsingskader:
    """Copy a version into a new concept with the same keys, to be reworded and reordered."""
    versie = versie.strip()
    if not versie:
        raise ToetsingskaderFout(_("Geef de nieuwe versie een versienummer."))
    if Toetsingskader.objects.filter(sleutel=kader.sleutel, versie=versie).exists():
        raise ToetsingskaderFout(
            _("Versie %(versie)s van dit toetsingskader bestaat al.") % {"versie": versie}
        )
    from toetsingskader.selectors import kader_naar_data

    data = kader_naar_data(kader=kader)
    data.versie = versie
    nieuw = Toetsingskader(
        sleutel=kader.sleutel,
        versie=versie,
        naam=kader.naam,
        uitgever=kader.uitgever,
        definitie=kader.definitie,
        voorganger=kader,
    )
    nieuw.full_clean()
    nieuw.save()
    _vul_kader(nieuw, data)
    return nieuw


@transaction.atomic
def toetsingskader_laten_vervallen(*, kader: Toetsingskader) -> Toetsingskader:
    """A vastgesteld version that may no longer be chosen for new studies."""
    if kader.status != Toetsingskader.Status.VASTGESTELD:
        raise ToetsingskaderFout(_("Alleen een vastgesteld toetsingskader kan vervallen."))
    kader.status = Toetsingskader.Status.VERVALLEN
    kader.save(update_fields=["status"])
    return kader
