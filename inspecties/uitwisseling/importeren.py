"""Importing an exchange file: checked as a whole first, then stored all or nothing.

Natural keys make a second import of the same file a no-op: a gemeente by its CBS code, an
aanpak by gemeente and name, a netwerkpartner by name, a study by gemeente, aanpak, soort and
jaar. What is already there is left as it is (never overwritten); only what is missing is
added. Studies are created through onderzoeken.services (so a follow-up gets exactly the
indicators its scope needs) and keep the file's dates, texts, scores and status.

Freezing the PDFs of imported published studies is rapporten's: its command and admin view call
`onderzoeken_importeren` and then freeze what it returns as `nieuw`.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, transaction

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner
from inspecties.onderzoeken.models import (
    ONDERZOEK_TEKSTVELDEN,
    Bevinding,
    Hoofdstuk,
    Onderzoek,
    ThemaConclusie,
)
from inspecties.onderzoeken.services import onderzoek_aanmaken, status_zetten
from inspecties.regels.deadlines import standaard_voortgang_deadline
from inspecties.uitwisseling import controle as _controle
from inspecties.uitwisseling.controle import Controle, KaderInfo, kader_sleutel
from inspecties.uitwisseling.fouten import UitwisselFout
from inspecties.uitwisseling.lezen import Probleem
from inspecties.uitwisseling.schema import NIET_GETOETST
from toetsingskader.models import Indicator, Toetsingskader

REDEN = "Geïmporteerd uit een uitwisselbestand (toezicht-onderzoek/1)"


@dataclass
class VoorbeeldOnderzoek:
    omschrijving: str
    status: str
    bestaat: bool


@dataclass
class Voorbeeld:
    """What an import would do, for the admin's preview."""

    controle: Controle
    gemeente: str = ""
    gemeente_bestaat: bool = False
    onderzoeken: list[VoorbeeldOnderzoek] = field(default_factory=list)


@dataclass
class ImportResultaat:
    nieuw: list[Onderzoek] = field(default_factory=list)
    bestaand: list[Onderzoek] = field(default_factory=list)


def kaders_info() -> dict[tuple[str, str], KaderInfo]:
    """What the check needs of every framework version, in four queries."""
    kaders = Toetsingskader.objects.prefetch_related("schaal", "themas")
    indicatoren: dict[int, list[str]] = {}
    for kader_id, sleutel in Indicator.objects.order_by(
        "criterium__thema__volgorde", "criterium__volgorde", "volgorde", "id"
    ).values_list("kader_id", "sleutel"):
        indicatoren.setdefault(kader_id, []).append(sleutel)
    return {
        (k.sleutel, k.versie): KaderInfo(
            vastgesteld=k.status == Toetsingskader.Status.VASTGESTELD,
            indicatoren=tuple(indicatoren.get(k.pk, ())),
            themas=frozenset(t.sleutel for t in k.themas.all()),
            codes=frozenset(o.code for o in k.schaal.all()),
            verbeterpunten=frozenset(o.code for o in k.schaal.all() if o.is_verbeterpunt),
        )
        for k in kaders
    }


def bestand_controleren(*, tekst: str) -> Controle:
    """The pure check of `controle`, with the frameworks in the database."""
    return _controle.bestand_controleren(tekst, kaders=kaders_info())


def _bestaand(gemeente: Gemeente | None, o: dict) -> Onderzoek | None:
    if gemeente is None:
        return None
    return (
        Onderzoek.objects.filter(
            aanpak__gemeente=gemeente, aanpak__naam=o["aanpak"], soort=o["soort"], jaar=o["jaar"]
        )
        .order_by("pk")
        .first()
    )


