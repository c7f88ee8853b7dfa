"""Publishing freezes the PDF; the municipality downloads exactly those bytes."""

import hashlib

from django.urls import reverse

from inspecties.models import Onderzoek
from inspecties.services import onderzoek_heropenen, onderzoek_publiceren, status_zetten
from rapporten.models import GepubliceerdRapport
from tests.conftest import inloggen
from tests.portaal_data import portaal_wereld


def test_publiceren_legt_de_pdf_vast_en_het_portaal_levert_die_bytes(
    kaders, inspecteur, tweede_inspecteur, client
):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    onderzoek = wereld.vastgesteld
    assert not GepubliceerdRapport.objects.filter(onderzoek=onderzoek).exists()

    onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)

    rapport = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
    inloggen(client, wereld.gouda_gebruiker)
    response = client.get(reverse("rapporten:portaal_pdf", args=[onderzoek.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    inhoud = response.content
    assert inhoud.startswith(b"%PDF-")
    assert hashlib.sha256(inhoud).hexdigest() == rapport.sha256


def test_andere_gemeente_krijgt_404_voor_de_pdf(kaders, inspecteur, client):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    inloggen(client, wereld.andere_gebruiker)
    url = reverse("rapporten:portaal_pdf", args=[wereld.gepubliceerd.pk])
    assert client.get(url).status_code == 404
    assert not GepubliceerdRapport.objects.filter(onderzoek=wereld.gepubliceerd).exists()


def test_opnieuw_publiceren_na_heropenen_legt_een_nieuwe_pdf_vast(
    kaders, inspecteur, tweede_inspecteur
):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    onderzoek = wereld.vastgesteld
    onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)
    eerste = GepubliceerdRapport.objects.get(onderzoek=onderzoek)

    onderzoek_heropenen(onderzoek=onderzoek, door=inspecteur, reden="Tikfout in bevinding")
    onderzoek.refresh_from_db()
    onderzoek.aanpak.naam = "Hernoemde aanpak"
    onderzoek.aanpak.save()
    for stap in (Onderzoek.Status.TER_REVIEW, Onderzoek.Status.VASTGESTELD):
        status_zetten(onderzoek=onderzoek, naar=stap, door=inspecteur)
    onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)

    tweede = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
    assert tweede.pk != eerste.pk
    assert tweede.sha256 != eerste.sha256
