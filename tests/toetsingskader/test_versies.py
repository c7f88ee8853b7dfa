"""Framework versions: frozen once vastgesteld, copied into new versions, imported and exported."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from inspecties.onderzoeken.selectors import onderzoek_voor_rapport
from inspecties.onderzoeken.services import onderzoek_aanmaken, status_zetten
from tests.factories import AanpakFactory, scoren
from toetsingskader.models import (
    Indicator,
    KaderVastgesteld,
    Thema,
    Toetsingskader,
)
from toetsingskader.selectors import kader_naar_data
from toetsingskader.services import (
    toetsingskader_laten_vervallen,
    toetsingskader_nieuwe_versie,
    toetsingskader_vaststellen,
)

POPULATIE = "De gemeente heeft zicht op de populatie GGSR"


@pytest.fixture
def ggsr(kaders):
    return kaders["ggsr-beleid"]


def test_modellaag_weigert_elke_wijziging_aan_een_vastgesteld_kader(ggsr):
    indicator = ggsr.indicatoren.get(tekst=POPULATIE)
    indicator.tekst = "Iets anders"
    with pytest.raises(KaderVastgesteld, match="kan niet meer worden gewijzigd"):
        indicator.save()
    with pytest.raises(KaderVastgesteld):
        indicator.delete()
    with pytest.raises(KaderVastgesteld):
        Indicator.objects.filter(pk=indicator.pk).update(tekst="Iets anders")
    with pytest.raises(KaderVastgesteld):
        Thema.objects.filter(kader=ggsr).delete()
    with pytest.raises(KaderVastgesteld):
        Indicator.objects.create(criterium=indicator.criterium, sleutel="nieuw", tekst="Nieuw")
    ggsr.naam = "Hernoemd"
    with pytest.raises(KaderVastgesteld):
        ggsr.save()
    with pytest.raises(KaderVastgesteld):
        Toetsingskader.objects.filter(pk=ggsr.pk).update(naam="Hernoemd")
    with pytest.raises(KaderVastgesteld):
        ggsr.delete()
    assert Indicator.objects.filter(tekst=POPULATIE, kader=ggsr).exists()
    assert Toetsingskader.objects.get(pk=ggsr.pk).naam != "Hernoemd"
    # The lifecycle itself still moves on.
    toetsingskader_laten_vervallen(kader=Toetsingskader.objects.get(pk=ggsr.pk))
    assert Toetsingskader.objects.get(pk=ggsr.pk).status == Toetsingskader.Status.VERVALLEN


def test_nieuwe_versie_is_een_getrouwe_kopie_als_concept(ggsr):
    nieuw = toetsingskader_nieuwe_versie(kader=ggsr, versie="2015")
    assert nieuw.status == Toetsingskader.Status.CONCEPT
    assert nieuw.voorganger == ggsr
    oud_data, nieuw_data = kader_naar_data(kader=ggsr), kader_naar_data(kader=nieuw)
    assert nieuw_data.versie == "2015"
    nieuw_data.versie = oud_data.versie
    assert nieuw_data == oud_data
    # The concept can be edited; the original not.
    indicator = nieuw.indicatoren.get(sleutel="zicht-op-populatie")
    indicator.tekst = "De gemeente kent de omvang van de populatie GGSR"
    indicator.save()
    assert ggsr.indicatoren.get(sleutel="zicht-op-populatie").tekst == POPULATIE


def test_onderzoek_toont_de_formulering_van_zijn_eigen_versie(ggsr, inspecteur, client_als):
    onderzoek = onderzoek_aanmaken(
        aanpak=AanpakFactory(), kader=ggsr, soort="beleidstoets", jaar=2013
    )
    nieuw = toetsingskader_nieuwe_versie(kader=ggsr, versie="2015")
    Indicator.objects.filter(kader=nieuw, sleutel="zicht-op-populatie").update(
        tekst="De gemeente kent de omvang van de populatie GGSR"
    )
    toetsingskader_vaststellen(kader=nieuw)

    teksten = [r.indicator.tekst for r in onderzoek_voor_rapport(onderzoek=onderzoek).rijen]
    assert POPULATIE in teksten
    pagina = client_als(inspecteur).get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk]))
    assert POPULATIE in pagina.content.decode()
    assert "kent de omvang" not in pagina.content.decode()


def test_vervolg_over_twee_versies_toont_herformuleerde_en_vervallen_indicatoren(
    ggsr, inspecteur, client_als
):
    eerder = onderzoek_aanmaken(aanpak=AanpakFactory(), kader=ggsr, soort="beleidstoets", jaar=2013)
    scoren(eerder, verbeterpunten=30)  # everything X, so everything returns in the follow-up
    for stap in ("ter_review", "vastgesteld", "gepubliceerd"):
        status_zetten(onderzoek=eerder, naar=stap)
    nieuw = toetsingskader_nieuwe_versie(kader=ggsr, versie="2015")
    Indicator.objects.filter(kader=nieuw, sleutel="zicht-op-populatie").update(
        tekst="De gemeente kent de omvang van de populatie GGSR"
    )
    Indicator.objects.filter(kader=nieuw, sleutel="partijen-melden-aan").delete()
    toetsingskader_vaststellen(kader=nieuw)

    vervolg = onderzoek_aanmaken(
        aanpak=eerder.aanpak,
        kader=nieuw,
        soort="vervolgonderzoek",
        jaar=2014,
        vorig_onderzoek=eerder,
    )
    inhoud = onderzoek_voor_rapport(onderzoek=vervolg)
    assert inhoud.aantal_totaal == 29
    rij = next(r for r in inhoud.rijen if r.indicator.sleutel == "zicht-op-populatie")
    assert rij.vorige.herformuleerd
    assert rij.vorige.indicator_tekst == POPULATIE
    assert [v.beoordeling.indicator.sleutel for v in inhoud.vervallen] == ["partijen-melden-aan"]

    html = (
        client_als(inspecteur)
        .get(reverse("inspecties:onderzoek_scoren", args=[vervolg.pk]))
        .content.decode()
    )
    assert "anders geformuleerd. Toen: ‘De gemeente heeft zicht op de populatie GGSR’" in html
    assert "niet meer in het toetsingskader staan" in html
    assert "Netwerkpartners en alle relevante partijen melden GGSR aan voor de aanpak" in html


@pytest.fixture
def beheerder_client(demo, client_als):
    from django.contrib.auth import get_user_model

    return client_als(get_user_model().objects.get(username="beheerder"))


def test_admin_toont_een_vastgesteld_kader_alleen_ter_inzage(demo, beheerder_client):
    indicator = Indicator.objects.get(kader__sleutel="ggsr-beleid", sleutel="zicht-op-populatie")
    url = reverse("admin:toetsingskader_indicator_change", args=[indicator.pk])
    pagina = beheerder_client.get(url)
    assert pagina.status_code == 200
    assert 'name="tekst"' not in pagina.content.decode()  # read-only view
    response = beheerder_client.post(
        url,
        {
            "tekst": "Gewijzigd",
            "sleutel": indicator.sleutel,
            "criterium": indicator.criterium_id,
            "volgorde": 0,
        },
    )
    assert response.status_code == 403
    indicator.refresh_from_db()
    assert indicator.tekst == POPULATIE
    kader_url = reverse("admin:toetsingskader_toetsingskader_change", args=[indicator.kader_id])
    response = beheerder_client.post(kader_url, {"naam": "Hernoemd"})
    assert response.status_code == 403
    assert Toetsingskader.objects.get(pk=indicator.kader_id).naam != "Hernoemd"


def test_admin_bewerkt_een_concept(demo, beheerder_client):
    ggsr = Toetsingskader.objects.get(sleutel="ggsr-beleid")
    nieuw = toetsingskader_nieuwe_versie(kader=ggsr, versie="2015")
    indicator = nieuw.indicatoren.get(sleutel="zicht-op-populatie")
    url = reverse("admin:toetsingskader_indicator_change", args=[indicator.pk])
    response = beheerder_client.post(
        url,
        {
            "tekst": "Herschreven",
            "sleutel": indicator.sleutel,
            "operationalisering": "",
            "criterium": indicator.criterium_id,
            "volgorde": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert indicator.tekst == "Herschreven"


@pytest.mark.parametrize("sleutel", ["ggsr-beleid", "stelseltoezicht-wijkteams"])
def test_export_dan_import_geeft_een_identieke_versie(demo, beheerder_client, sleutel):
    kader = Toetsingskader.objects.get(sleutel=sleutel)
    export = beheerder_client.get(reverse("admin:toetsingskader_exporteren", args=[kader.pk]))
    assert export.status_code == 200
    tekst = export.content.decode().replace(f"versie: '{kader.versie}'", "versie: '2099'")
    assert "versie: '2099'" in tekst
    response = beheerder_client.post(
        reverse("admin:toetsingskader_importeren"),
        {"bestand": SimpleUploadedFile("kader.yaml", tekst.encode())},
    )
    assert response.status_code == 302
    kopie = Toetsingskader.objects.get(sleutel=sleutel, versie="2099")
    assert kopie.status == Toetsingskader.Status.CONCEPT
    data_kopie, data_origineel = kader_naar_data(kader=kopie), kader_naar_data(kader=kader)
    data_kopie.versie = data_origineel.versie
    assert data_kopie == data_origineel


SLECHTE_BESTANDEN = {
    "kapotte-yaml": (
        ("naam: GGSR zijn in beeld", "naam: GGSR zijn in beeld: [kapot"),
        "ongeldige YAML",
    ),
    "ontbrekend-veld": (
        ("            tekst: De gemeente heeft zicht op de populatie GGSR\n", ""),
        "‘tekst’ ontbreekt",
    ),
    "dubbele-sleutel": (
        ("sleutel: zicht-op-populatie", "sleutel: zelfde-omschrijving-ggsr"),
        "komt dubbel voor",
    ),
    "dubbele-schaaloptie": (
        ("  - code: verbeterpunt", "  - code: voldoet"),
        "schaaloptie ‘voldoet’ komt dubbel voor",
    ),
}


@pytest.mark.parametrize("soort", SLECHTE_BESTANDEN)
def test_admin_import_weigert_slecht_bestand_met_plek_en_laat_database_ongemoeid(
    demo, beheerder_client, soort
):
    from toetsingskader.management.commands.laad_toetsingskader import MEEGELEVERD

    (oud, nieuw), melding = SLECHTE_BESTANDEN[soort]
    tekst = (MEEGELEVERD / "ggsr-beleid-2013.yaml").read_text(encoding="utf-8")
    tekst = tekst.replace('versie: "2013"', 'versie: "2099"').replace(oud, nieuw)
    aantallen = (Toetsingskader.objects.count(), Indicator.objects.count())
    response = beheerder_client.post(
        reverse("admin:toetsingskader_importeren"),
        {"bestand": SimpleUploadedFile("kapot.yaml", tekst.encode())},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Het bestand is niet geïmporteerd" in html
    assert melding in html
    assert "regel " in html
    assert (Toetsingskader.objects.count(), Indicator.objects.count()) == aantallen


def test_verschilpagina_toont_herformuleerde_indicator(demo, beheerder_client):
    ggsr = Toetsingskader.objects.get(sleutel="ggsr-beleid")
    nieuw = toetsingskader_nieuwe_versie(kader=ggsr, versie="2015")
    Indicator.objects.filter(kader=nieuw, sleutel="zicht-op-populatie").update(tekst="Nieuwe tekst")
    html = beheerder_client.get(
        reverse("toetsingskader:verschil", args=[ggsr.pk, nieuw.pk])
    ).content.decode()
    assert "Geherformuleerd (1)" in html
    assert "<del>De gemeente heeft zicht op de populatie GGSR</del>" in html
    assert "<ins>Nieuwe tekst</ins>" in html
