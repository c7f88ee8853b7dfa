"""How a finding shared by several rows of a table is printed: once. Pure: no database."""

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass
class Cel:
    """The finding cell of one row: printed (`toon`) spanning `rowspan` rows, or covered by the
    cell of the row above it; `zie_bij` is the index of an earlier, non-adjacent row that
    printed the same finding; `gedeeld`: other rows have this finding too."""

    rowspan: int = 1
    toon: bool = True
    zie_bij: int | None = None
    gedeeld: bool = False


def samenvoegen(sleutels: Sequence[Hashable | None]) -> list[Cel]:
    """One cell per row, for rows whose findings are `sleutels` (None: no finding).

    Adjacent rows with the same key become one cell spanning them; a later, non-adjacent row
    with the key of an earlier one refers back to the row where it is printed.
    """
    aantal = Counter(s for s in sleutels if s is not None)
    cellen = [Cel(gedeeld=s is not None and aantal[s] > 1) for s in sleutels]
    gedrukt: dict[Hashable, int] = {}
    begin: int | None = None
    for i, sleutel in enumerate(sleutels):
        if begin is not None and sleutel is not None and sleutels[begin] == sleutel:
            cellen[begin].rowspan += 1
            cellen[i].toon = False
            continue
        begin = i
        if sleutel in gedrukt:
            cellen[i].zie_bij = gedrukt[sleutel]
        elif sleutel is not None:
            gedrukt[sleutel] = i
    return cellen
