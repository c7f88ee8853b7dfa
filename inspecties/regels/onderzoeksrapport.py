"""Pure rules of the onderzoeksrapport (the report of a toezichtonderzoek). No database."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from inspecties.fouten import ToezichtFout


class BronnenFout(ToezichtFout, ValueError):
    """A line of the sources list that does not start with a count; the message is Dutch."""


@dataclass(frozen=True)
class Bron:
    """One line of ‘Geraadpleegde bronnen’: how many people of which role were consulted."""

    aantal: int
    wie: str


_BRONREGEL = re.compile(r"^\s*[-•*]?\s*(\d+)\s*[x×]?\s+(\S.*?)\s*$")


def bronnen_lezen(tekst: str) -> list[Bron]:
    """‘9 jeugdprofessionals CJG’ per line → Bron(9, 'jeugdprofessionals CJG'); empty lines skip.

    A list bullet before the count is allowed. A line without a count is refused with its
    line number, so the inspector sees which one to fix.
    """
    bronnen = []
    for nummer, regel in enumerate((tekst or "").splitlines(), start=1):
        if not regel.strip():
            continue
        gevonden = _BRONREGEL.match(regel)
        if not gevonden or int(gevonden[1]) < 1:
            raise BronnenFout(
                f"Regel {nummer} (‘{regel.strip()[:60]}’): begin met een aantal van 1 of meer, "
                "bijvoorbeeld ‘2 huisartsen’."
            )
        bronnen.append(Bron(aantal=int(gevonden[1]), wie=gevonden[2]))
    return bronnen


def ontbrekend_in_rapport(
    *, teksten: Mapping[str, object], hoofdstukken: Iterable[Mapping]
) -> list[str]:
    """What still blocks sending an onderzoeksrapport for review, as Dutch sentences.

    `teksten`: the study's fields (samenvatting, oordeel, bronnen, voortgang_deadline);
    `hoofdstukken`: each chapter's titel, bevindingen and conclusie.
    """
    problemen = []
    if not str(teksten.get("samenvatting") or "").strip():
        problemen.append("De samenvatting ontbreekt.")
    if not str(teksten.get("oordeel") or "").strip():
        problemen.append("Het oordeel ontbreekt.")
    if not teksten.get("voortgang_deadline"):
        problemen.append("De datum waarvoor de gemeente haar verbeteringen meldt, ontbreekt.")
    if not str(teksten.get("bronnen") or "").strip():
        problemen.append("De geraadpleegde bronnen ontbreken.")
    hoofdstukken = list(hoofdstukken)
    if not hoofdstukken:
        problemen.append("Het rapport heeft nog geen hoofdstuk met bevindingen.")
    for h in hoofdstukken:
        naam = str(h.get("titel") or "").strip() or "(zonder titel)"
        if not str(h.get("bevindingen") or "").strip():
            problemen.append(f"Hoofdstuk ‘{naam}’ heeft nog geen bevindingen.")
        if not str(h.get("conclusie") or "").strip():
            problemen.append(f"Hoofdstuk ‘{naam}’ heeft nog geen conclusie.")
    return problemen
