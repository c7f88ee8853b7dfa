"""What became of an improvement point (X): pure, no database.

A follow-up re-scores only last time's X, matched by the indicator's stable key. For each
earlier X the first completed follow-up of that study decides:

- **opgelost**: re-scored √;
- **nog open**: re-scored X, or no follow-up yet;
- **indicator gewijzigd**: not re-scored, and the follow-up's framework version no longer has
  the indicator, or words it differently (the same key, another question);
- **niet opnieuw getoetst**: a follow-up came, the indicator still exists as it was, but it was
  not scored again (marked niet getoetst, or left out).

A score in the follow-up wins over a changed wording: the inspectors judged it after all.
"""

from dataclasses import dataclass
from enum import StrEnum


class Uitkomst(StrEnum):
    OPGELOST = "opgelost"
    NOG_OPEN = "nog_open"
    GEWIJZIGD = "gewijzigd"
    NIET_OPNIEUW = "niet_opnieuw"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Uitkomst.OPGELOST: "Opgelost",
    Uitkomst.NOG_OPEN: "Nog open",
    Uitkomst.GEWIJZIGD: "Indicator gewijzigd",
    Uitkomst.NIET_OPNIEUW: "Niet opnieuw getoetst",
}


@dataclass(frozen=True)
class Herbeoordeling:
    """What the follow-up says about one indicator key.

    `in_kader`: the follow-up's framework version has an indicator with this key;
    `zelfde_tekst`: ... worded as in the earlier study; `verbeterpunt`: True (X), False (√) or
    None (not scored, marked niet getoetst, or absent)."""

    in_kader: bool
    zelfde_tekst: bool
    verbeterpunt: bool | None


def uitkomst(herbeoordeling: Herbeoordeling | None) -> Uitkomst:
    """What became of an earlier X; `None`: there is no completed follow-up yet."""
    if herbeoordeling is None:
        return Uitkomst.NOG_OPEN
    if herbeoordeling.verbeterpunt is False:
        return Uitkomst.OPGELOST
    if herbeoordeling.verbeterpunt is True:
        return Uitkomst.NOG_OPEN
    if not herbeoordeling.in_kader or not herbeoordeling.zelfde_tekst:
        return Uitkomst.GEWIJZIGD
    return Uitkomst.NIET_OPNIEUW


def tellingen(uitkomsten) -> dict[Uitkomst, int]:
    """How many of each outcome, every outcome present (0 when none), in a fixed order."""
    telling = dict.fromkeys(Uitkomst, 0)
    for u in uitkomsten:
        telling[u] += 1
    return telling
