"""Pure rules about which indicators a study scores. No database: tests call these directly."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class VervolgScope:
    """The indicators a follow-up re-scores, matched by key across framework versions."""

    opnieuw_toetsen: tuple[str, ...]  # keys present in the new version, in the new order
    vervallen: tuple[str, ...]  # keys that were verbeterpunt but no longer exist


def vervolg_scope(
    *, vorige_verbeterpunten: Iterable[str], nieuwe_sleutels: Iterable[str]
) -> VervolgScope:
    """A follow-up re-scores exactly the indicators that were verbeterpunt last time.

    `nieuwe_sleutels` is the follow-up framework's indicator keys in their order; keys that
    disappeared from the framework are reported, never silently dropped.
    """
    vorige = list(dict.fromkeys(vorige_verbeterpunten))
    nieuw = list(nieuwe_sleutels)
    nieuw_set = set(nieuw)
    vorige_set = set(vorige)
    return VervolgScope(
        opnieuw_toetsen=tuple(s for s in nieuw if s in vorige_set),
        vervallen=tuple(s for s in vorige if s not in nieuw_set),
    )


def ontbrekend_voor_review(
    beoordelingen: Iterable[Mapping],
) -> list[str]:
    """What still blocks sending a study for review, as Dutch sentences.

    Each item has `tekst` (indicator text), `gescoord` (bool) and `heeft_bevinding` (bool).
    """
    problemen = []
    for b in beoordelingen:
        if not b["gescoord"]:
            problemen.append(f"‘{b['tekst']}’ heeft nog geen oordeel.")
        if not b["heeft_bevinding"]:
            problemen.append(f"‘{b['tekst']}’ heeft nog geen bevinding.")
    return problemen
