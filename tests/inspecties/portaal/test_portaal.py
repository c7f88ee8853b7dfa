"""The municipality portal: scoped reads, safe uploads, downloads and the inspectors' inbox."""

import hashlib
from datetime import date, timedelta

from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from inspecties.models import Voortgangsrapportage
from inspecties.portaal.selectors import (
    open_verbeterpunten,
    portaal_onderzoeken,
)
from inspecties.regels.deadlines import deadline_status
from inspecties.voortgang.selectors import voortgang_deadline_van
from inspecties.voortgang.uploads import MAX_GROOTTE
from tests.conftest import inloggen
from tests.factories import PDF_BYTES, portaal_wereld
from tests.inspecties.voortgang.test_uploads import docx_bytes, odt_bytes, zip_bom


@pytest.fixture
def wereld(kaders, inspecteur):
    return portaal_wereld(kaders, inspecteur=inspecteur)


def opgeslagen_bestanden() -> list[str]:
    def walk(pad):
        try:
            mappen, bestanden = default_storage.listdir(pad)
        except FileNotFoundError:
            return []
        gevonden = [f"{pad}/{b}" for b in bestanden]
        for m in mappen:
            gevonden += walk(f"{pad}/{m}")
        return gevonden

    return walk("voortgang")


# --- Scoping ----------------------------------------------------------------------------------


def test_portaal_toont_alleen_gepubliceerde_onderzoeken_van_de_eigen_gemeente(wereld):
    assert list(portaal_onderzoeken(gebruiker=wereld.gouda_gebruiker)) == [wereld.gepubliceerd]
    assert list(portaal_onderzoeken(gebruiker=wereld.andere_gebruiker)) == [
        wereld.ander_gepubliceerd
    ]


