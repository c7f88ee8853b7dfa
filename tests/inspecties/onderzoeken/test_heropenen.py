"""Reopening a published study: the municipality keeps the published version (page, PDF, open
improvement points) unchanged until the corrected one is published; inspectors confirm and
give a reason."""

import hashlib
from dataclasses import dataclass

from django.test import Client
from django.urls import reverse

import pytest

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.models import Onderzoek
from inspecties.onderzoeken.services import bevinding_opslaan, status_zetten
from rapporten.models import GepubliceerdRapport
from rapporten.services import onderzoek_publiceren
from tests.conftest import inloggen
from tests.factories import portaal_wereld
from tests.rapporten.conftest import pdf_paginas

OUDE_BEVINDING = "Geheim-vastgesteld: Bevinding 0 (verbeterpunt)"
NIEUWE_BEVINDING = "Gecorrigeerde bevinding na heropenen"
MELDING = "gecorrigeerde versie"


@pytest.fixture
def wereld(kaders, inspecteur, tweede_inspecteur):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    onderzoek_publiceren(onderzoek=wereld.vastgesteld, door=tweede_inspecteur)
    return wereld


@dataclass
class Portaalbeeld:
    pdf: bytes
    pagina: str
    verbeterpunten: str


def portaalbeeld(client, onderzoek) -> Portaalbeeld:
    pdf = client.get(reverse("rapporten:portaal_pdf", args=[onderzoek.pk]))
    pagina = client.get(reverse("portaal:onderzoek", args=[onderzoek.pk]))
    home = client.get(reverse("portaal:home")).content.decode()
    assert pdf.status_code == pagina.status_code == 200
    punten = home.split('id="kop-verbeterpunten"')[1].split('id="kop-rapportages"')[0]
    return Portaalbeeld(pdf=pdf.content, pagina=pagina.content.decode(), verbeterpunten=punten)


def heropenen(client, onderzoek, **data):
    url = reverse("inspecties:status_wijzigen", args=[onderzoek.pk, "heropenen"])
    return client.post(url, data, follow=True)


def test_heropend_onderzoek_blijft_voor_de_gemeente_zoals_het_gepubliceerd_is(
    wereld, inspecteur, tweede_inspecteur
):
    onderzoek = wereld.vastgesteld
    gemeente = inloggen(Client(), wereld.gouda_gebruiker)
    voor = portaalbeeld(gemeente, onderzoek)
    assert OUDE_BEVINDING in voor.pagina and OUDE_BEVINDING in voor.verbeterpunten
    assert MELDING not in voor.pagina

    inspectie = inloggen(Client(), inspecteur)
    heropenen(inspectie, onderzoek, reden="Tikfout in een bevinding", bevestigd="on")
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.CONCEPT
    b = onderzoek.beoordelingen.select_related("bevinding").order_by("id").first()
    assert b.bevinding.tekst == OUDE_BEVINDING
    bevinding_opslaan(
        beoordeling=b, tekst=NIEUWE_BEVINDING, let_op="", versie=b.bevinding.versie, door=inspecteur
    )

    tijdens = portaalbeeld(gemeente, onderzoek)
    assert tijdens.pdf == voor.pdf
    assert OUDE_BEVINDING in tijdens.pagina and NIEUWE_BEVINDING not in tijdens.pagina
    assert MELDING in tijdens.pagina
    assert tijdens.verbeterpunten == voor.verbeterpunten
    # The inspectors meanwhile work on the concept: their PDF is the live one, marked CONCEPT.
    intern = inspectie.get(reverse("rapporten:rapport_pdf", args=[onderzoek.pk])).content
    assert all("CONCEPT" in p for p in pdf_paginas(intern))
    assert all("CONCEPT" not in p for p in pdf_paginas(tijdens.pdf))

    for stap in (Onderzoek.Status.TER_REVIEW, Onderzoek.Status.VASTGESTELD):
        status_zetten(onderzoek=onderzoek, naar=stap, door=inspecteur)
    onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)

    na = portaalbeeld(gemeente, onderzoek)
    assert na.pdf != voor.pdf
    rapport = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
    assert hashlib.sha256(na.pdf).hexdigest() == rapport.sha256
    assert NIEUWE_BEVINDING in na.pagina and OUDE_BEVINDING not in na.pagina
    assert NIEUWE_BEVINDING in na.verbeterpunten and MELDING not in na.pagina


