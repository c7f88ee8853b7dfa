"""The overview pages (issue 15) with their CSV and PDF: what they show, who may see them,
hostile input, and a fixed number of queries."""

import csv
import io

from django.urls import reverse

import pytest
from pypdf import PdfReader

from gemeenten.models import Gemeente
from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.models import Beoordeling
from tests.factories import portaal_wereld

PAGINAS = ["rapporten:overzichten", "rapporten:heatmap", "rapporten:veldoverzicht"]
EXPORTS = [
    "rapporten:overzichten_csv",
    "rapporten:overzichten_pdf",
    "rapporten:heatmap_csv",
    "rapporten:heatmap_pdf",
    "rapporten:veldoverzicht_csv",
    "rapporten:veldoverzicht_pdf",
]


def _csv(antwoord) -> list[list[str]]:
    tekst = antwoord.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


def test_heatmap_pagina_toont_symbolen_met_tekst_en_links(demo, client_als, medewerker):
    gouda = demo[("Gouda", 2013)]
    client = client_als(medewerker)
    html = client.get(
        reverse("rapporten:heatmap"), {"kader": gouda.kader_id, "jaar": 2013}
    ).content.decode()
    b = Beoordeling.objects.filter(onderzoek=gouda, optie__is_verbeterpunt=True).first()
    assert (
        f'<td class="hm-x"><a href="/onderzoeken/{gouda.pk}/#rij-{b.pk}"><i aria-hidden="true">X'
        '</i><span class="vh">verbeterpunt</span></a></td>'
    ) in html
    assert (
        '<td class="hm-geen"><i aria-hidden="true">–</i><span class="vh">geen onderzoek</span></td>'
        in html
    )
    assert 'class="heatmap-houder"' in html and "Download als CSV" in html
    assert html.count('data-testid="heatmap"') == 1


def test_veldoverzicht_pagina_met_grafiek_en_tabel(demo, client_als, inspecteur):
    html = client_als(inspecteur).get(reverse("rapporten:veldoverzicht")).content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img"') == 2
    assert '<desc id="grafiek-themas-omschrijving">5 staven.' in html
    assert 'data-testid="veld-themas"' in html and 'data-testid="veld-indicatoren"' in html
    assert "Veldoverzicht 2013" in html


def test_csv_van_de_heatmap_telt_als_de_pagina(demo, client_als, medewerker):
    gouda = demo[("Gouda", 2013)]
    client = client_als(medewerker)
    rijen = _csv(
        client.get(reverse("rapporten:heatmap_csv"), {"kader": gouda.kader_id, "jaar": 2013})
    )
    kop, *data = rijen
    assert kop[:7] == [
        "gemeente",
        "cbs_code",
        "provincie",
        "regio",
        "aanpak",
        "onderzoek_id",
        "status",
    ]
    gouda_rij = next(r for r in data if r[0] == "Gouda")
    x = Beoordeling.objects.filter(onderzoek=gouda, optie__is_verbeterpunt=True).count()
    assert gouda_rij[7:37].count("X") == x == int(gouda_rij[kop.index("aantal verbeterpunt")])
    assert BeveiligingsGebeurtenis.objects.filter(
        soort=BeveiligingsGebeurtenis.Soort.EXPORT, details__formaat="csv"
    ).exists()


def test_csv_van_het_veldoverzicht_en_de_overzichten(demo, client_als, medewerker):
    client = client_als(medewerker)
    kop, *veld = _csv(client.get(reverse("rapporten:veldoverzicht_csv"), {"jaar": 2013}))
    assert kop[0] == "soort" and {r[0] for r in veld} == {"thema", "indicator"}
    assert len(veld) == 5 + 30
    kop, *indicatoren = _csv(client.get(reverse("rapporten:overzichten_csv")))
    # The GGSR indicators; Bergen op Zoom scored nothing (its report is in chapters).
    assert kop[1] == "indicator" and len(indicatoren) == 30
    kop, *ontwikkeling = _csv(
        client.get(reverse("rapporten:overzichten_csv"), {"tabel": "ontwikkeling"})
    )
    assert [r[0] for r in ontwikkeling] == ["Oosterhout"]


def test_csv_neutraliseert_formules_in_namen(demo, client_als, medewerker):
    Gemeente.objects.filter(naam="Gouda").update(naam='=HYPERLINK("http://x")', regio="+1")
    gouda = demo[("Gouda", 2013)]
    _kop, *data = _csv(
        client_als(medewerker).get(
            reverse("rapporten:heatmap_csv"), {"kader": gouda.kader_id, "jaar": 2013}
        )
    )
    rij = next(r for r in data if "HYPERLINK" in r[0])
    assert rij[0] == '\'=HYPERLINK("http://x")' and rij[3] == "'+1"


@pytest.mark.parametrize("naam", ["rapporten:heatmap_pdf", "rapporten:veldoverzicht_pdf"])
def test_pdf_met_dezelfde_stijl(demo, client_als, medewerker, naam):
    antwoord = client_als(medewerker).get(reverse(naam))
    assert antwoord["Content-Type"] == "application/pdf"
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(antwoord.content)).pages)
    assert ("Heatmap 2017" if "heatmap" in naam else "Veldoverzicht 2013") in tekst


