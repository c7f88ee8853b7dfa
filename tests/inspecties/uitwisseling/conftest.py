from pathlib import Path

import pytest

from inspecties.demo.laden import DEMO_MAP
from inspecties.uitwisseling.controle import KaderInfo
from toetsingskader.management.commands.laad_toetsingskader import MEEGELEVERD
from toetsingskader.yaml_io import lees_kader


def kader_info(pad: Path) -> tuple[tuple[str, str], KaderInfo]:
    k = lees_kader(pad.read_text(encoding="utf-8"))
    return (k.sleutel, k.versie), KaderInfo(
        vastgesteld=True,
        indicatoren=tuple(i.sleutel for t in k.themas for c in t.criteria for i in c.indicatoren),
        themas=frozenset(t.sleutel for t in k.themas),
        codes=frozenset(o.code for o in k.schaal),
        verbeterpunten=frozenset(o.code for o in k.schaal if o.is_verbeterpunt),
    )


@pytest.fixture(scope="session")
def kaders_zonder_db() -> dict:
    """What the check needs of the shipped frameworks, read from their files (no database)."""
    return dict(kader_info(p) for p in sorted(MEEGELEVERD.glob("*.yaml")))


def demo_tekst(naam: str) -> str:
    return (DEMO_MAP / naam).read_text(encoding="utf-8")


# A small beleidstoets and its follow-up: two indicators scored X in 2013 (one shared finding
# for two adjacent indicators), the rest of the framework √.
KLEIN = """\
formaat: toezicht-onderzoek/1
gemeente:
  naam: Archiefstad
  cbs_code: GM9901
  provincie: Utrecht
  inwoners: 12000
  context: Een kleine gemeente.
netwerkpartners:
  - naam: GGD Archief
aanpakken:
  - naam: Oude aanpak
    beschrijving: Zoals het was.
  - naam: Nieuwe aanpak
    vervangt: [Oude aanpak]
onderzoeken:
  - id: archief-2013
    aanpak: Oude aanpak
    soort: beleidstoets
    jaar: 2013
    kader: {sleutel: ggsr-beleid, versie: "2013"}
    status: gepubliceerd
    publicatiedatum: 2013-12-01
    publicatiemaand: 2013-12
    respondenten: [GGD Archief]
    inleiding: "=HYPERLINK(\\"http://x.example\\",\\"klik\\")"
    bevindingen:
      - indicatoren: {zicht-op-populatie: verbeterpunt}
        tekst: "+SUM(A1:A9) blijft tekst"
        let_op: "@cmd"
      - indicatoren: {gezamenlijke-visie: verbeterpunt, beleid-ggsr: voldoet}
        tekst: Eén bevinding voor twee indicatoren.
    conclusies:
      toeleiding: {gaat_goed: Goed., kan_beter: Beter.}
  - id: archief-2014
    aanpak: Nieuwe aanpak
    soort: vervolgonderzoek
    jaar: 2014
    kader: {sleutel: ggsr-beleid, versie: "2013"}
    status: concept
    vorig: archief-2013
    presentatiedatum: 2015-02-09
    bevindingen:
      - indicatoren: {zicht-op-populatie: voldoet}
        tekst: Opgelost.
"""