def test_gemeentegebruiker_ziet_geen_onderzoeken_van_andere_gemeenten(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    html = client.get(reverse("portaal:home")).content.decode()
    assert "MPG-test" in html
    assert "Anderdorp" not in html and "Andere-aanpak" not in html
    andere = wereld.ander_gepubliceerd.pk
    assert client.get(reverse("portaal:onderzoek", args=[andere])).status_code == 404
    assert client.get(reverse("portaal:uploaden", args=[andere])).status_code == 404
    aantal = Voortgangsrapportage.objects.count()
    response = client.post(
        reverse("portaal:uploaden", args=[andere]),
        {"bestand": SimpleUploadedFile("x.pdf", PDF_BYTES)},
    )
    assert response.status_code == 404
    assert Voortgangsrapportage.objects.count() == aantal
    download = reverse("portaal:download", args=[wereld.andere_upload.pk])
    assert client.get(download).status_code == 404


def test_niets_ongepubliceerds_is_zichtbaar_voor_de_gemeente(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    geheim = [wereld.concept, wereld.ter_review, wereld.vastgesteld]

    html = client.get(reverse("portaal:home")).content.decode()
    assert "Geheim" not in html  # neither in the list nor in the improvement points
    punten = open_verbeterpunten(gebruiker=wereld.gouda_gebruiker)
    assert [p.onderzoek for p in punten] == [wereld.gepubliceerd]

    for onderzoek in geheim:
        assert client.get(reverse("portaal:onderzoek", args=[onderzoek.pk])).status_code == 404
        assert client.get(reverse("portaal:uploaden", args=[onderzoek.pk])).status_code == 404
        response = client.post(
            reverse("portaal:uploaden", args=[onderzoek.pk]),
            {"bestand": SimpleUploadedFile("x.pdf", PDF_BYTES)},
        )
        assert response.status_code == 404
        assert not Voortgangsrapportage.objects.filter(onderzoek=onderzoek).exists()


def test_open_verbeterpunten_komen_uit_het_laatste_gepubliceerde_onderzoek(wereld, client):
    punten = open_verbeterpunten(gebruiker=wereld.gouda_gebruiker)
    assert len(punten) == 1
    assert len(punten[0].punten) == 3
    assert all(p.bevinding.endswith("(verbeterpunt)") for p in punten[0].punten)
    inloggen(client, wereld.gouda_gebruiker)
    html = client.get(reverse("portaal:home")).content.decode()
    assert "MPG-test: Bevinding 0 (verbeterpunt)" in html
    assert "MPG-test: Bevinding 5" not in html  # √ rows are not improvement points


def test_portaalpagina_blijft_binnen_een_vast_aantal_queries(
    wereld, client, django_assert_max_num_queries
):
    inloggen(client, wereld.gouda_gebruiker)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("portaal:home")).status_code == 200
    with django_assert_max_num_queries(20):
        url = reverse("portaal:onderzoek", args=[wereld.gepubliceerd.pk])
        response = client.get(url)
    assert response.status_code == 200
    assert "MPG-test: Bevinding 0" in response.content.decode()


# --- Due dates --------------------------------------------------------------------------------


def test_deadline_wordt_gemarkeerd_als_hij_nadert_of_verlopen_is():
    vandaag = date(2025, 6, 1)
    assert deadline_status(None, vandaag=vandaag) == ""
    assert deadline_status(date(2025, 5, 31), vandaag=vandaag) == "verlopen"
    assert deadline_status(vandaag, vandaag=vandaag) == "bijna"
    assert deadline_status(vandaag + timedelta(days=30), vandaag=vandaag) == "bijna"
    assert deadline_status(vandaag + timedelta(days=31), vandaag=vandaag) == "ok"


def test_deadline_is_standaard_een_jaar_na_publicatie(wereld):
    o = wereld.gepubliceerd
    o.voortgang_deadline = None
    assert voortgang_deadline_van(o) == date(2015, 3, 1)


def test_verlopen_deadline_wordt_getoond(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    html = client.get(reverse("portaal:home")).content.decode()
    assert "Verlopen" in html  # published 2014, due 2015


def test_inspecteur_wijzigt_de_deadline(wereld, client, inspecteur):
    inloggen(client, inspecteur)
    url = reverse("voortgang:inbox_onderzoek", args=[wereld.gepubliceerd.pk])
    response = client.post(url, {"voortgang_deadline": "2030-01-15"})
    assert response.status_code == 302
    wereld.gepubliceerd.refresh_from_db()
    assert wereld.gepubliceerd.voortgang_deadline == date(2030, 1, 15)


def test_gemeente_kan_de_deadline_niet_wijzigen(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    url = reverse("voortgang:inbox_onderzoek", args=[wereld.gepubliceerd.pk])
    assert client.post(url, {"voortgang_deadline": "2030-01-15"}).status_code == 403
    wereld.gepubliceerd.refresh_from_db()
    assert wereld.gepubliceerd.voortgang_deadline is None


# --- Uploading --------------------------------------------------------------------------------


def uploaden(client, wereld, naam, inhoud, bericht=""):
    url = reverse("portaal:uploaden", args=[wereld.gepubliceerd.pk])
    return client.post(url, {"bestand": SimpleUploadedFile(naam, inhoud), "bericht": bericht})


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        (
            "rapport.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\0" * 200,
            "bestandstype wordt niet geaccepteerd",
        ),
        (
            "rapport.pdf",
            b"\x7fELF\x02\x01\x01\x00" + b"\0" * 200,
            "bestandstype wordt niet geaccepteerd",
        ),
        (
            "rapport.pdf",
            b"<!DOCTYPE html><html><body>Hallo</body></html>",
            "bestandstype wordt niet geaccepteerd",
        ),
        ("rapport.pdf", b"", "leeg"),
        ("rapport.pdf", b"%PDF-1.4\n" + b"0" * MAX_GROOTTE, "te groot"),
        ("rapport.docx", "bom", "gecomprimeerd"),
    ],
    ids=["exe", "elf", "html-als-pdf", "leeg", "te-groot", "zip-bom-als-docx"],
)
def test_gevaarlijke_of_ongeldige_uploads_worden_geweigerd_en_niet_opgeslagen(
    wereld, client, naam, inhoud, melding
):
    if inhoud == "bom":
        inhoud = zip_bom()
    inloggen(client, wereld.gouda_gebruiker)
    rijen = Voortgangsrapportage.objects.count()
    bestanden = opgeslagen_bestanden()
    mail.outbox.clear()

    response = uploaden(client, wereld, naam, inhoud)

    assert response.status_code == 400
    assert melding in response.content.decode()
    assert Voortgangsrapportage.objects.count() == rijen
    assert opgeslagen_bestanden() == bestanden
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("naam", "inhoud", "type_"),
    [
        # Not the bytes of the world's own upload: the same file again is no new event (meldingen).
        ("voortgang.pdf", PDF_BYTES + b"% nieuw\n", "application/pdf"),
        ("voortgang.docx", "docx", "wordprocessingml"),
        ("zonder-extensie", "odt", "opendocument.text"),
    ],
)
def test_geldige_upload_wordt_opgeslagen_onder_een_willekeurige_naam(
    wereld, client, inspecteur, naam, inhoud, type_, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://toezicht.example.nl"
    inhoud = {"docx": docx_bytes, "odt": odt_bytes}.get(inhoud, lambda: inhoud)()
    inloggen(client, wereld.gouda_gebruiker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = uploaden(client, wereld, naam, inhoud, bericht="Zie bijlage.")
    assert response.status_code == 302
    r = Voortgangsrapportage.objects.filter(onderzoek=wereld.gepubliceerd).first()
    assert r.oorspronkelijke_naam == naam
    assert naam not in r.bestand.name and r.bestand.name.startswith("voortgang/")
    assert type_ in r.inhoudstype
    assert r.grootte == len(inhoud)
    assert r.sha256 == hashlib.sha256(inhoud).hexdigest()
    assert r.bericht == "Zie bijlage."
    assert r.ingediend_door == wereld.gouda_gebruiker
    with r.bestand.open("rb") as f:
        assert f.read() == inhoud
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [inspecteur.email]
    assert "Gouda-test" in mail.outbox[0].subject
    link = f"http://toezicht.example.nl/voortgangsrapportages/onderzoeken/{wereld.gepubliceerd.pk}/"
    assert link in mail.outbox[0].body


def test_nieuwere_versie_wordt_toegevoegd_en_de_oude_blijft_ongewijzigd(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    oud = wereld.upload
    oude_hash = oud.sha256
    uploaden(client, wereld, "versie2.pdf", PDF_BYTES + b"% v2\n")
    oud.refresh_from_db()
    assert oud.sha256 == oude_hash
    assert Voortgangsrapportage.objects.filter(onderzoek=wereld.gepubliceerd).count() == 2


def test_gemeente_download_is_bijlage_met_nosniff(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    response = client.get(reverse("portaal:download", args=[wereld.upload.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF_BYTES


# --- Inspectors' inbox ------------------------------------------------------------------------


def test_inspecteur_ziet_de_inbox_en_markeert_als_gelezen(wereld, client, inspecteur):
    inloggen(client, inspecteur)
    html = client.get(reverse("voortgang:inbox")).content.decode()
    assert "gouda.pdf" in html and "ander.pdf" in html
    html = client.get(
        reverse("voortgang:inbox_onderzoek", args=[wereld.gepubliceerd.pk])
    ).content.decode()
    assert "gouda.pdf" in html and "ander.pdf" not in html

    response = client.post(reverse("voortgang:gelezen", args=[wereld.upload.pk]))
    assert response.status_code == 302
    wereld.upload.refresh_from_db()
    assert wereld.upload.gelezen_door == inspecteur
    assert wereld.upload.gelezen_op is not None


def test_inspecteur_download_geeft_dezelfde_bytes(wereld, client, inspecteur):
    inloggen(client, inspecteur)
    response = client.get(reverse("voortgang:download", args=[wereld.upload.pk]))
    assert response["X-Content-Type-Options"] == "nosniff"
    inhoud = b"".join(response.streaming_content)
    assert hashlib.sha256(inhoud).hexdigest() == wereld.upload.sha256


def test_veel_te_groot_bestand_wordt_tijdens_het_ontvangen_al_afgekapt(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    rijen = Voortgangsrapportage.objects.count()
    response = uploaden(client, wereld, "groot.pdf", b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024))
    assert response.status_code == 400
    assert "te groot; het maximum is 20 MB" in response.content.decode()
    assert Voortgangsrapportage.objects.count() == rijen


def test_uploaden_controleert_het_csrf_token(wereld):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    inloggen(client, wereld.gouda_gebruiker)
    rijen = Voortgangsrapportage.objects.count()
    response = uploaden(client, wereld, "voortgang.pdf", PDF_BYTES)
    assert response.status_code == 403
    assert Voortgangsrapportage.objects.count() == rijen


def test_inbox_toont_uiterste_data_en_blijft_binnen_een_vast_aantal_queries(
    wereld, client, inspecteur, django_assert_max_num_queries
):
    inloggen(client, inspecteur)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("voortgang:inbox"))
    html = response.content.decode()
    assert "Uiterste data voortgangsrapportages" in html
    assert "MPG-test" in html and "Andere-aanpak" in html
    assert "Geheim" not in html  # only published studies have a due date


def test_verbeterpunten_van_een_opgevolgd_onderzoek_zijn_niet_meer_open(demo, client):
    """Oosterhout 2013 was re-scored by the 2014 follow-up of its successor approach: only
    the points still X in 2014 are open."""
    from gemeenten.models import Gemeente
    from inspecties.beveiliging.rollen import Rol
    from tests.factories import gebruiker

    oosterhout = Gemeente.objects.get(naam="Oosterhout")
    vervolg = demo[("Oosterhout", 2014)]
    gebruiker_oosterhout = gebruiker(Rol.GEMEENTE, username="oosterhout", gemeenten=[oosterhout])
    punten = open_verbeterpunten(gebruiker=gebruiker_oosterhout)
    assert [p.onderzoek for p in punten] == [vervolg]
    nog_x = vervolg.beoordelingen.filter(optie__is_verbeterpunt=True).count()
    assert len(punten[0].punten) == nog_x
    inloggen(client, gebruiker_oosterhout)
    html = client.get(reverse("portaal:home")).content.decode()
    assert "Uitkomsten verbeterpunten" in html and "Gouda" not in html


# --- The service guards itself too (defence in depth) -----------------------------------------


def test_service_weigert_ongepubliceerd_onderzoek_en_andere_gemeente(wereld):
    from inspecties.voortgang.services import VoortgangFout, voortgangsrapportage_indienen
    from tests.factories import pdf_upload

    aantal = Voortgangsrapportage.objects.count()
    bestanden = opgeslagen_bestanden()
    with pytest.raises(VoortgangFout, match="nog"):
        voortgangsrapportage_indienen(
            onderzoek=wereld.vastgesteld, bestand=pdf_upload(), door=wereld.gouda_gebruiker
        )
    with pytest.raises(VoortgangFout, match="eigen gemeente"):
        voortgangsrapportage_indienen(
            onderzoek=wereld.ander_gepubliceerd, bestand=pdf_upload(), door=wereld.gouda_gebruiker
        )
    assert Voortgangsrapportage.objects.count() == aantal
    assert opgeslagen_bestanden() == bestanden


def test_startpagina_stuurt_gemeentegebruiker_naar_het_portaal(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portaal:home")


def test_inbox_toont_een_pagina_en_telt_ongelezen_over_alle_paginas(
    wereld, client, inspecteur, monkeypatch
):
    """Issue 16: the inbox does not grow with the years of reports."""
    from inspecties.voortgang import selectors

    monkeypatch.setattr(selectors, "PER_PAGINA", 1)
    for naam in ("een.pdf", "twee.pdf"):
        Voortgangsrapportage.objects.create(
            onderzoek=wereld.gepubliceerd,
            bestand=f"voortgang/{naam}",
            oorspronkelijke_naam=naam,
            inhoudstype="application/pdf",
            grootte=1,
            sha256="0" * 64,
            ingediend_door=wereld.gouda_gebruiker,
        )
    totaal = Voortgangsrapportage.objects.count()
    ongelezen = Voortgangsrapportage.objects.filter(gelezen_op=None).count()
    inloggen(client, inspecteur)
    html = client.get(reverse("voortgang:inbox")).content.decode()
    assert html.count('data-testid="inbox-rij"') == 1
    assert f"{ongelezen} ongelezen." in html
    assert f"Pagina 1 van {totaal}" in html
    laatste = client.get(reverse("voortgang:inbox"), {"pagina": "laatste"}).content.decode()
    assert laatste.count('data-testid="inbox-rij"') == 1