def test_vijandige_invoer_geeft_een_nederlandse_melding(demo, client_als, medewerker):
    client = client_als(medewerker)
    html = client.get(
        reverse("rapporten:heatmap"),
        {"jaar": "tweeduizend", "kader": "999999", "sorteer": "<script>", "provincie": "x" * 80},
    ).content.decode()
    assert "Jaar: Voer een geheel getal in." in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert 'data-testid="heatmap"' in html  # the rest falls back to the defaults
    html = client.get(reverse("rapporten:veldoverzicht"), {"jaar": "1999"}).content.decode()
    assert "Jaar: " in html and "Veldoverzicht 2013" in html


@pytest.mark.parametrize("naam", PAGINAS + EXPORTS)
def test_gemeenten_krijgen_geen_toegang(kaders, client_als, naam):
    wereld = portaal_wereld(kaders)
    antwoord = client_als(wereld.gouda_gebruiker).get(reverse(naam))
    assert antwoord.status_code == 403


@pytest.mark.parametrize(("naam", "grens"), [
    ("rapporten:overzichten", 14), ("rapporten:heatmap", 14), ("rapporten:veldoverzicht", 10)
])  # fmt: skip
def test_paginas_in_een_vast_aantal_queries(
    demo, client_als, medewerker, django_assert_max_num_queries, naam, grens
):
    client = client_als(medewerker)
    client.get(reverse(naam))
    with django_assert_max_num_queries(grens):
        assert client.get(reverse(naam)).status_code == 200


def test_heatmap_pdf_alleen_tot_een_provincie_groot(demo, client_als, medewerker, monkeypatch):
    from rapporten.overzichten import export

    monkeypatch.setattr(export, "MAX_PDF_RIJEN", 2)
    client = client_als(medewerker)
    gouda = demo[("Gouda", 2013)]
    pagina = client.get(reverse("rapporten:heatmap"), {"kader": gouda.kader_id, "jaar": 2013})
    assert 'data-testid="geen-pdf"' in pagina.content.decode()
    antwoord = client.get(reverse("rapporten:heatmap_pdf"), {"kader": gouda.kader_id, "jaar": 2013})
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("rapporten:heatmap") + "?")
    html = client.get(antwoord["Location"]).content.decode()
    assert "De PDF van de heatmap gaat tot 2 gemeenten" in html
    brabant = client.get(
        reverse("rapporten:heatmap_pdf"),
        {"kader": gouda.kader_id, "jaar": 2013, "provincie": "Noord-Brabant"},
    )
    assert brabant["Content-Type"] == "application/pdf"


def test_overzichten_pdf_vraagt_bij_veel_vervolgonderzoeken_een_jaar(
    demo, client_als, medewerker, monkeypatch
):
    from rapporten.overzichten import export

    client = client_als(medewerker)
    assert client.get(reverse("rapporten:overzichten_pdf"))["Content-Type"] == "application/pdf"
    monkeypatch.setattr(export, "MAX_PDF_RIJEN", 0)  # one follow-up is already too many
    antwoord = client.get(reverse("rapporten:overzichten_pdf"), {"jaar": 2014}, follow=True)
    assert "kies een jaar" in antwoord.content.decode()


def test_heatmap_van_een_jaar_zonder_onderzoeken_toont_dat_jaar(demo, client_als, medewerker):
    gouda = demo[("Gouda", 2013)]
    html = (
        client_als(medewerker)
        .get(reverse("rapporten:heatmap"), {"kader": gouda.kader_id, "jaar": 2019})
        .content.decode()
    )
    assert "<option selected>2019</option>" in html
    assert html.count('<td class="hm-geen">') == 3 * 30  # every municipality, no study


def test_wat_een_tweede_inspecteur_intussen_publiceert_staat_meteen_in_de_heatmap(
    demo, client_als, medewerker
):
    """No cache between two loads: a study published meanwhile appears, its concept did not."""
    from tests.factories import AanpakFactory, OnderzoekFactory

    gouda = demo[("Gouda", 2013)]
    client = client_als(medewerker)
    filters = {"kader": gouda.kader_id, "jaar": 2013, "provincie": "Noord-Brabant"}
    boz = Gemeente.objects.get(naam="Bergen op Zoom")
    nieuw = OnderzoekFactory(
        aanpak=AanpakFactory(gemeente=boz), kader=gouda.kader, jaar=2013, gescoord=True
    )
    html = client.get(reverse("rapporten:heatmap"), filters).content.decode()
    assert f"/onderzoeken/{nieuw.pk}/" not in html  # still a concept
    from tests.factories import naar_status

    naar_status(nieuw, "gepubliceerd")
    html = client.get(reverse("rapporten:heatmap"), filters).content.decode()
    assert html.count(f'href="/onderzoeken/{nieuw.pk}/#rij-') == 30
