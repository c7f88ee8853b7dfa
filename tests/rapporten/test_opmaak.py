"""Page layout as in print, read back from the PDF WeasyPrint makes: rows sharing a finding on
one page, the same column widths in every table, the running header on continuation pages."""

import io
import re

import pdfplumber
import pytest

from inspecties.models import Beoordeling, Bevinding, Onderzoek
from inspecties.onderzoeken.selectors import onderzoek_voor_rapport
from inspecties.onderzoeken.services import bevinding_delen, onderzoek_aanmaken
from rapporten.context import rapport_context
from rapporten.services import rapport_pdf
from tests.conftest import eenmaal_gerenderd
from tests.rapporten.conftest import zonder_spaties


@pytest.fixture
def gouda_pdf(gouda, gerenderd):
    return eenmaal_gerenderd(gerenderd, "gouda", gouda)


def _tabellen(pdf: bytes) -> list[tuple[int, list[float], int]]:
    """(page, x-positions of the column edges, number of rows) of every table."""
    uit = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for nummer, pagina in enumerate(document.pages, start=1):
            for tabel in pagina.find_tables():
                randen = sorted(
                    {round(c[0], 1) for c in tabel.cells} | {round(c[2], 1) for c in tabel.cells}
                )
                uit.append((nummer, randen, len(tabel.rows)))
    return uit


def test_elke_tabel_van_de_factsheet_heeft_dezelfde_kolombreedtes(gouda_pdf):
    tabellen = _tabellen(gouda_pdf)
    scores = [t for t in tabellen if len(t[1]) == 5]  # criterium, indicator, score, bevinding
    conclusies = [t for t in tabellen if len(t[1]) == 3]  # wat gaat goed, wat kan beter
    assert len(scores) >= 5 and len(conclusies) >= 3, tabellen
    for _, randen, _ in scores:
        assert randen == scores[0][1]
    for _, randen, _ in conclusies:
        assert randen == conclusies[0][1]
    # A table cut to its header row at a page's foot has a subset of the same edges.
    for _, randen, _ in tabellen:
        assert set(randen) <= set(scores[0][1]) | set(conclusies[0][1])
    links, criterium, indicator, score, rechts = scores[0][1]
    # Wide enough that an indicator's words do not wrap one by one.
    assert score - criterium >= 0.25 * (rechts - links)


def test_vervolgpaginas_dragen_titel_en_thema(gouda, gouda_pdf):
    themas = [t.thema.naam for t in onderzoek_voor_rapport(onderzoek=gouda).themas]
    with pdfplumber.open(io.BytesIO(gouda_pdf)) as document:
        koppen = []
        for pagina in document.pages:
            regels = (pagina.extract_text() or "").splitlines()
            koppen.append(regels[0] if regels else "")
    assert not koppen[0].startswith("Uitkomsten toezichtonderzoek Gouda –")
    for kop in koppen[1:]:
        assert re.match(r"Uitkomsten toezichtonderzoek Gouda – \S", kop), kop
    # The theme pages carry the theme running on from the page before (or starting there).
    assert {kop.split(" – ", 1)[1] for kop in koppen[1:]} & set(themas)


def _gedeelde_groepen(onderzoek):
    inhoud = onderzoek_voor_rapport(onderzoek=onderzoek)
    groepen = []
    for blok in inhoud.themas:
        for c in blok.criteria:
            for i, rij in enumerate(c.rijen):
                if rij.toon_bevinding and rij.bevinding_rowspan > 1 and rij.bevinding.tekst:
                    groepen.append(
                        (
                            [r.indicator.tekst for r in c.rijen[i : i + rij.bevinding_rowspan]],
                            rij.bevinding.tekst,
                        )
                    )
    return groepen


def _kolommen(pdf: bytes, indicator: int, bevinding: int) -> list[tuple[str, str]]:
    """Per page, the text of the indicator column and of the findings column (numbered from
    the left), each read down its own column so a cell's lines stay together."""
    randen = next(r for _, r, _ in _tabellen(pdf) if len(r) > max(indicator, bevinding) + 1)
    uit = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for pagina in document.pages:
            kolom = [
                zonder_spaties(
                    pagina.crop((randen[i], 0, randen[i + 1], pagina.height)).extract_text() or ""
                )
                for i in (indicator, bevinding)
            ]
            uit.append(tuple(kolom))
    return uit


