"""Publishing freezes the PDF; the municipality downloads exactly those bytes.

Freezing renders outside the write transaction, replaces an older frozen file only after
commit (and removes the new one when anything fails), and no GET ever writes a frozen copy."""

import hashlib
import io
import logging

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

import pytest

from inspecties.models import Onderzoek
from inspecties.onderzoeken.services import (
    OnderzoekFout,
    onderzoek_heropenen,
    status_zetten,
)
from rapporten import services as rapportservices
from rapporten.models import GepubliceerdRapport
from rapporten.services import onderzoek_publiceren
from tests.conftest import inloggen
from tests.factories import portaal_wereld


def bevroren_bestanden() -> list[str]:
    try:
        return sorted(default_storage.listdir("rapporten")[1])
    except FileNotFoundError:
        return []


def opnieuw_vaststellen(onderzoek, *, door):
    onderzoek_heropenen(onderzoek=onderzoek, door=door, reden="Tikfout in bevinding")
    onderzoek.refresh_from_db()
    for stap in (Onderzoek.Status.TER_REVIEW, Onderzoek.Status.VASTGESTELD):
        status_zetten(onderzoek=onderzoek, naar=stap, door=door)


@pytest.fixture(autouse=True)
def lege_opslag(settings):
    """A fresh in-memory default storage, so each test sees only its own files."""
    settings.STORAGES = {**settings.STORAGES}


@pytest.fixture
def wereld(kaders, inspecteur):
    return portaal_wereld(kaders, inspecteur=inspecteur)


def test_publiceren_legt_de_pdf_vast_en_het_portaal_levert_die_bytes(
    wereld, tweede_inspecteur, client
):
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


def test_andere_gemeente_krijgt_404_voor_de_pdf(wereld, client):
    inloggen(client, wereld.andere_gebruiker)
    url = reverse("rapporten:portaal_pdf", args=[wereld.gepubliceerd.pk])
    assert client.get(url).status_code == 404
    assert not GepubliceerdRapport.objects.filter(onderzoek=wereld.gepubliceerd).exists()


def test_opnieuw_publiceren_vervangt_de_pdf_en_het_oude_bestand_pas_na_de_commit(
    wereld, inspecteur, tweede_inspecteur, django_capture_on_commit_callbacks
):
    onderzoek = wereld.vastgesteld
    with django_capture_on_commit_callbacks(execute=True):
        onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)
    eerste = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
    assert bevroren_bestanden() == [eerste.pdf.name.split("/")[-1]]

    opnieuw_vaststellen(onderzoek, door=inspecteur)
    onderzoek.aanpak.naam = "Hernoemde aanpak"
    onderzoek.aanpak.save()
    with django_capture_on_commit_callbacks(execute=False) as na_commit:
        onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)
    tweede = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
    assert tweede.sha256 != eerste.sha256
    # Until the transaction commits, the old file is still there (a rollback keeps it valid).
    assert default_storage.exists(eerste.pdf.name) and default_storage.exists(tweede.pdf.name)
    for callback in na_commit:
        callback()
    assert not default_storage.exists(eerste.pdf.name)
    assert bevroren_bestanden() == [tweede.pdf.name.split("/")[-1]]


def test_mislukt_publiceren_laat_de_vorige_publicatie_heel_en_ruimt_het_nieuwe_bestand_op(
    wereld, inspecteur, tweede_inspecteur, monkeypatch, client
):
    onderzoek = wereld.vastgesteld
    onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)
    eerste = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
    opnieuw_vaststellen(onderzoek, door=inspecteur)

    def kapot(self, *args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(GepubliceerdRapport, "save", kapot)
    with pytest.raises(RuntimeError, match="schijf vol"):
        onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)
    monkeypatch.undo()

    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.VASTGESTELD
    bewaard = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
    assert bewaard.pk == eerste.pk
    with bewaard.pdf.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == eerste.sha256
    assert bevroren_bestanden() == [eerste.pdf.name.split("/")[-1]]
    # The municipality still gets the published version.
    inloggen(client, wereld.gouda_gebruiker)
    antwoord = client.get(reverse("rapporten:portaal_pdf", args=[onderzoek.pk]))
    assert hashlib.sha256(antwoord.content).hexdigest() == eerste.sha256


