"""The scoring page for people (issue 18, items 4, 9-11): un-sharing a finding, who may approve,
names instead of usernames, read-only content as text, scores with a text alternative, the
error summary, the live regions, and the page's cost (queries) independent of what is saved."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from inspecties.models import Beoordeling, Bevinding
from inspecties.onderzoeken import services
from inspecties.onderzoeken.fouten import OnderzoekFout, VersieConflict
from tests.conftest import inloggen
from tests.factories import OnderzoekFactory, naar_status, scoren

HX = {"HX-Request": "true"}


@pytest.fixture
def onderzoek(kaders, inspecteur):
    return OnderzoekFactory(inspecteurs=[inspecteur])


def gedeeld(onderzoek, tekst="Eén bevinding voor drie."):
    rijen = list(onderzoek.beoordelingen.select_related("indicator").order_by("id")[:3])
    criterium = rijen[0].indicator.criterium_id
    rijen = [r for r in rijen if r.indicator.criterium_id == criterium]
    assert len(rijen) >= 2
    services.bevinding_delen(beoordelingen=rijen, tekst=tekst, let_op="Let op!")
    return [Beoordeling.objects.select_related("bevinding").get(pk=r.pk) for r in rijen]


def scoor_url(onderzoek):
    return reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])


# --- Un-sharing a finding -----------------------------------------------------------------


def test_loskoppelen_geeft_een_eigen_kopie_en_de_anderen_houden_de_tekst(onderzoek, inspecteur):
    eerste, *anderen = gedeeld(onderzoek)
    eigen = services.bevinding_loskoppelen(
        beoordeling=eerste,
        bevinding_id=eerste.bevinding_id,
        versie=eerste.bevinding.versie,
        door=inspecteur,
    )
    eerste.refresh_from_db()
    assert eerste.bevinding_id == eigen.pk and eigen.pk != anderen[0].bevinding_id
    assert (eigen.tekst, eigen.let_op) == ("Eén bevinding voor drie.", "Let op!")
    for r in anderen:
        r.refresh_from_db()
        assert r.bevinding_id == anderen[0].bevinding_id
        assert r.bevinding.tekst == "Eén bevinding voor drie."
    # Editing the copy leaves the shared one alone.
    services.bevinding_opslaan(
        beoordeling=eerste, tekst="Alleen hier.", let_op="", versie=eigen.versie, door=inspecteur
    )
    assert Bevinding.objects.get(pk=anderen[0].bevinding_id).tekst == "Eén bevinding voor drie."


def test_loskoppelen_van_een_niet_gedeelde_bevinding_wordt_geweigerd(onderzoek):
    scoren(onderzoek)
    b = onderzoek.beoordelingen.select_related("bevinding").first()
    with pytest.raises(OnderzoekFout, match="alleen bij deze indicator"):
        services.bevinding_loskoppelen(
            beoordeling=b, bevinding_id=b.bevinding_id, versie=b.bevinding.versie
        )


def test_loskoppelen_na_een_wijziging_door_een_ander_is_een_conflict(onderzoek, inspecteur):
    eerste, tweede, *_ = gedeeld(onderzoek)
    geladen = (eerste.bevinding_id, eerste.bevinding.versie)
    services.bevinding_opslaan(  # someone else edits the shared text meanwhile
        beoordeling=tweede, tekst="Nieuw.", let_op="", versie=tweede.bevinding.versie
    )
    with pytest.raises(VersieConflict):
        services.bevinding_loskoppelen(
            beoordeling=eerste, bevinding_id=geladen[0], versie=geladen[1], door=inspecteur
        )
    eerste.refresh_from_db()
    assert eerste.bevinding_id == geladen[0]  # nothing changed


def test_loskoppelen_via_de_pagina_met_en_zonder_htmx(client_als, inspecteur, onderzoek):
    eerste, tweede, *_ = gedeeld(onderzoek)
    client = client_als(inspecteur)
    pagina = client.get(scoor_url(onderzoek)).content.decode()
    assert 'data-testid="loskoppelen"' in pagina
    url = reverse("inspecties:bevinding_loskoppelen", args=[onderzoek.pk, eerste.pk])
    data = {"bevinding_id": eerste.bevinding_id, "bevinding_versie": eerste.bevinding.versie}
    antwoord = client.post(url, data, headers=HX)
    assert antwoord.status_code == 200 and antwoord["HX-Refresh"] == "true"
    eerste.refresh_from_db()
    assert eerste.bevinding_id != tweede.bevinding_id
    # The same request again (a double click): refused with a message, nothing changes.
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302
    nog = Beoordeling.objects.get(pk=eerste.pk)
    assert nog.bevinding_id == eerste.bevinding_id


def test_loskoppelen_in_een_ander_onderzoek_is_404(client_als, inspecteur, onderzoek, kaders):
    eerste, *_ = gedeeld(onderzoek)
    ander = OnderzoekFactory(inspecteurs=[inspecteur])
    url = reverse("inspecties:bevinding_loskoppelen", args=[ander.pk, eerste.pk])
    assert client_als(inspecteur).post(url, {}).status_code == 404


def test_loskoppelen_in_een_vastgesteld_onderzoek_wordt_geweigerd(onderzoek, inspecteur):
    eerste, *_ = gedeeld(onderzoek)
    naar_status(onderzoek, "vastgesteld")
    with pytest.raises(OnderzoekFout):
        services.bevinding_loskoppelen(
            beoordeling=eerste, bevinding_id=eerste.bevinding_id, versie=eerste.bevinding.versie
        )


# --- Who may approve --------------------------------------------------------------------


def test_vaststellen_niet_aangeboden_aan_wie_het_ter_review_stuurde(
    client_als, inspecteur, tweede_inspecteur, onderzoek
):
    scoren(onderzoek)
    services.onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
    auteur = client_als(inspecteur).get(scoor_url(onderzoek)).content.decode()
    assert "Vaststellen" not in auteur and 'data-testid="niet-vaststellen"' in auteur
    # Refused server-side too, when posted anyway.
    url = reverse("inspecties:status_wijzigen", args=[onderzoek.pk, "vaststellen"])
    client_als(inspecteur).post(url)
    onderzoek.refresh_from_db()
    assert onderzoek.status == "ter_review"
    tweede = client_als(tweede_inspecteur).get(scoor_url(onderzoek)).content.decode()
    assert ">Vaststellen</button>" in tweede


# --- Names, read-only text, scores with words --------------------------------------------


def test_lijst_en_pagina_tonen_inspecteurs_bij_naam(
    client_als, inspecteur, onderzoek, django_assert_max_num_queries
):
    inspecteur.first_name, inspecteur.last_name = "Ingrid", "de Vries"
    inspecteur.save()
    client = client_als(inspecteur)
    lijst = client.get(reverse("inspecties:onderzoek_lijst")).content.decode()
    assert "Ingrid de Vries" in lijst and inspecteur.username not in lijst.split("<main")[1]
    assert "Ingrid de Vries" in client.get(scoor_url(onderzoek)).content.decode()
    for _ in range(5):
        OnderzoekFactory(inspecteurs=[inspecteur])
    with django_assert_max_num_queries(12):  # the inspectors are prefetched, not one per row
        client.get(reverse("inspecties:onderzoek_lijst"))


def test_alleen_lezen_toont_tekst_geen_uitgeschakelde_velden(client_als, inspecteur, onderzoek):
    scoren(onderzoek)
    onderzoek.context = "De gemeente telt veel jonge gezinnen."
    onderzoek.save()
    naar_status(onderzoek, "vastgesteld")
    html = client_als(inspecteur).get(scoor_url(onderzoek)).content.decode()
    assert "disabled" not in html
    assert "De gemeente telt veel jonge gezinnen." in html
    assert "<textarea" not in html.split('id="teksten"')[1].split("</section>")[0]
    assert "Bevinding 0 (verbeterpunt)" in html


def test_elke_score_heeft_een_tekst_voor_schermlezers(client_als, inspecteur, onderzoek):
    scoren(onderzoek)
    html = client_als(inspecteur).get(scoor_url(onderzoek)).content.decode()
    staten = re.findall(
        r'<span class="staat staat-(\w+)" aria-hidden="true">(.)</span>'
        r'<span class="visually-hidden" data-staat-tekst>([^<]+): </span>',
        html,
    )
    assert len(staten) == 30
    assert ("verbeterpunt", "X", "verbeterpunt") in staten
    assert ("voldoet", "√", "voldoet") in staten
    rapport = client_als(inspecteur).get(reverse("rapporten:rapport", args=[onderzoek.pk]))
    tekst = rapport.content.decode()
    assert '<th scope="col">Score</th>' in tekst
    assert '<span aria-hidden="true">X</span><span class="visually-hidden">verbeterpunt</span>' in (
        tekst
    )
    assert "<main>" in tekst
    assert tekst.index('class="voettekst" aria-hidden="true"') < tekst.index("<h1")


# --- Refused input, live regions ----------------------------------------------------------


def test_foutoverzicht_bij_geweigerde_invoer(client_als, inspecteur, onderzoek):
    scoren(onderzoek)
    naar_status(onderzoek, "vastgesteld")
    url = reverse("inspecties:status_wijzigen", args=[onderzoek.pk, "heropenen"])
    html = client_als(inspecteur).post(url, {"reden": "", "bevestigd": "on"}).content.decode()
    overzicht = html.split('id="foutoverzicht"')[1].split("</div>")[0]
    assert 'href="#heropen-reden"' in overzicht and "Geef een reden" in overzicht
    assert "Geef een reden" in html.split('id="heropen-reden-fout"')[1][:200]


def test_htmx_antwoord_vult_de_bestaande_live_regions(client_als, inspecteur, onderzoek):
    b = onderzoek.beoordelingen.first()
    client = client_als(inspecteur)
    pagina = client.get(scoor_url(onderzoek)).content.decode()
    # The regions are in the page before any save, empty.
    assert re.search(r'<div id="melding-status"[^>]*role="status"[^>]*></div>', pagina)
    assert re.search(r'<div id="melding-fout"[^>]*role="alert"[^>]*></div>', pagina)
    optie = onderzoek.kader.schaal.get(code="verbeterpunt")
    url = reverse("inspecties:beoordeling_opslaan", args=[onderzoek.pk, b.pk])
    data = {"oordeel": optie.pk, "beoordeling_versie": b.versie, "tekst": "", "let_op": ""}
    html = client.post(url, data, headers=HX).content.decode()
    assert re.search(r'id="melding-status" hx-swap-oob="innerHTML">Opgeslagen: ', html)
    assert 'id="teller" class="fs-5 mb-0" role="status" hx-swap-oob="innerHTML"' in html
    assert f'id="overzicht-{b.pk}" hx-swap-oob="outerHTML"' in html
    # A second inspector's stale save: the conflict goes to the alert region.
    tweede = inloggen(Client(), inspecteur)
    html = tweede.post(url, {**data, "oordeel": "niet_getoetst"}, headers=HX).content.decode()
    assert 'id="melding-fout" hx-swap-oob="innerHTML">Niet opgeslagen:' in html


def test_pagina_kost_evenveel_queries_leeg_en_gescoord(
    client_als, inspecteur, onderzoek, django_assert_max_num_queries
):
    client = client_als(inspecteur)
    client.get(scoor_url(onderzoek))
    with django_assert_max_num_queries(25) as leeg:
        client.get(scoor_url(onderzoek))
    scoren(onderzoek, verbeterpunten=10)
    with django_assert_max_num_queries(len(leeg.captured_queries)):
        client.get(scoor_url(onderzoek))


def test_alleen_lezen_toont_een_datum_in_het_nederlands(client_als, inspecteur, kaders):
    from datetime import date

    vorig = naar_status(OnderzoekFactory(inspecteurs=[inspecteur]), "vastgesteld")
    vervolg = services.onderzoek_aanmaken(
        aanpak=vorig.aanpak,
        kader=vorig.kader,
        soort="vervolgonderzoek",
        jaar=vorig.jaar + 1,
        vorig_onderzoek=vorig,
    )
    vervolg.presentatiedatum = date(2014, 11, 17)
    vervolg.save()
    naar_status(vervolg, "vastgesteld")
    html = client_als(inspecteur).get(scoor_url(vervolg)).content.decode()
    assert "17 november 2014" in html


def test_historie_toont_wie_bij_naam(client_als, inspecteur, onderzoek):
    inspecteur.first_name, inspecteur.last_name = "Ingrid", "de Vries"
    inspecteur.save()
    c = onderzoek.conclusies.first()
    services.conclusie_opslaan(
        conclusie=c, gaat_goed="Goed.", kan_beter="", versie=c.versie, door=inspecteur
    )
    url = reverse("inspecties:onderzoek_historie", args=[onderzoek.pk])
    html = client_als(inspecteur).get(url).content.decode()
    assert "Ingrid de Vries" in html


def test_nieuw_onderzoek_met_fouten_heeft_een_foutoverzicht(client_als, inspecteur, kaders):
    url = reverse("inspecties:onderzoek_nieuw")
    html = client_als(inspecteur).post(url, {"jaar": "twee"}).content.decode()
    overzicht = html.split('id="foutoverzicht"')[1].split("</div>")[0]
    assert "data-focus-bij-laden" in html.split('id="foutoverzicht"')[1][:40]
    assert 'href="#id_aanpak"' in overzicht and "Gemeente en aanpak:" in overzicht
