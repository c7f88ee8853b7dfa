"""The order of a follow-up's rows: the framework's, or the one the inspector sets on the
scoring page (a position within the theme), printed so in the report."""

import re

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

import pytest

from inspecties.models import Beoordeling, Onderzoek
from inspecties.onderzoeken import services
from rapporten.context import rapport_context
from tests.conftest import inloggen
from tests.formulieren import formulier, verzenden


@pytest.fixture
def vervolg(demo):
    """A concept follow-up of Gouda 2013 whose Aanpak theme has several rows."""
    vorig = demo[("Gouda", 2013)]
    x = vorig.kader.schaal.get(is_verbeterpunt=True)
    vorig.beoordelingen.filter(indicator__criterium__thema__naam="Aanpak").update(optie=x)
    return services.onderzoek_aanmaken(
        aanpak=vorig.aanpak,
        kader=vorig.kader,
        soort=Onderzoek.Soort.VERVOLGONDERZOEK,
        jaar=2015,
        vorig_onderzoek=vorig,
    )


def _aanpak_rijen(onderzoek) -> list[Beoordeling]:
    return list(
        onderzoek.beoordelingen.filter(indicator__criterium__thema__naam="Aanpak").select_related(
            "indicator"
        )
    )


def _volgorde_in_rapport(onderzoek, rijen) -> list[int]:
    template, context = rapport_context(onderzoek)
    html = render_to_string(template, context)
    return sorted(
        range(len(rijen)), key=lambda i: html.index(f"<td>{rijen[i].indicator.tekst}</td>")
    )


def _pagina(client, onderzoek) -> str:
    return client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])).content.decode()


def _url(onderzoek) -> str:
    return reverse("inspecties:rijvolgorde_opslaan", args=[onderzoek.pk])


def test_zonder_volgorde_de_volgorde_van_het_kader(vervolg):
    rijen = _aanpak_rijen(vervolg)
    assert len(rijen) >= 3
    assert _volgorde_in_rapport(vervolg, rijen) == list(range(len(rijen)))


def test_inspecteur_zet_de_volgorde_en_zet_haar_terug(vervolg, inspecteur):
    rijen = _aanpak_rijen(vervolg)
    client = inloggen(Client(), inspecteur)
    html = _pagina(client, vervolg)
    assert 'id="volgorde-kop"' in html
    # The last row first, the first row second; the others keep their framework place.
    velden = {f"rij-{rijen[-1].pk}": "1", f"rij-{rijen[0].pk}": "2"}
    antwoord = client.post(
        _url(vervolg), verzenden(formulier(html, action=_url(vervolg)), **velden)
    )
    assert antwoord.status_code == 302
    volgorde = _volgorde_in_rapport(vervolg, rijen)
    assert volgorde[:2] == [len(rijen) - 1, 0]
    assert volgorde[2:] == list(range(1, len(rijen) - 1))

    html = _pagina(client, vervolg)
    assert re.search(rf'name="rij-{rijen[-1].pk}"[^>]*value="1"', html)
    antwoord = client.post(
        _url(vervolg), verzenden(formulier(html, action=_url(vervolg)), kaderorde="1")
    )
    assert antwoord.status_code == 302
    assert _volgorde_in_rapport(vervolg, rijen) == list(range(len(rijen)))


def test_een_verouderd_formulier_wordt_geweigerd(vervolg, inspecteur, tweede_inspecteur):
    rijen = _aanpak_rijen(vervolg)
    eerste = inloggen(Client(), inspecteur)
    tweede = inloggen(Client(), tweede_inspecteur)
    geladen = _pagina(eerste, vervolg)
    tweede.post(
        _url(vervolg),
        verzenden(
            formulier(_pagina(tweede, vervolg), action=_url(vervolg)), **{f"rij-{rijen[1].pk}": "1"}
        ),
    )
    antwoord = eerste.post(
        _url(vervolg),
        verzenden(formulier(geladen, action=_url(vervolg)), **{f"rij-{rijen[2].pk}": "1"}),
    )
    assert antwoord.status_code == 409
    html = antwoord.content.decode()
    assert "Iemand anders heeft het onderzoek intussen gewijzigd" in html
    # What the first typed is still in the form.
    assert re.search(rf'name="rij-{rijen[2].pk}"[^>]*value="1"', html)
    assert Beoordeling.objects.get(pk=rijen[2].pk).volgorde is None
    assert Beoordeling.objects.get(pk=rijen[1].pk).volgorde == 1


def test_rijen_van_een_ander_onderzoek_en_onzin_veranderen_niets(vervolg, inspecteur, demo):
    ander = demo[("Gouda", 2013)].beoordelingen.first()
    rijen = _aanpak_rijen(vervolg)
    client = inloggen(Client(), inspecteur)
    html = _pagina(client, vervolg)
    formulierdata = formulier(html, action=_url(vervolg))
    client.post(_url(vervolg), verzenden(formulierdata, **{f"rij-{ander.pk}": "1"}))
    assert Beoordeling.objects.get(pk=ander.pk).volgorde is None
    with pytest.raises(services.OnderzoekFout):
        services.rijvolgorde_opslaan(
            onderzoek=vervolg,
            versie=Onderzoek.objects.get(pk=vervolg.pk).versie,
            volgorde={ander.pk: 1},
        )

    antwoord = client.post(
        _url(vervolg), verzenden(formulierdata, **{f"rij-{rijen[0].pk}": "<script>1</script>"})
    )
    assert antwoord.status_code == 400
    assert "Vul een getal in." in antwoord.content.decode()
    antwoord = client.post(_url(vervolg), verzenden(formulierdata, **{f"rij-{rijen[0].pk}": "-3"}))
    assert antwoord.status_code == 400
    assert all(b.volgorde is None for b in _aanpak_rijen(vervolg))


def test_niet_bij_een_gepubliceerd_onderzoek(demo, inspecteur):
    oosterhout_vervolg = demo[("Oosterhout", 2014)]
    rij = oosterhout_vervolg.beoordelingen.first()
    client = inloggen(Client(), inspecteur)
    antwoord = client.post(
        _url(oosterhout_vervolg), {"versie": oosterhout_vervolg.versie, f"rij-{rij.pk}": "1"}
    )
    assert antwoord.status_code == 400
    assert "kan niet meer worden gewijzigd" in antwoord.content.decode()
    assert Beoordeling.objects.get(pk=rij.pk).volgorde is None


def test_de_pagina_van_een_ander_soort_onderzoek_vraagt_geen_volgorde(demo, inspecteur):
    client = inloggen(Client(), inspecteur)
    html = _pagina(client, demo[("Gouda", 2013)])
    assert 'id="volgorde-kop"' not in html
