"""The overviews as CSV (with the same formula neutralisation as the score export) and as PDF
(the reports' renderer and stylesheet), and the charts the page and the PDF share."""

import csv
import io

from django.http import HttpResponse

from inspecties.overzichten.grafieken import Staaf, staafdiagram
from inspecties.overzichten.selectors import STATUS_TEKST, Heatmap
from rapporten.exports import csv_veilig
from rapporten.pdf import render_pdf

# The heatmap as PDF: at most a province's municipalities (Noord-Brabant has 56).
MAX_PDF_RIJEN = 60
TE_GROOT_VOOR_PDF = (
    "De PDF van de heatmap gaat tot {n} gemeenten: kies een provincie of regio. "
    "Alle gemeenten tegelijk kunt u als CSV downloaden."
)

KIES_EEN_JAAR_VOOR_PDF = (
    "Er zijn te veel vervolgonderzoeken voor één PDF: kies een jaar. Alles tegelijk kunt u als "
    "CSV downloaden."
)


def csv_antwoord(rijen, bestandsnaam: str) -> HttpResponse:
    """A CSV download (semicolons, a byte order mark for Excel), every text neutralised."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    schrijver = csv.writer(buffer, delimiter=";")
    for rij in rijen:
        schrijver.writerow([csv_veilig(w) for w in rij])
    antwoord = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord


def pdf_antwoord(template: str, context: dict, bestandsnaam: str) -> HttpResponse:
    _html, pdf = render_pdf(template, context)
    antwoord = HttpResponse(pdf, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord


def _procent(waarde: float | None) -> str:
    return "" if waarde is None else f"{waarde:.1f}".replace(".", ",")


def indicatoren_rijen(indicatoren):
    yield [
        "toetsingskader",
        "indicator",
        "tekst",
        "thema",
        "verbeterpunten",
        "beoordeeld",
        "aandeel_x_procent",
    ]
    for i in indicatoren:
        yield [
            i.kader_sleutel,
            i.sleutel,
            i.tekst,
            i.thema,
            i.verbeterpunten,
            i.beoordeeld,
            i.procent,
        ]


def ontwikkeling_rijen(ontwikkeling):
    yield [
        "gemeente", "cbs_code", "aanpak", "vorig_jaar", "jaar", "verbeterpunten_toen",
        "opnieuw_getoetst", "nu_op_orde", "nog_verbeterpunt",
    ]  # fmt: skip
    for o in ontwikkeling:
        yield [
            o.aanpak.gemeente.naam, o.aanpak.gemeente.cbs_code, o.aanpak.naam,
            o.vorig_onderzoek.jaar, o.jaar, o.verbeterpunten_voor, o.opnieuw_getoetst,
            o.opgelost, o.verbeterpunten_nu,
        ]  # fmt: skip


def heatmap_rijen(kaart: Heatmap):
    """One row per municipality (per study), one column per indicator, then the counts; a last
    row per state with the counts per indicator."""
    kop = ["gemeente", "cbs_code", "provincie", "regio", "aanpak", "onderzoek_id", "status"]
    telbaar = list(STATUS_TEKST)
    yield (
        kop
        + [f"{k.nummer} {k.sleutel}" for k in kaart.kolommen]
        + [f"aantal {STATUS_TEKST[s]}" for s in telbaar]
    )
    for r in kaart.rijen:
        yield (
            [r.gemeente, r.cbs_code, r.provincie, r.regio, r.aanpak, r.onderzoek_id or "", r.status]
            + [c.symbool if c.status in ("x", "v") else c.tekst for c in r.cellen]
            + [r.tellingen[s] for s in telbaar]
        )
    for s in telbaar:
        yield (
            [f"aantal {STATUS_TEKST[s]}", "", "", "", "", "", ""]
            + [k.tellingen[s] for k in kaart.kolommen]
            + [kaart.totalen[s] if t == s else "" for t in telbaar]
        )


def veld_rijen(veld):
    yield [
        "soort", "toetsingskader", "thema", "sleutel", "naam", "verbeterpunten", "beoordeeld",
        "aandeel_x_procent", f"verbeterpunten_{veld.vorig_jaar}", f"beoordeeld_{veld.vorig_jaar}",
        f"aandeel_x_procent_{veld.vorig_jaar}", "verschil_procentpunt",
    ]  # fmt: skip
    for soort, regels in (("thema", veld.themas), ("indicator", veld.indicatoren)):
        for r in regels:
            yield [
                soort, r.kader, r.thema if soort == "indicator" else r.naam, r.sleutel, r.naam,
                r.x, r.n, _procent(r.procent), r.vorig_x, r.vorig_n, _procent(r.vorig_procent),
                _procent(r.verschil),
            ]  # fmt: skip


def _toelichting(verschil: float | None) -> str:
    if verschil is None:
        return ""
    teken = "+" if verschil > 0 else ("±" if verschil == 0 else "−")
    return f"{teken}{abs(verschil):.1f}".replace(".", ",") + " pp"


def veld_grafieken(veld) -> dict:
    """The two charts of the field summary: the share of X per theme and per indicator."""
    return {
        "themas": staafdiagram(
            id="grafiek-themas",
            titel=f"Aandeel verbeterpunten (X) per thema in {veld.jaar}",
            staven=[Staaf(f"{r.naam}", r.procent, _toelichting(r.verschil)) for r in veld.themas],
        ),
        "indicatoren": staafdiagram(
            id="grafiek-indicatoren",
            titel=f"Aandeel verbeterpunten (X) per indicator in {veld.jaar}",
            staven=[Staaf(r.naam, r.procent, _toelichting(r.verschil)) for r in veld.indicatoren],
        ),
    }


def indicatoren_grafiek(indicatoren):
    return staafdiagram(
        id="grafiek-indicatoren",
        titel="Aandeel X van de indicatoren die het vaakst een verbeterpunt (X) scoorden",
        staven=[Staaf(i.tekst, float(i.procent)) for i in indicatoren],
    )
