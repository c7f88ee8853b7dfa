"""What changed between two versions of a framework, computed over plain data (no database)."""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from toetsingskader.yaml_io import KaderData


@dataclass(frozen=True)
class IndicatorPlek:
    sleutel: str
    tekst: str
    thema: str  # theme name
    criterium_sleutel: str
    criterium: str  # criterion name


@dataclass
class KaderVerschil:
    toegevoegd: list[IndicatorPlek] = field(default_factory=list)
    verwijderd: list[IndicatorPlek] = field(default_factory=list)
    herformuleerd: list[tuple[IndicatorPlek, IndicatorPlek]] = field(default_factory=list)
    verplaatst: list[tuple[IndicatorPlek, IndicatorPlek]] = field(default_factory=list)
    aantal_ongewijzigd: int = 0

    @property
    def is_leeg(self) -> bool:
        return not (self.toegevoegd or self.verwijderd or self.herformuleerd or self.verplaatst)


def _plekken(kader: KaderData) -> dict[str, IndicatorPlek]:
    return {
        i.sleutel: IndicatorPlek(i.sleutel, i.tekst, t.naam, c.sleutel, c.naam)
        for t in kader.themas
        for c in t.criteria
        for i in c.indicatoren
    }


def _volgorde_per_criterium(kader: KaderData, sleutels: set[str]) -> dict[str, list[str]]:
    return {
        c.sleutel: [i.sleutel for i in c.indicatoren if i.sleutel in sleutels]
        for t in kader.themas
        for c in t.criteria
    }


def kader_verschil(oud: KaderData, nieuw: KaderData) -> KaderVerschil:
    """Indicators added, removed, reworded and moved, matched by their stable key.

    Moved means: now under another criterion, or out of order relative to the indicators the
    two versions share within the same criterion (an insertion does not move its neighbours).
    """
    oude, nieuwe = _plekken(oud), _plekken(nieuw)
    verschil = KaderVerschil(
        toegevoegd=[p for s, p in nieuwe.items() if s not in oude],
        verwijderd=[p for s, p in oude.items() if s not in nieuwe],
    )
    gedeeld = set(oude) & set(nieuwe)
    oude_volgorde = _volgorde_per_criterium(oud, gedeeld)
    nieuwe_volgorde = _volgorde_per_criterium(nieuw, gedeeld)
    uit_volgorde: set[str] = set()
    for criterium, nieuw_rij in nieuwe_volgorde.items():
        oud_rij = [
            s for s in oude_volgorde.get(criterium, []) if oude[s].criterium_sleutel == criterium
        ]
        nieuw_rij = [s for s in nieuw_rij if oude[s].criterium_sleutel == criterium]
        matcher = SequenceMatcher(a=oud_rij, b=nieuw_rij, autojunk=False)
        op_plek = {
            s
            for blok in matcher.get_matching_blocks()
            for s in nieuw_rij[blok.b : blok.b + blok.size]
        }
        uit_volgorde |= set(nieuw_rij) - op_plek
    for sleutel, nieuwe_plek in nieuwe.items():
        if sleutel not in oude:
            continue
        oude_plek = oude[sleutel]
        gewijzigd = False
        if oude_plek.tekst != nieuwe_plek.tekst:
            verschil.herformuleerd.append((oude_plek, nieuwe_plek))
            gewijzigd = True
        if oude_plek.criterium_sleutel != nieuwe_plek.criterium_sleutel or sleutel in uit_volgorde:
            verschil.verplaatst.append((oude_plek, nieuwe_plek))
            gewijzigd = True
        if not gewijzigd:
            verschil.aantal_ongewijzigd += 1
    return verschil
