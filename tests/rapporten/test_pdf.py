"""Factsheet and follow-up rendered to PDF and read back."""

import io
import re

import pytest
from pypdf import PdfReader

from inspecties.models import Onderzoek
from inspecties.selectors import onderzoek_voor_rapport
from rapporten.services import rapport_renderen


def _norm(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst).strip()


def _pagina_teksten(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [_norm(p.extract_text()) for p in reader.pages]


def _bevinding_tekst(bevinding) -> str:
    return _norm(bevinding.tekst)


@pytest.fixture(scope="module")
def _geen():
    return None


def test_factsheet_gouda_toont_elke_indicator_met_score_en_elke_bevinding_eenmaal(demo):
    onderzoek = demo[("Gouda", 2013)]
    html, pdf = rapport_renderen(onderzoek=onderzoek)
    reader, paginas = _pagina_teksten(pdf)
    alles = " ".join(paginas)
    assert "Uitkomsten toezichtonderzoek Gouda" in alles
    assert "Aanpak: MPG-overleg" in alles
    assert "Wat gaat goed?" in alles and "Wat kan beter?" in alles
    inhoud = onderzoek_voor_rapport(onderzoek=onderzoek)
    bevindingen = {}
    for rij in inhoud.rijen:
        symbool = rij.beoordeling.optie.symbool
        # the indicator's cell is followed by its score cell
        assert f"{_norm(rij.indicator.tekst)} {symbool}" in alles, rij.indicator.tekst
        if rij.bevinding and rij.bevinding.tekst:
            bevindingen[rij.bevinding.pk] = rij.bevinding
    # Cells side by side interleave when extracted from the PDF, so the PDF must show each
    # finding's first line, and the HTML (same rendering) each whole finding exactly once.
    from django.utils.html import escape

    for bevinding in bevindingen.values():
        assert _norm(bevinding.tekst)[:25] in alles
        assert html.count(escape(bevinding.tekst).split("\n")[0]) == 1, bevinding.tekst
    assert "CONCEPT" not in alles
    assert reader.metadata.title == "Uitkomsten toezichtonderzoek Gouda"
    assert reader.trailer["/Root"].get("/Lang") == "nl"


def test_vervolg_oosterhout_heeft_voettekst_met_paginanummer_op_elke_pagina(demo):
    onderzoek = demo[("Oosterhout", 2014)]
    _, pdf = rapport_renderen(onderzoek=onderzoek)
    reader, paginas = _pagina_teksten(pdf)
    voettekst = (
        "Uitkomsten verbeterpunten toezichtonderzoek Oosterhout - Samenwerkend Toezicht Jeugd"
    )
    assert len(paginas) >= 2
    for nummer, tekst in enumerate(paginas, start=1):
        assert re.search(re.escape(voettekst) + r" \w+ \d{4} \| " + str(nummer) + r"\b", tekst), (
            nummer,
            tekst[-200:],
        )
    alles = " ".join(paginas)
    assert "niet opnieuw getoetst" in alles
    assert "Ontwikkeling 2014" in alles
    assert "(2013: aanpak" in alles
    inhoud = onderzoek_voor_rapport(onderzoek=onderzoek)
    for rij in inhoud.rijen:
        assert _norm(rij.indicator.tekst) in alles


@pytest.mark.parametrize("status", ["concept", "ter_review", "vastgesteld"])
def test_concept_merk_alleen_op_niet_vastgestelde_onderzoeken(demo, status):
    onderzoek = demo[("Gouda", 2013)]
    Onderzoek.objects.filter(pk=onderzoek.pk).update(status=status)
    onderzoek.refresh_from_db()
    _, pdf = rapport_renderen(onderzoek=onderzoek)
    _, paginas = _pagina_teksten(pdf)
    for tekst in paginas:
        assert ("CONCEPT" in tekst) == (status != "vastgesteld")