def _op_een_pagina(kolommen, indicatoren: list[str], bevinding: str) -> bool:
    """All the rows' indicators and the start of their finding on one and the same page."""
    return any(
        all(zonder_spaties(t) in links for t in indicatoren)
        and zonder_spaties(bevinding)[:60] in rechts
        for links, rechts in kolommen
    )


def test_gedeelde_bevindingen_van_de_factsheet_staan_elk_op_een_pagina(gouda, gouda_pdf):
    groepen = _gedeelde_groepen(gouda)
    assert groepen, "the demo factsheet shares findings"
    kolommen = _kolommen(gouda_pdf, indicator=1, bevinding=3)
    for indicatoren, bevinding in groepen:
        assert _op_een_pagina(kolommen, indicatoren, bevinding), indicatoren


@pytest.fixture
def vervolg_met_gedeelde_bevinding(gouda):
    """A follow-up of the demo factsheet in which two indicators of one criterion, both
    verbeterpunten in 2013, share one long finding."""
    x = gouda.kader.schaal.get(is_verbeterpunt=True)
    criterium = next(
        c
        for t in onderzoek_voor_rapport(onderzoek=gouda).themas
        for c in t.criteria
        if len(c.rijen) >= 2
    )
    Beoordeling.objects.filter(pk__in=[r.beoordeling.pk for r in criterium.rijen[:2]]).update(
        optie=x
    )
    vervolg = onderzoek_aanmaken(
        aanpak=gouda.aanpak,
        kader=gouda.kader,
        soort=Onderzoek.Soort.VERVOLGONDERZOEK,
        jaar=2015,
        vorig_onderzoek=gouda,
    )
    rijen = [
        b
        for b in vervolg.beoordelingen.select_related("indicator")
        if b.indicator.criterium_id == criterium.criterium.pk
    ][:2]
    assert len(rijen) == 2
    bevinding_delen(
        beoordelingen=rijen,
        tekst=" ".join(
            ["GEDEELD Deze bevinding geldt voor beide indicatoren van het criterium."] * 8
        ),
    )
    return vervolg


def test_gedeelde_bevinding_van_een_vervolg_breekt_nooit_over_een_pagina(
    vervolg_met_gedeelde_bevinding,
):
    """The follow-up's text is made longer line by line, so the shared rows come to lie across
    every position of a page break in turn; at each, they are printed on one page."""
    vervolg = vervolg_met_gedeelde_bevinding
    (indicatoren, bevinding), *_ = _gedeelde_groepen(vervolg)
    regel = "Deze regel van de ontwikkeling schuift de tabel steeds een stukje naar beneden."
    for aantal in range(0, 54, 6):
        Onderzoek.objects.filter(pk=vervolg.pk).update(
            ontwikkeling="\n\n".join([regel] * (aantal + 1))
        )
        kolommen = _kolommen(rapport_pdf(onderzoek=vervolg), indicator=0, bevinding=4)
        assert _op_een_pagina(kolommen, indicatoren, bevinding), f"{aantal} regels"


# The page's content area: inside the @page margins (20 mm top, 22 mm bottom), without the
# running header and the footer.
BOVENMARGE, ONDERMARGE = 20 / 25.4 * 72, 22 / 25.4 * 72
KOPRIJ = zonder_spaties("Criteria Indicatoren Score Bevindingen")


def _eerste_gedeelde_groep(onderzoek):
    """(theme name, indicator texts, finding) of the first theme whose table starts with rows
    that share a finding (the tbody with data-sectie)."""
    _, context = rapport_context(onderzoek)
    for blok in context["inhoud"].themas:
        groep = blok.groepen[0]
        if groep.samen:
            bevinding = next(r.bevinding for r in groep.rijen if r.toon_bevinding)
            return blok.thema.naam, [r.indicator.tekst for r in groep.rijen], bevinding
    raise AssertionError("no theme starts with a shared finding")


