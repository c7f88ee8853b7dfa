"""Charts as server-side SVG (issue 15): no JavaScript, printable by WeasyPrint, and readable
without the picture: each chart has a <title> and <desc> that say what it shows, and every
page puts the same numbers in a table beside it. Pure: no database, no request."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BREEDTE = 640
LABELBREEDTE = 270
WAARDEBREEDTE = 90
STAAFHOOGTE = 18
REGEL = 26
MARGE = 8
KLEUR = "#1d3b6f"  # the reports' dark blue: 10:1 against white
LIJN = "#495057"
MAX_LABEL = 40


@dataclass(frozen=True)
class Staaf:
    label: str
    waarde: float | None  # None: no data (drawn as "geen gegevens")
    toelichting: str = ""  # after the value, e.g. "+4,0" for the change


def _kort(tekst: str, maximum: int = MAX_LABEL) -> str:
    return tekst if len(tekst) <= maximum else tekst[: maximum - 1].rstrip() + "…"


def _getal(waarde: float) -> str:
    """Dutch notation: a decimal comma, no needless ",0"."""
    tekst = f"{waarde:.1f}".rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def staafdiagram(
    *, id: str, titel: str, staven: list[Staaf], eenheid: str = "%", maximum: float = 100
) -> SafeString:
    """A horizontal bar chart, one bar per item in the given order, as an inline SVG element
    with role img, labelled by its title and described by its highest and lowest values."""
    hoogte = 2 * MARGE + REGEL * max(len(staven), 1) + 16
    ruimte = BREEDTE - LABELBREEDTE - WAARDEBREEDTE
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img" '
        f'viewBox="0 0 {BREEDTE} {hoogte}" width="{BREEDTE}" height="{hoogte}" '
        f'aria-labelledby="{escape(id)}-titel {escape(id)}-omschrijving" '
        f'font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<title id="{escape(id)}-titel">{escape(titel)}</title>',
        f'<desc id="{escape(id)}-omschrijving">{escape(omschrijving(staven, eenheid))}</desc>',
    ]
    x0 = LABELBREEDTE
    for n, staaf in enumerate(staven):
        y = MARGE + n * REGEL
        midden = y + STAAFHOOGTE / 2 + 4
        delen.append(
            f'<text x="{x0 - 6}" y="{midden:.0f}" text-anchor="end" fill="#111">'
            f"{escape(_kort(staaf.label))}</text>"
        )
        if staaf.waarde is None:
            delen.append(f'<text x="{x0 + 4}" y="{midden:.0f}" fill="{LIJN}">geen gegevens</text>')
            continue
        lengte = ruimte * min(max(staaf.waarde, 0), maximum) / maximum if maximum else 0
        waarde = _getal(staaf.waarde) + eenheid
        if staaf.toelichting:
            waarde += f" ({staaf.toelichting})"
        delen.append(
            f'<rect x="{x0}" y="{y}" width="{lengte:.1f}" height="{STAAFHOOGTE}" fill="{KLEUR}"/>'
            f'<text x="{x0 + lengte + 4:.1f}" y="{midden:.0f}" fill="#111">{escape(waarde)}</text>'
        )
    as_y = MARGE + REGEL * max(len(staven), 1)
    delen.append(
        f'<line x1="{x0}" y1="{MARGE - 2}" x2="{x0}" y2="{as_y}" stroke="{LIJN}"/>'
        f'<text x="{x0}" y="{as_y + 14}" fill="{LIJN}" font-size="10">0{escape(eenheid)}</text>'
        f'<text x="{x0 + ruimte}" y="{as_y + 14}" fill="{LIJN}" font-size="10" '
        f'text-anchor="end">{escape(_getal(maximum) + eenheid)}</text>'
    )
    delen.append("</svg>")
    return mark_safe("".join(delen))  # every text in it is escaped above


def omschrijving(staven: list[Staaf], eenheid: str = "%") -> str:
    """The chart in one sentence: how many bars, the highest and the lowest."""
    met = [s for s in staven if s.waarde is not None]
    if not met:
        return "Geen gegevens."
    hoogste = max(met, key=lambda s: s.waarde)
    laagste = min(met, key=lambda s: s.waarde)
    tekst = (
        f"{len(met)} staven. Hoogste: {hoogste.label}, {_getal(hoogste.waarde)}{eenheid}. "
        f"Laagste: {laagste.label}, {_getal(laagste.waarde)}{eenheid}."
    )
    return tekst + " De cijfers staan ook in de tabel bij deze grafiek."
