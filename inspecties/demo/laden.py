"""Fills an empty database with the published demo cases in inspecties/demo/*.yaml: files in the
exchange format (docs/uitwisselformaat.md), loaded by its import (inspecties.uitwisseling)."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

import yaml

from gemeenten.models import Gemeente
from inspecties.beveiliging.rollen import Rol, rol_groep
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken.models import Onderzoek
from inspecties.uitwisseling.importeren import UitwisselFout, onderzoeken_importeren

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
    loader when PyYAML has it, with its text (`_tekst`) for the import and its path (`_pad`).
    Read only: callers never change what it returns."""
    tekst = pad.read_text(encoding="utf-8")
    data = yaml.load(tekst, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {**data, "_tekst": tekst, "_pad": pad}


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
    for data in te_laden:  # one use of the exchange format's import
        try:
            geladen += onderzoeken_importeren(tekst=data["_tekst"]).nieuw
        except UitwisselFout as fout:
            raise DemoFout(f"Demobestand {data['_pad'].name} is niet in orde:\n{fout}") from fout
    demo_gebruikers_aanmaken()
    inspecteurs = get_user_model().objects.filter(
        groups__name=Rol.INSPECTEUR,
        username__in=[d.gebruikersnaam for d in DEMO_GEBRUIKERS],
    )
    for onderzoek in geladen:
        onderzoek.inspecteurs.set(inspecteurs)
    return geladen