def _paginatekst(pdf: bytes) -> list[str]:
    """Per page, the text of its content area (without spaces)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            zonder_spaties(
                p.within_bbox((0, BOVENMARGE, p.width, p.height - ONDERMARGE)).extract_text() or ""
            )
            for p in document.pages
        ]


def _thema_begint_met_zijn_eerste_groep(pdf: bytes, thema: str, indicatoren, bevinding) -> str:
    """'' when the theme's heading, straight above its table's header row, all rows of its
    first group and the start of their finding are on one page; else what is wrong."""
    paginas = _paginatekst(pdf)
    kop = zonder_spaties(thema) + KOPRIJ  # the heading, straight above the header row
    op = [n for n, tekst in enumerate(paginas) if kop in tekst]
    if not op:
        return f"heading {thema!r} not found straight above its table's header row"
    links, rechts = _kolommen(pdf, indicator=1, bevinding=3)[op[0]]
    ontbreekt = [t for t in indicatoren if zonder_spaties(t) not in links]
    if zonder_spaties(bevinding.tekst)[:60] not in rechts:
        ontbreekt.append(bevinding.tekst[:60])
    if ontbreekt:
        return f"not on page {op[0] + 1} with the heading: {ontbreekt}"
    return ""


def test_een_thema_waarvan_de_eerste_gedeelde_groep_niet_past_begint_op_de_volgende_pagina(
    gouda,
):
    """The demo factsheet's context is made longer paragraph by paragraph, so the first group
    of a theme (rows sharing a finding) comes to lie across every position of a page break in
    turn; at each, the theme's heading, its header row and the whole group are on one page:
    the group is never split and the heading never left behind at a page's foot."""
    thema, indicatoren, bevinding = _eerste_gedeelde_groep(gouda)
    alinea = "Deze alinea van de context schuift de thema's steeds een stukje naar beneden."
    for aantal in range(0, 27, 3):
        Onderzoek.objects.filter(pk=gouda.pk).update(context="\n\n".join([alinea] * (aantal + 1)))
        pdf = rapport_pdf(onderzoek=gouda)
        fout = _thema_begint_met_zijn_eerste_groep(pdf, thema, indicatoren, bevinding)
        assert not fout, f"{aantal + 1} paragraphs: {fout}"


def test_een_eerste_gedeelde_groep_hoger_dan_een_pagina_begint_op_een_nieuwe_pagina(gouda):
    """A first group taller than a page cannot stay whole: it starts on a new page, under its
    theme's heading and the header row, and runs on to the next (rapporten.pdf's fallback to a
    second layout pass)."""
    thema, indicatoren, bevinding = _eerste_gedeelde_groep(gouda)
    zin = "Deze gedeelde bevinding is zo lang dat de rijen samen hoger worden dan een pagina. "
    Bevinding.objects.filter(pk=bevinding.pk).update(tekst=zin * 90)
    bevinding.refresh_from_db()
    for aantal in (1, 12):
        Onderzoek.objects.filter(pk=gouda.pk).update(context="\n\n".join(["Context."] * aantal))
        pdf = rapport_pdf(onderzoek=gouda)
        # Its first row (with the finding's start) under the heading; the rest runs on.
        fout = _thema_begint_met_zijn_eerste_groep(pdf, thema, indicatoren[:1], bevinding)
        assert not fout, f"{aantal} paragraphs: {fout}"
        paginas = _paginatekst(pdf)
        kop = zonder_spaties(thema) + KOPRIJ
        begin = next(n for n, t in enumerate(paginas) if kop in t)
        assert paginas[begin].startswith(kop), "the theme starts a page"


def test_de_demofactsheet_wordt_in_een_keer_opgemaakt(gouda, monkeypatch):
    """The Gouda factsheet, whose third theme starts with a shared finding that does not fit at
    its page's foot, is laid out once (a second layout pass doubled its rendering time)."""
    from weasyprint import HTML

    opmaken = HTML.render
    keren = []

    def geteld(self, *args, **kwargs):
        keren.append(1)
        return opmaken(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "render", geteld)
    thema, indicatoren, bevinding = _eerste_gedeelde_groep(gouda)
    pdf = rapport_pdf(onderzoek=gouda)
    assert len(keren) == 1
    assert not _thema_begint_met_zijn_eerste_groep(pdf, thema, indicatoren, bevinding)
