"""Fills an empty database with the published demo cases in inspecties/demo/*.yaml."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

import yaml

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner
from inspecties.beveiliging.rollen import Rol, rol_groep
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken.models import (
    ONDERZOEK_TEKSTVELDEN,
    Bevinding,
    Hoofdstuk,
    Onderzoek,
    ThemaConclusie,
)
from inspecties.onderzoeken.services import onderzoek_aanmaken, status_zetten
from inspecties.regels.deadlines import standaard_voortgang_deadline
from toetsingskader.models import Toetsingskader

DEMO_MAP = Path(__file__).resolve().parent  # the YAML files beside this module
DEMO_WACHTWOORD = "toezicht-demo"


@dataclass(frozen=True)
class DemoGebruiker:
    gebruikersnaam: str
    naam: str
    rol: str
    gemeente_cbs: str | None = None


DEMO_GEBRUIKERS = (
    DemoGebruiker("inspecteur", "Ineke Inspecteur", Rol.INSPECTEUR),
    DemoGebruiker("inspecteur2", "Iwan Tweede-Inspecteur", Rol.INSPECTEUR),
    DemoGebruiker("gouda", "Gert Gemeente Gouda", Rol.GEMEENTE, "GM0513"),
    DemoGebruiker("bergenopzoom", "Bart Gemeente Bergen op Zoom", Rol.GEMEENTE, "GM0748"),
    DemoGebruiker("beheerder", "Bea Beheerder", Rol.BEHEERDER),
    DemoGebruiker("medewerker", "Mo Medewerker", Rol.MEDEWERKER),
)


class DemoFout(ToezichtFout):
    pass


@lru_cache(maxsize=16)
def _demo_data(pad: Path, gewijzigd: float) -> dict:
    """A demo file, parsed once per process and version (`gewijzigd`: its mtime); libyaml's
    loader when PyYAML has it. Read only: callers never change what it returns."""
    return yaml.load(
        pad.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )


def demo_data(pad: Path) -> dict:
    return _demo_data(pad, pad.stat().st_mtime)


def demo_bestanden() -> list[Path]:
    return sorted(DEMO_MAP.glob("*.yaml"))


def demo_cbs_codes() -> set[str]:
    return {demo_data(pad)["gemeente"]["cbs_code"] for pad in demo_bestanden()}


def demo_gebruikers_aanmaken() -> list[DemoGebruiker]:
    User = get_user_model()
    for demo in DEMO_GEBRUIKERS:
        voornaam, _, achternaam = demo.naam.partition(" ")
        gebruiker, aangemaakt = User.objects.get_or_create(
            username=demo.gebruikersnaam,
            defaults={
                "first_name": voornaam,
                "last_name": achternaam,
                "email": f"{demo.gebruikersnaam}@example.org",
            },
        )
        if aangemaakt:
            gebruiker.set_password(DEMO_WACHTWOORD)
            gebruiker.is_staff = demo.rol == Rol.BEHEERDER
            gebruiker.save()
        gebruiker.groups.add(rol_groep(demo.rol))
        if demo.gemeente_cbs:
            # A user whose municipality is not loaded (yet) is linked on a later load.
            gemeente = Gemeente.objects.filter(cbs_code=demo.gemeente_cbs).first()
            if gemeente is not None:
                gemeente.gebruikers.add(gebruiker)
    return list(DEMO_GEBRUIKERS)


def _tekst(waarde) -> str:
    return (waarde or "").strip()


def _datum(waarde) -> date | None:
    if waarde in (None, ""):
        return None
    return waarde if isinstance(waarde, date) else date.fromisoformat(str(waarde))


def _laad_bestand(data: dict) -> list[Onderzoek]:
    g = data["gemeente"]
    gemeente = Gemeente.objects.create(
        naam=g["naam"],
        cbs_code=g["cbs_code"],
        provincie=g.get("provincie", ""),
        inwoners=g.get("inwoners"),
        regio=g.get("regio", ""),
        context=_tekst(g.get("context")),
    )
    partners = {}
    for p in data.get("netwerkpartners", []):
        partners[p["naam"]], _ = Netwerkpartner.objects.get_or_create(naam=p["naam"])
    aanpakken = {}
    for a in data["aanpakken"]:
        aanpakken[a["naam"]] = Aanpak.objects.create(
            gemeente=gemeente, naam=a["naam"], beschrijving=_tekst(a.get("beschrijving"))
        )
    for a in data["aanpakken"]:
        aanpakken[a["naam"]].vervangt.set([aanpakken[n] for n in a.get("vervangt") or []])

    onderzoeken: dict[str, Onderzoek] = {}
    for o in data["onderzoeken"]:
        kader = Toetsingskader.objects.get(
            sleutel=o["kader"]["sleutel"], versie=str(o["kader"]["versie"])
        )
        onderzoek = onderzoek_aanmaken(
            aanpak=aanpakken[o["aanpak"]],
            kader=kader,
            soort=o["soort"],
            jaar=o["jaar"],
            vorig_onderzoek=onderzoeken.get(o.get("vorig")),
        )
        for veld in ONDERZOEK_TEKSTVELDEN:  # the dates follow below
            if o.get(veld) is not None:  # null: keep what creating the study filled in
                setattr(onderzoek, veld, _tekst(o[veld]))
        onderzoek.presentatiedatum = _datum(o.get("presentatiedatum"))
        onderzoek.publicatiedatum = _datum(o.get("publicatiedatum"))
        onderzoek.voortgang_deadline = _datum(o.get("voortgang_deadline")) or (
            standaard_voortgang_deadline(onderzoek.publicatiedatum)
            if onderzoek.publicatiedatum
            else None
        )
        onderzoek.save()
        onderzoek.respondenten.set([partners[n] for n in o.get("respondenten") or []])
        for volgorde, h in enumerate(o.get("hoofdstukken") or [], start=1):
            Hoofdstuk.objects.create(
                onderzoek=onderzoek,
                volgorde=volgorde,
                **{veld: _tekst(h.get(veld)) for veld in Hoofdstuk.TEKSTEN},
            )

        beoordelingen = {
            b.indicator.sleutel: b for b in onderzoek.beoordelingen.select_related("indicator")
        }
        opties = {opt.code: opt for opt in kader.schaal.all()}
        for bev in o.get("bevindingen") or []:
            bevinding = Bevinding.objects.create(
                onderzoek=onderzoek,
                tekst=_tekst(bev.get("tekst")),
                let_op=_tekst(bev.get("let_op")),
            )
            for sleutel, code in bev["indicatoren"].items():
                if sleutel not in beoordelingen:
                    raise DemoFout(f"{o['id']}: indicator {sleutel} valt niet in de scope")
                beoordeling = beoordelingen[sleutel]
                if code == "niet-getoetst":
                    beoordeling.niet_getoetst = True
                else:
                    beoordeling.optie = opties[code]
                beoordeling.bevinding = bevinding
                beoordeling.save()
        conclusies = {
            c.thema.sleutel: c
            for c in ThemaConclusie.objects.filter(onderzoek=onderzoek).select_related("thema")
        }
        for thema_sleutel, conclusie in (o.get("conclusies") or {}).items():
            c = conclusies[thema_sleutel]
            c.gaat_goed = _tekst(conclusie.get("gaat_goed"))
            c.kan_beter = _tekst(conclusie.get("kan_beter"))
            c.save()
        status = o.get("status", Onderzoek.Status.CONCEPT)
        for stap in (
            Onderzoek.Status.TER_REVIEW,
            Onderzoek.Status.VASTGESTELD,
            Onderzoek.Status.GEPUBLICEERD,
        ):
            if Onderzoek.Status.values.index(status) < Onderzoek.Status.values.index(stap):
                break
            status_zetten(onderzoek=onderzoek, naar=stap, reden="Demo: gepubliceerde casus")
        onderzoeken[o["id"]] = onderzoek
    return list(onderzoeken.values())


@transaction.atomic
def demo_laden(*, forceren: bool = False) -> list[Onderzoek] | None:
    """Load every demo file. Returns None when the demo is already there (a no-op).

    A database that already holds the demo gets only the demo files added since (a file per
    municipality, matched by CBS code); the cases already loaded are left as they are.
    """
    bestanden = [demo_data(pad) for pad in demo_bestanden()]
    codes = {data["gemeente"]["cbs_code"] for data in bestanden}
    aanwezig = set(Gemeente.objects.filter(cbs_code__in=codes).values_list("cbs_code", flat=True))
    te_laden = [data for data in bestanden if data["gemeente"]["cbs_code"] not in aanwezig]
    if not te_laden:
        demo_gebruikers_aanmaken()
        return None
    if not aanwezig and not forceren and (Gemeente.objects.exists() or Onderzoek.objects.exists()):
        raise DemoFout(
            "De database bevat al andere gegevens; de demo wordt niet geladen. "
            "Gebruik --force om de demo toch toe te voegen."
        )
    geladen: list[Onderzoek] = []
    for data in te_laden:
        geladen += _laad_bestand(data)
    demo_gebruikers_aanmaken()
    inspecteurs = get_user_model().objects.filter(
        groups__name=Rol.INSPECTEUR,
        username__in=[d.gebruikersnaam for d in DEMO_GEBRUIKERS],
    )
    for onderzoek in geladen:
        onderzoek.inspecteurs.set(inspecteurs)
    return geladen
