"""No network while rendering; a published PDF never changes; the portal serves only its own."""

import hashlib
import socket

from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from rapporten import pdf as pdfmodule
from rapporten import services as rapportservices
from rapporten.models import GepubliceerdRapport
from rapporten.services import demo_bevriezen, onderzoek_publiceren, rapport_bevriezen
from tests.conftest import inloggen
from tests.factories import portaal_wereld
from tests.rapporten.conftest import pdf_paginas


@pytest.fixture
def geen_netwerk(monkeypatch):
    def weigeren(*args, **kwargs):
        pytest.fail(f"network access during rendering: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", weigeren)
    monkeypatch.setattr(socket, "create_connection", weigeren)
    monkeypatch.setattr(socket, "getaddrinfo", weigeren)


def test_renderen_haalt_niets_van_buiten(tmp_path, settings, geen_netwerk):
    (tmp_path / "rapporten").mkdir()
    (tmp_path / "rapporten" / "kwaad.html").write_text(
        '{% load static %}<html lang="nl"><head><title>t</title>'
        '<link rel="stylesheet" href="{% static \'css/rapport.css\' %}">'
        '<link rel="stylesheet" href="https://example.org/x.css"></head><body>'
        '<img src="http://example.org/x.png" alt="x"><img src="file:///etc/passwd" alt="y">'
        '<img src="/static/../../etc/passwd" alt="z"><p>Hallo</p></body></html>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    gevraagd, geweigerd = [], []
    fetcher = pdfmodule.url_fetcher()
    origineel = fetcher.fetch

    def fetch(url, headers=None):
        gevraagd.append(url)
        try:
            return origineel(url, headers)
        except pdfmodule.ExternBronGeweigerd:
            geweigerd.append(url)
            raise

    fetcher.fetch = fetch
    html = render_to_string("rapporten/kwaad.html", {})
    pdf = pdfmodule.html_naar_pdf(html, fetcher=fetcher)
    assert "Hallo" in pdf_paginas(pdf)[0]
    # Only our own stylesheet and the fonts it names are served, from disk.
    geserveerd = [u for u in gevraagd if u not in geweigerd]
    assert geserveerd and all(u.startswith(pdfmodule.BASE_URL + "static/") for u in geserveerd)
    assert any("example.org/x.png" in u for u in geweigerd)
    assert any("example.org/x.css" in u for u in geweigerd)
    assert any(u.startswith("file:") for u in geweigerd)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/x.png",
        "file:///etc/passwd",
        "https://rapport.invalid/static/../../../etc/passwd",
        "https://rapport.invalid/media/x.pdf",
        "data:text/plain,hallo",
    ],
)
def test_fetcher_weigert_alles_behalve_statische_bestanden(url):
    with pytest.raises(pdfmodule.ExternBronGeweigerd):
        pdfmodule.statisch_pad(url)


def test_gepubliceerd_rapport_blijft_byte_gelijk_na_templatewijziging(
    demo, client, inspecteur, tmp_path, settings
):
    gouda = demo[("Gouda", 2013)]
    demo_bevriezen()
    inloggen(client, inspecteur)
    url = reverse("rapporten:rapport_pdf", args=[gouda.pk])
    eerste = client.get(url)
    assert eerste.status_code == 200 and eerste["Content-Type"] == "application/pdf"
    rapport = GepubliceerdRapport.objects.get(onderzoek=gouda)
    assert rapport.sha256 == hashlib.sha256(eerste.content).hexdigest()

    (tmp_path / "rapporten").mkdir()
    (tmp_path / "rapporten" / "factsheet.html").write_text(
        '<html lang="nl"><head><title>Nieuw</title></head><body>Nieuwe opmaak</body></html>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    # The change is live for fresh renderings (the HTML page) ...
    assert "Nieuwe opmaak" in client.get(reverse("rapporten:rapport", args=[gouda.pk])).text
    # ... but the published PDF is served from the frozen bytes.
    tweede = client.get(url)
    assert tweede.content == eerste.content


def test_gepubliceerd_rapport_downloaden_rendert_niet(demo, client, inspecteur, monkeypatch):
    """A published report's PDF, inside and on the portal, is the frozen bytes: with every way
    to render a PDF refused, both downloads still give the published PDF."""
    from django.contrib.auth import get_user_model

    from weasyprint import HTML

    gouda = demo[("Gouda", 2013)]
    demo_bevriezen()
    rapport = GepubliceerdRapport.objects.get(onderzoek=gouda)

    def weigeren(*args, **kwargs):
        raise AssertionError("a published report is rendered again")

    monkeypatch.setattr(pdfmodule, "html_naar_pdf", weigeren)
    monkeypatch.setattr(pdfmodule, "render_pdf", weigeren)
    monkeypatch.setattr(rapportservices, "render_pdf", weigeren)
    monkeypatch.setattr(HTML, "render", weigeren)
    monkeypatch.setattr(HTML, "write_pdf", weigeren)

    inloggen(client, inspecteur)
    intern = client.get(reverse("rapporten:rapport_pdf", args=[gouda.pk]))
    assert intern.status_code == 200
    assert hashlib.sha256(intern.content).hexdigest() == rapport.sha256
    client.logout()
    inloggen(client, get_user_model().objects.get(username="gouda"))
    portaal = client.get(reverse("rapporten:portaal_pdf", args=[gouda.pk]))
    assert portaal.status_code == 200
    assert portaal.content == intern.content


def test_portaal_serveert_het_bevroren_rapport_van_de_eigen_gemeente(kaders, inspecteur, client):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    rapport = rapport_bevriezen(onderzoek=wereld.gepubliceerd)
    inloggen(client, wereld.gouda_gebruiker)
    detail = client.get(reverse("portaal:onderzoek", args=[wereld.gepubliceerd.pk]))
    pdf_url = reverse("rapporten:portaal_pdf", args=[wereld.gepubliceerd.pk])
    assert pdf_url in detail.text
    antwoord = client.get(pdf_url)
    assert antwoord.status_code == 200
    assert hashlib.sha256(antwoord.content).hexdigest() == rapport.sha256
    # Another gemeente's study and an unpublished one of Gouda: 404.
    for onderzoek in (wereld.ander_gepubliceerd, wereld.vastgesteld, wereld.concept):
        url = reverse("rapporten:portaal_pdf", args=[onderzoek.pk])
        assert client.get(url).status_code == 404


def test_opnieuw_publiceren_vervangt_het_bevroren_rapport(kaders, inspecteur):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    assert not GepubliceerdRapport.objects.filter(onderzoek=wereld.vastgesteld).exists()
    onderzoek_publiceren(onderzoek=wereld.vastgesteld, door=inspecteur)
    assert GepubliceerdRapport.objects.filter(onderzoek=wereld.vastgesteld).count() == 1