def test_heropend_onderzoek_blijft_afgeschermd_voor_andere_gemeenten(wereld, inspecteur):
    onderzoek = wereld.vastgesteld
    heropenen(inloggen(Client(), inspecteur), onderzoek, reden="Correctie", bevestigd="on")
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.CONCEPT

    ander = inloggen(Client(), wereld.andere_gebruiker)
    gouda = inloggen(Client(), wereld.gouda_gebruiker)
    for client, studie in ((ander, onderzoek), (gouda, wereld.concept), (gouda, wereld.ter_review)):
        for naam in ("portaal:onderzoek", "rapporten:portaal_pdf"):
            assert client.get(reverse(naam, args=[studie.pk])).status_code == 404, (naam, studie)
    assert "Geheim-vastgesteld" not in ander.get(reverse("portaal:home")).content.decode()
    home = gouda.get(reverse("portaal:home")).content.decode()
    assert "Geheim-vastgesteld" in home and "Geheim-concept" not in home
    # A reopened study takes no uploads until the corrected version is published.
    assert reverse("portaal:uploaden", args=[onderzoek.pk]) not in home


def test_heropenen_vraagt_een_reden_en_een_bevestiging(wereld, inspecteur):
    onderzoek = wereld.vastgesteld
    client = inloggen(Client(), inspecteur)
    pagina = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])).content
    pagina = pagina.decode()
    assert 'name="bevestigd"' in pagina and "Ik begrijp dat" in pagina

    zonder_bevestiging = heropenen(client, onderzoek, reden="Tikfout")
    assert "Bevestig" in zonder_bevestiging.content.decode()
    zonder_reden = heropenen(client, onderzoek, reden="  ", bevestigd="on")
    assert "reden" in zonder_reden.content.decode()
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.GEPUBLICEERD

    heropenen(client, onderzoek, reden="Tikfout", bevestigd="on")
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.CONCEPT
    laatste = onderzoek.statuswijzigingen.last()
    assert (laatste.naar, laatste.reden, laatste.door) == ("concept", "Tikfout", inspecteur)


def test_weigering_van_een_ander_zijn_onderzoek_staat_in_het_beveiligingslog(wereld):
    ander = inloggen(Client(), wereld.andere_gebruiker)
    onderzoek = wereld.vastgesteld
    ander.get(reverse("portaal:onderzoek", args=[onderzoek.pk]))
    ander.get(reverse("rapporten:portaal_pdf", args=[onderzoek.pk]))
    geweigerd = BeveiligingsGebeurtenis.objects.filter(
        soort=BeveiligingsGebeurtenis.Soort.TOEGANG_GEWEIGERD
    ).order_by("pk")
    assert [(g.gebruiker, g.details["onderzoek"]) for g in geweigerd] == [
        (wereld.andere_gebruiker, onderzoek.pk),
        (wereld.andere_gebruiker, onderzoek.pk),
    ]


def test_portaal_leest_de_publicatie_met_een_vast_aantal_queries(
    wereld, inspecteur, django_assert_max_num_queries
):
    heropenen(inloggen(Client(), inspecteur), wereld.vastgesteld, reden="Correctie", bevestigd="on")
    gemeente = inloggen(Client(), wereld.gouda_gebruiker)
    with django_assert_max_num_queries(15):
        assert gemeente.get(reverse("portaal:home")).status_code == 200
    with django_assert_max_num_queries(12):
        pagina = gemeente.get(reverse("portaal:onderzoek", args=[wereld.vastgesteld.pk]))
    assert OUDE_BEVINDING in pagina.content.decode()
