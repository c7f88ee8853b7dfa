"""A bar chart as plain geometry for a server-side SVG: no JavaScript, printable, and read
without colour (each bar carries its number and year as text). Pure: no database."""

from dataclasses import dataclass

HOOGTE = 140  # drawing area for the bars, in SVG units
STAAF = 32
TUSSENRUIMTE = 20
MARGE_BOVEN = 22  # room for the number above the tallest bar
MARGE_ONDER = 24  # room for the year below the axis


@dataclass(frozen=True)
class Staaf:
    jaar: int
    waarde: int
    x: int
    y: int
    hoogte: int

    @property
    def midden(self) -> int:
        return self.x + STAAF // 2


@dataclass(frozen=True)
class Staafdiagram:
    staven: list[Staaf]
    breedte: int
    hoogte: int
    as_y: int

    @property
    def beschrijving(self) -> str:
        return "; ".join(f"{s.jaar}: {s.waarde}" for s in self.staven)


def staafdiagram(waarden: list[tuple[int, int]], *, maximum: int | None = None) -> Staafdiagram:
    """Bars for (jaar, waarde) pairs, scaled to `maximum` (default: the largest value), so that
    several charts side by side share one scale."""
    grootste = max([maximum or 0, *(w for _, w in waarden), 1])
    as_y = MARGE_BOVEN + HOOGTE
    staven = []
    for i, (jaar, waarde) in enumerate(waarden):
        h = round(HOOGTE * waarde / grootste)
        x = TUSSENRUIMTE + i * (STAAF + TUSSENRUIMTE)
        staven.append(Staaf(jaar=jaar, waarde=waarde, x=x, y=as_y - h, hoogte=h))
    breedte = TUSSENRUIMTE + len(waarden) * (STAAF + TUSSENRUIMTE)
    return Staafdiagram(staven=staven, breedte=breedte, hoogte=as_y + MARGE_ONDER, as_y=as_y)
