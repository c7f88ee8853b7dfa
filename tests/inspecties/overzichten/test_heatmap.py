"""The heatmap (issue 15): every cell, every count, checked against the scores themselves."""

from collections import Counter

from django.urls import reverse

from gemeenten.models import Gemeente
from inspecties.models import Beoordeling, Onderzoek
from inspecties.overzichten.selectors import HeatmapFilters, heatmap_van
from tests.factories import AanpakFactory, OnderzoekFactory
from toetsingskader.models import Indicator


def _verwacht(onderzoek: Onderzoek) -> dict[str, str]:
    """Indicator key -> state, straight from the study's scores."""
    uit = {}
    for b in Beoordeling.objects.filter(onderzoek=onderzoek).select_related("optie", "indicator"):
        if b.optie_id:
            uit[b.indicator.sleutel] = "x" if b.optie.is_verbeterpunt else "v"
        else:
            uit[b.indicator.sleutel] = "ng" if b.niet_getoetst else "open"
    return uit


def _per_rij(kaart) -> dict[str, dict[str, str]]:
    return {
        r.gemeente: {k.sleutel: c.status for k, c in zip(kaart.kolommen, r.cellen, strict=True)}
        for r in kaart.rijen
    }


def test_elke_cel_en_elke_telling_van_ggsr_2013(demo, kaders):
    gouda, oosterhout = demo[("Gouda", 2013)], demo[("Oosterhout", 2013)]
    kaart = heatmap_van(HeatmapFilters(kader_id=gouda.kader_id, jaar=2013))
    assert [k.sleutel for k in kaart.kolommen] == list(
        Indicator.objects.filter(kader=gouda.kader)
        .order_by("criterium__thema__volgorde", "criterium__volgorde", "volgorde")
        .values_list("sleutel", flat=True)
    )
    assert len(kaart.kolommen) == 30 and sum(n for _t, n in kaart.themas) == 30
    cellen = _per_rij(kaart)
    # Every municipality is a row; Bergen op Zoom had no GGSR study in 2013.
    assert set(cellen) == set(Gemeente.objects.values_list("naam", flat=True))
    assert cellen["Gouda"] == _verwacht(gouda)
    assert cellen["Oosterhout"] == _verwacht(oosterhout)
    assert set(cellen["Bergen op Zoom"].values()) == {"geen"}
    # Counts per municipality and per indicator are those of the scores.
    for rij in kaart.rijen:
        onderzoek = {"Gouda": gouda, "Oosterhout": oosterhout}.get(rij.gemeente)
        verwacht = Counter(_verwacht(onderzoek).values()) if onderzoek else {"geen": 30}
        assert dict(rij.tellingen) == dict(verwacht)
    for kolom in kaart.kolommen:
        assert dict(kolom.tellingen) == dict(Counter(cellen[g][kolom.sleutel] for g in cellen)), (
            kolom.sleutel
        )
    x = Beoordeling.objects.filter(
        onderzoek__in=[gouda, oosterhout], optie__is_verbeterpunt=True
    ).count()
    assert kaart.totalen["x"] == x > 0
    assert kaart.totalen["geen"] == 30


def test_vervolg_toont_wat_niet_opnieuw_getoetst_is(demo):
    vervolg = demo[("Oosterhout", 2014)]
    kaart = heatmap_van(HeatmapFilters(kader_id=vervolg.kader_id, jaar=2014))
    rij = next(r for r in kaart.rijen if r.gemeente == "Oosterhout")
    opnieuw = _verwacht(vervolg)
    assert len(opnieuw) == 7
    for kolom, cel in zip(kaart.kolommen, rij.cellen, strict=True):
        if kolom.sleutel in opnieuw:
            assert cel.status == opnieuw[kolom.sleutel]
        else:
            assert (cel.status, cel.tekst) == ("ng", "niet opnieuw getoetst")


def test_elke_cel_linkt_naar_de_bevinding_op_de_pagina_van_het_onderzoek(
    demo, client_als, inspecteur
):
    gouda = demo[("Gouda", 2013)]
    kaart = heatmap_van(HeatmapFilters(kader_id=gouda.kader_id, jaar=2013))
    rij = next(r for r in kaart.rijen if r.gemeente == "Gouda")
    b = Beoordeling.objects.get(onderzoek=gouda, indicator_id=kaart.kolommen[0].indicator_id)
    assert rij.cellen[0].url == f"/onderzoeken/{gouda.pk}/#rij-{b.pk}"
    html = client_als(inspecteur).get(f"/onderzoeken/{gouda.pk}/").content.decode()
    assert f'id="rij-{b.pk}"' in html
    assert all(c.url == "" for c in next(r for r in kaart.rijen if not r.onderzoek_id).cellen)