def import_bekijken(*, tekst: str) -> Voorbeeld:
    """Check a file and tell what importing it would add and what is there already."""
    controle = bestand_controleren(tekst=tekst)
    if not controle.in_orde:
        return Voorbeeld(controle)
    data = controle.data
    gemeente = Gemeente.objects.filter(cbs_code=data["gemeente"]["cbs_code"]).first()
    voorbeeld = Voorbeeld(controle, data["gemeente"]["naam"], gemeente is not None)
    aanwezig = set(
        Onderzoek.objects.filter(aanpak__gemeente=gemeente).values_list(
            "aanpak__naam", "soort", "jaar"
        )
        if gemeente is not None
        else ()
    )
    for o in data["onderzoeken"]:
        voorbeeld.onderzoeken.append(
            VoorbeeldOnderzoek(
                f"{Onderzoek.Soort(o['soort']).label} {o['aanpak']} ({o['jaar']})",
                Onderzoek.Status(o["status"]).label,
                (o["aanpak"], o["soort"], o["jaar"]) in aanwezig,
            )
        )
    return voorbeeld


def onderzoeken_importeren(*, tekst: str, door=None) -> ImportResultaat:
    """Check the file and store it in one transaction; raise UitwisselFout with every problem
    when it is not in order (nothing stored)."""
    controle = bestand_controleren(tekst=tekst)
    if not controle.in_orde:
        raise UitwisselFout(controle.problemen)
    try:
        return _opslaan(controle.data, door=door)
    except IntegrityError as fout:  # another import of this gemeente committed first
        raise UitwisselFout(
            [
                Probleem(
                    None, "", "tegelijk werd hetzelfde bestand geïmporteerd; probeer het opnieuw"
                )
            ]
        ) from fout


def _tekst(waarde) -> str:
    return (waarde or "").strip()


def _datum(waarde) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _bewaar(obj, *, door) -> None:
    obj._history_user = door  # simple-history records who acted, never the request's user
    obj.save()


@transaction.atomic
def _opslaan(data: dict, *, door) -> ImportResultaat:
    g = data["gemeente"]
    gemeente = Gemeente.objects.select_for_update().filter(cbs_code=g["cbs_code"]).first()
    if gemeente is None:
        gemeente = Gemeente(
            naam=g["naam"],
            cbs_code=g["cbs_code"],
            provincie=g.get("provincie") or "",
            inwoners=g.get("inwoners"),
            regio=g.get("regio") or "",
            context=_tekst(g.get("context")),
        )
        _bewaar(gemeente, door=door)
    partners = {}
    for p in data.get("netwerkpartners") or []:
        partners[p["naam"]], _ = Netwerkpartner.objects.get_or_create(naam=p["naam"])
    aanpakken, nieuwe_aanpakken = {}, []
    for a in data["aanpakken"]:
        aanpak = Aanpak.objects.filter(gemeente=gemeente, naam=a["naam"]).first()
        if aanpak is None:
            aanpak = Aanpak(
                gemeente=gemeente, naam=a["naam"], beschrijving=_tekst(a.get("beschrijving"))
            )
            _bewaar(aanpak, door=door)
            nieuwe_aanpakken.append(a)
        aanpakken[a["naam"]] = aanpak
    for a in nieuwe_aanpakken:
        aanpakken[a["naam"]].vervangt.set([aanpakken[n] for n in a.get("vervangt") or []])

    resultaat, per_id = ImportResultaat(), {}
    for o in data["onderzoeken"]:
        bestaand = _bestaand(gemeente, o)
        if bestaand is not None:
            per_id[o["id"]] = bestaand
            resultaat.bestaand.append(bestaand)
            continue
        onderzoek = _onderzoek_opslaan(
            o, aanpakken[o["aanpak"]], per_id.get(o.get("vorig")), partners, door
        )
        per_id[o["id"]] = onderzoek
        resultaat.nieuw.append(onderzoek)
    return resultaat


def _maandveld():
    try:
        return Onderzoek._meta.get_field("publicatiemaand")
    except FieldDoesNotExist:  # the field arrives with issue 14 item 1
        return None