@pytest.mark.django_db(transaction=True)
def test_publiceren_rendert_buiten_elke_transactie(
    kaders, inspecteur, tweede_inspecteur, monkeypatch
):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    in_transactie = []
    origineel = rapportservices.render_pdf

    def render_pdf(*args, **kwargs):
        in_transactie.append(connection.in_atomic_block)
        return origineel(*args, **kwargs)

    monkeypatch.setattr(rapportservices, "render_pdf", render_pdf)
    onderzoek_publiceren(onderzoek=wereld.vastgesteld, door=tweede_inspecteur)
    assert in_transactie == [False]
    rapport = GepubliceerdRapport.objects.get(onderzoek=wereld.vastgesteld)
    assert default_storage.exists(rapport.pdf.name)


def test_twee_keer_tegelijk_publiceren_geeft_een_publicatie(
    wereld, inspecteur, tweede_inspecteur, monkeypatch
):
    """A double submit: while the first request renders, the second publishes. The first then
    finds the study changed, refuses, and removes the file it wrote."""
    onderzoek = wereld.vastgesteld
    origineel = rapportservices.render_pdf
    tweede_klaar = []

    def render_pdf(*args, **kwargs):
        resultaat = origineel(*args, **kwargs)
        if not tweede_klaar:
            tweede_klaar.append(True)
            onderzoek_publiceren(onderzoek=onderzoek, door=inspecteur)
        return resultaat

    monkeypatch.setattr(rapportservices, "render_pdf", render_pdf)
    with pytest.raises(OnderzoekFout):
        onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)
    rapport = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
    assert bevroren_bestanden() == [rapport.pdf.name.split("/")[-1]]
    assert onderzoek.statuswijzigingen.filter(naar=Onderzoek.Status.GEPUBLICEERD).count() == 1


def test_get_schrijft_nooit_een_bevroren_kopie(wereld, client, inspecteur, caplog):
    """Published without a frozen copy (as set up here, or by an old version): a download is
    rendered fresh, not stored, and the gap is logged."""
    onderzoek = wereld.gepubliceerd
    caplog.set_level(logging.WARNING, logger="rapporten")
    inloggen(client, wereld.gouda_gebruiker)
    portaal = client.get(reverse("rapporten:portaal_pdf", args=[onderzoek.pk]))
    inloggen(client, inspecteur)
    intern = client.get(reverse("rapporten:rapport_pdf", args=[onderzoek.pk]))
    for antwoord in (portaal, intern):
        assert antwoord.status_code == 200 and antwoord.content.startswith(b"%PDF-")
    assert not GepubliceerdRapport.objects.exists()
    assert bevroren_bestanden() == []
    meldingen = [r for r in caplog.records if "geen bevroren" in r.getMessage()]
    assert len(meldingen) == 2 and all(r.levelno == logging.WARNING for r in meldingen)


def test_laad_demo_bevriest_de_gepubliceerde_demo_onderzoeken(kaders, client):
    call_command("laad_demo", stdout=io.StringIO())
    gepubliceerd = Onderzoek.objects.gepubliceerd()
    assert gepubliceerd.count() == 4
    for onderzoek in gepubliceerd:
        rapport = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
        with rapport.pdf.open("rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == rapport.sha256
        assert rapport.verbeterpunten is not None and rapport.portaal_inhoud
    # Loading again (a database that already holds the demo) changes nothing.
    voor = sorted(GepubliceerdRapport.objects.values_list("pk", "sha256"))
    call_command("laad_demo", stdout=io.StringIO())
    assert sorted(GepubliceerdRapport.objects.values_list("pk", "sha256")) == voor