def test_standaard_het_nieuwste_kader_en_jaar(demo):
    kaart = heatmap_van(HeatmapFilters())
    boz = demo[("Bergen op Zoom", 2017)]
    assert (kaart.kader["id"], kaart.filters.jaar) == (boz.kader_id, 2017)
    assert {k["id"] for k in kaart.kaders} == {o.kader_id for o in demo.values()}
    assert sorted(j for k in kaart.kaders for j in k["jaren"]) == [2013, 2014, 2017]


def test_filter_op_provincie_regio_en_status(demo, kaders):
    gouda = demo[("Gouda", 2013)]
    f = {"kader_id": gouda.kader_id, "jaar": 2013}
    brabant = heatmap_van(HeatmapFilters(**f, provincie="Noord-Brabant"))
    assert {r.gemeente for r in brabant.rijen} == {"Oosterhout", "Bergen op Zoom"}
    regio = heatmap_van(HeatmapFilters(**f, regio="Midden-Holland"))
    assert [r.gemeente for r in regio.rijen] == ["Gouda"]
    # A concept counts only when the user asks for it.
    concept = OnderzoekFactory(
        aanpak=AanpakFactory(gemeente=Gemeente.objects.get(naam="Bergen op Zoom")),
        kader=gouda.kader,
        jaar=2013,
        gescoord=True,
        verbeterpunten=4,
    )
    standaard = _per_rij(heatmap_van(HeatmapFilters(**f)))
    assert set(standaard["Bergen op Zoom"].values()) == {"geen"}
    alleen = heatmap_van(HeatmapFilters(**f, status="concept"))
    assert [r.onderzoek_id for r in alleen.rijen if r.onderzoek_id] == [concept.pk]
    assert alleen.totalen["x"] == 4
    alle = heatmap_van(HeatmapFilters(**f, status="alle"))
    assert alle.onderzoeken == 3


def test_sorteren_op_verbeterpunten_naam_en_indicator(demo):
    gouda = demo[("Gouda", 2013)]
    f = {"kader_id": gouda.kader_id, "jaar": 2013}
    x = heatmap_van(HeatmapFilters(**f, sorteer="x")).rijen
    assert [r.tellingen["x"] for r in x] == sorted((r.tellingen["x"] for r in x), reverse=True)
    namen = [r.gemeente for r in heatmap_van(HeatmapFilters(**f, sorteer="-naam")).rijen]
    assert namen == sorted(namen, reverse=True)
    kaart = heatmap_van(HeatmapFilters(**f))
    # A column where Gouda and Oosterhout differ: sorting on it puts the X first.
    cellen = _per_rij(kaart)
    sleutel = next(
        k.sleutel
        for k in kaart.kolommen
        if cellen["Gouda"][k.sleutel] != cellen["Oosterhout"][k.sleutel]
    )
    gesorteerd = heatmap_van(HeatmapFilters(**f, sorteer=f"i-{sleutel}")).rijen
    n = [k.sleutel for k in kaart.kolommen].index(sleutel)
    assert [r.cellen[n].status for r in gesorteerd][0] == "x"
    assert gesorteerd[-1].gemeente == "Bergen op Zoom"  # no study: last
    # Unknown sort keys fall back to the name.
    assert [
        r.gemeente for r in heatmap_van(HeatmapFilters(**f, sorteer="i-bestaat-niet")).rijen
    ] == sorted(cellen)


def test_een_vast_aantal_queries(demo, django_assert_num_queries):
    with django_assert_num_queries(7):
        heatmap_van(HeatmapFilters())
    with django_assert_num_queries(2):  # nothing completed yet: only the choices
        heatmap_van(HeatmapFilters(status="ter_review"))


def test_zonder_onderzoeken_een_lege_kaart(kaders):
    kaart = heatmap_van(HeatmapFilters())
    assert kaart.kader is None and kaart.rijen == []
    assert reverse("rapporten:heatmap")


def test_kolommen_genummerd_vanaf_1(demo):
    gouda = demo[("Gouda", 2013)]
    nummers = [k.nummer for k in heatmap_van(HeatmapFilters(kader_id=gouda.kader_id)).kolommen]
    assert nummers[:2] == ["1.1.1", "1.1.2"] and len(set(nummers)) == 30
    assert nummers[-1].startswith("5.")