def _onderzoek_opslaan(o: dict, aanpak: Aanpak, vorig, partners: dict, door) -> Onderzoek:
    kader = Toetsingskader.objects.get(
        sleutel=o["kader"]["sleutel"], versie=kader_sleutel(o["kader"])[1]
    )
    onderzoek = onderzoek_aanmaken(
        aanpak=aanpak,
        kader=kader,
        soort=o["soort"],
        jaar=o["jaar"],
        vorig_onderzoek=vorig,
        door=door,
    )
    for veld in ONDERZOEK_TEKSTVELDEN:  # absent or null: what onderzoek_aanmaken filled in
        if o.get(veld) is not None:
            setattr(onderzoek, veld, _tekst(o[veld]))
    onderzoek.presentatiedatum = _datum(o.get("presentatiedatum"))
    onderzoek.publicatiedatum = _datum(o.get("publicatiedatum"))
    onderzoek.voortgang_deadline = _datum(o.get("voortgang_deadline")) or (
        standaard_voortgang_deadline(onderzoek.publicatiedatum)
        if onderzoek.publicatiedatum
        else None
    )
    maandveld = _maandveld()
    if maandveld is not None and o.get("publicatiemaand"):
        jaar, maand = (int(d) for d in o["publicatiemaand"].split("-"))
        waarde = (
            date(jaar, maand, 1)
            if maandveld.get_internal_type() == "DateField"
            else o["publicatiemaand"]
        )
        setattr(onderzoek, maandveld.name, waarde)
    _bewaar(onderzoek, door=door)
    onderzoek.respondenten.set([partners[n] for n in o.get("respondenten") or []])
    for volgorde, h in enumerate(o.get("hoofdstukken") or [], start=1):
        hoofdstuk = Hoofdstuk(
            onderzoek=onderzoek,
            volgorde=volgorde,
            **{v: _tekst(h.get(v)) for v in Hoofdstuk.TEKSTEN},
        )
        _bewaar(hoofdstuk, door=door)
    _scores_opslaan(o, onderzoek, kader, door)
    for stap in (
        Onderzoek.Status.TER_REVIEW,
        Onderzoek.Status.VASTGESTELD,
        Onderzoek.Status.GEPUBLICEERD,
    ):
        if Onderzoek.Status.values.index(o["status"]) < Onderzoek.Status.values.index(stap):
            break
        status_zetten(onderzoek=onderzoek, naar=stap, door=door, reden=REDEN)
    return onderzoek


def _scores_opslaan(o: dict, onderzoek: Onderzoek, kader: Toetsingskader, door) -> None:
    beoordelingen = {
        b.indicator.sleutel: b for b in onderzoek.beoordelingen.select_related("indicator")
    }
    opties = {opt.code: opt for opt in kader.schaal.all()}
    for bev in o.get("bevindingen") or []:
        bevinding = Bevinding(
            onderzoek=onderzoek, tekst=_tekst(bev.get("tekst")), let_op=_tekst(bev.get("let_op"))
        )
        _bewaar(bevinding, door=door)
        for sleutel, code in bev["indicatoren"].items():
            beoordeling = beoordelingen.get(sleutel)
            if beoordeling is None:  # the check saw another scope than the database has
                raise UitwisselFout(
                    [Probleem(None, o["id"], f"indicator ‘{sleutel}’ valt niet in de scope")]
                )
            beoordeling.niet_getoetst = code == NIET_GETOETST
            beoordeling.optie = opties.get(code) if code and not beoordeling.niet_getoetst else None
            beoordeling.bevinding = bevinding
            _bewaar(beoordeling, door=door)
    conclusies = {
        c.thema.sleutel: c
        for c in ThemaConclusie.objects.filter(onderzoek=onderzoek).select_related("thema")
    }
    for thema, conclusie in (o.get("conclusies") or {}).items():
        c = conclusies[thema]
        c.gaat_goed, c.kan_beter = (
            _tekst(conclusie.get("gaat_goed")),
            _tekst(conclusie.get("kan_beter")),
        )
        _bewaar(c, door=door)
