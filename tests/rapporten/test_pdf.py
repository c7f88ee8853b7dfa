"""The demo reports, read back from the PDF: scores, findings, footer, CONCEPT mark, metadata."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from inspecties.models import Onderzoek
from inspecties.onderzoeken.selectors import onderzoek_voor_rapport
from inspecties.onderzoeken.services import bevinding_delen, bevinding_opslaan, onderzoek_aanmaken
from rapporten.services import rapport_pdf
from tests.conftest import eenmaal_gerenderd
from tests.rapporten.conftest import normaliseer, pdf_paginas, zonder_spaties


@pytest.fixture
def gouda_pdf(gouda, gerenderd):
    return eenmaal_gerenderd(gerenderd, "gouda", gouda)


@pytest.fixture
def oosterhout_pdf(oosterhout_vervolg, gerenderd):
    return eenmaal_gerenderd(gerenderd, "oosterhout", oosterhout_vervolg)


def _bevindingen(inhoud):
    return {r.bevinding.pk: r.bevinding for r in inhoud.rijen if r.bevinding and r.bevinding.tekst}


def test_factsheet_toont_elke_indicator_met_score_en_elke_bevinding_een_keer(gouda, gouda_pdf):
    tekst = zonder_spaties(" ".join(pdf_paginas(gouda_pdf)))
    inhoud = onderzoek_voor_rapport(onderzoek=gouda)
    assert inhoud.rijen
    for rij in inhoud.rijen:
        assert rij.beoordeling.optie is not None
        verwacht = zonder_spaties(rij.indicator.tekst + rij.beoordeling.optie.symbool)
        assert verwacht in tekst, rij.indicator.sleutel
    bevindingen = _bevindingen(inhoud)
    assert len(bevindingen) < len(inhoud.rijen), "the demo has shared findings"
    for bevinding in bevindingen.values():
        assert tekst.count(zonder_spaties(bevinding.tekst)) == 1, bevinding.tekst[:60]
        if bevinding.let_op:
            assert zonder_spaties("LET OP: " + bevinding.let_op) in tekst


def test_factsheet_koppen_en_conclusies(gouda, gouda_pdf):
    tekst = normaliseer(" ".join(pdf_paginas(gouda_pdf)))
    assert "Uitkomsten toezichtonderzoek Gouda" in tekst
    assert f"Aanpak: {gouda.aanpak.naam}" in tekst
    assert "Bevindingen toezichtonderzoek" in tekst
    assert "Wat gaat goed?" in tekst and "Wat kan beter?" in tekst
    assert "Criteria Indicatoren Score Bevindingen" in tekst
    respondenten = list(gouda.respondenten.all())
    assert respondenten
    assert "De gemeente heeft de volgende netwerkpartners genoemd" in tekst
    for r in respondenten:
        assert r.naam in tekst
    paginas = pdf_paginas(gouda_pdf)
    for i, pagina in enumerate(paginas, start=1):
        assert f"pagina {i} van {len(paginas)}" in normaliseer(pagina)


def test_vervolg_toont_beide_jaren_en_de_voettekst_op_elke_pagina(
    oosterhout_vervolg, oosterhout_pdf
):
    paginas = pdf_paginas(oosterhout_pdf)
    assert len(paginas) > 1
    for i, pagina in enumerate(paginas, start=1):
        voet = (
            "Uitkomsten verbeterpunten toezichtonderzoek Oosterhout - "
            f"Samenwerkend Toezicht Jeugd Juni 2015 | {i}"
        )
        assert voet in normaliseer(pagina), f"pagina {i}"
    tekst = normaliseer(" ".join(paginas))
    assert "Aanpak: Sociale Wijkteams (2013: aanpak Gezinsmanagement en aanpak Bemoeizorg)" in (
        tekst
    )
    assert "Ontwikkeling 2014" in tekst
    # The Ontwikkeling text says it itself, so the standard sentence is not printed again.
    assert "een √ scoorde zijn niet opnieuw getoetst" in tekst
    assert "niet opnieuw beoordeeld" not in tekst
    compact = zonder_spaties(tekst)
    inhoud = onderzoek_voor_rapport(onderzoek=oosterhout_vervolg)
    for rij in inhoud.rijen:
        assert zonder_spaties(rij.indicator.tekst) in compact
        assert rij.vorige is not None
    for bevinding in _bevindingen(inhoud).values():
        assert compact.count(zonder_spaties(bevinding.tekst)) == 1, bevinding.tekst[:60]


def test_concept_merk_alleen_op_niet_vastgestelde_onderzoeken(gouda, gouda_pdf, inspecteur):
    assert gouda.status == Onderzoek.Status.GEPUBLICEERD
    assert all("CONCEPT" not in p for p in pdf_paginas(gouda_pdf))
    kopie = onderzoek_aanmaken(
        aanpak=gouda.aanpak, kader=gouda.kader, soort="beleidstoets", jaar=2016
    )
    paginas = pdf_paginas(rapport_pdf(onderzoek=kopie))
    assert len(paginas) > 1
    assert all(p.count("CONCEPT") == 1 for p in paginas)


def test_pdf_heeft_titel_taal_en_tags(gouda_pdf):
    reader = PdfReader(BytesIO(gouda_pdf))
    assert reader.metadata.title.startswith("Uitkomsten toezichtonderzoek Gouda")
    assert reader.metadata.author == "Samenwerkend Toezicht Jeugd"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root  # tagged PDF
    assert root["/MarkInfo"]["/Marked"]


def test_bevinding_van_niet_aangrenzende_indicatoren_staat_een_keer_met_verwijzing(gouda):
    """Indicators 1 and 3 of a criterion share a finding, 2 has its own: rows 1 and 3 cannot
    share a cell, so the finding is printed at 1 and row 3 refers to it."""
    nieuw = onderzoek_aanmaken(
        aanpak=gouda.aanpak, kader=gouda.kader, soort="beleidstoets", jaar=2016
    )
    criterium = next(
        c
        for t in onderzoek_voor_rapport(onderzoek=nieuw).themas
        for c in t.criteria
        if len(c.rijen) >= 3
    )
    eerste, tweede, derde = (r.beoordeling for r in criterium.rijen[:3])
    bevinding_delen(
        beoordelingen=[eerste, derde], tekst="Gedeelde bevinding over één en drie.", let_op=""
    )
    bevinding_opslaan(beoordeling=tweede, tekst="Eigen bevinding van twee.", let_op="", versie=None)

    tekst = zonder_spaties(" ".join(pdf_paginas(rapport_pdf(onderzoek=nieuw))))

    assert tekst.count(zonder_spaties("Gedeelde bevinding over één en drie.")) == 1
    assert tekst.count(zonder_spaties("Eigen bevinding van twee.")) == 1
    verwijzing = "Zie de bevinding bij “" + " ".join(eerste.indicator.tekst.split()[:10])
    assert zonder_spaties(verwijzing) in tekst
