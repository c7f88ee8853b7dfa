"""The exchange format from rapporten's side: the round trip to the same PDF text, the commands
that import (and freeze) and export, the admin's import screen and the download link."""

import json
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner
from inspecties.beveiliging.rollen import Rol
from inspecties.onderzoeken.models import Onderzoek
from inspecties.uitwisseling.exporteren import onderzoeken_exporteren
from rapporten.models import GepubliceerdRapport
from rapporten.services import gepubliceerde_pdf, onderzoeken_importeren_en_bevriezen
from tests.conftest import DEMO_PDF, eenmaal_gerenderd
from tests.factories import gebruiker
from tests.inspecties.uitwisseling.conftest import KLEIN
from tests.rapporten.conftest import normaliseer, pdf_paginas

pytestmark = pytest.mark.django_db


def alles_weg() -> None:
    """An empty database but for the frameworks and the users."""
    Onderzoek.objects.filter(soort=Onderzoek.Soort.VERVOLGONDERZOEK).delete()
    Onderzoek.objects.all().delete()
    Aanpak.objects.all().delete()
    Gemeente.objects.all().delete()
    Netwerkpartner.objects.all().delete()


@pytest.mark.parametrize(
    "sleutel", [("Oosterhout", 2014), ("Gouda", 2013), ("Bergen op Zoom", 2017)]
)
def test_exporteren_en_importeren_in_een_lege_database_geeft_dezelfde_pdf_tekst(
    demo, gerenderd, sleutel
):
    origineel = demo[sleutel]
    tekst_voor = [
        normaliseer(p)
        for p in pdf_paginas(eenmaal_gerenderd(gerenderd, DEMO_PDF[sleutel], origineel))
    ]
    bestand = onderzoeken_exporteren(onderzoeken=[origineel])
    alles_weg()
    assert Onderzoek.objects.count() == Gemeente.objects.count() == 0

    resultaat = onderzoeken_importeren_en_bevriezen(tekst=bestand)
    terug = next(o for o in resultaat.nieuw if (o.aanpak.gemeente.naam, o.jaar) == sleutel)
    assert GepubliceerdRapport.objects.filter(onderzoek=terug).exists()  # frozen at import
    tekst_na = [normaliseer(p) for p in pdf_paginas(gepubliceerde_pdf(onderzoek=terug))]
    assert tekst_na == tekst_voor
    # And the export of the import is the same file.
    assert onderzoeken_exporteren(onderzoeken=[terug]) == bestand


def test_het_commando_importeert_bevriest_en_doet_de_tweede_keer_niets(kaders, tmp_path):
    pad = tmp_path / "archief.yaml"
    pad.write_text(KLEIN, encoding="utf-8")
    uit = StringIO()
    call_command("importeer_onderzoeken", str(pad), stdout=uit)
    assert uit.getvalue().count("Geïmporteerd:") == 2
    assert GepubliceerdRapport.objects.count() == 1  # only the published one
    uit = StringIO()
    call_command("importeer_onderzoeken", str(pad), stdout=uit)
    assert uit.getvalue().count("Bestond al, niet gewijzigd:") == 2
    assert Onderzoek.objects.count() == 2 and GepubliceerdRapport.objects.count() == 1


def test_het_commando_meldt_elk_probleem_en_slaat_niets_op(kaders, tmp_path):
    pad = tmp_path / "fout.yaml"
    pad.write_text(
        KLEIN.replace("GM9901", "XX")
        .replace("2013-12-01", "2013-13-01")
        .replace("jaar: 2014", "jaar: twee")
    )
    with pytest.raises(CommandError) as fout:
        call_command("importeer_onderzoeken", str(pad))
    assert "3 probleem/problemen" in str(fout.value)
    assert str(fout.value).count("\n  regel ") == 3
    assert Gemeente.objects.count() == 0


def test_controleren_slaat_niets_op(kaders, tmp_path):
    pad = tmp_path / "archief.yaml"
    pad.write_text(KLEIN, encoding="utf-8")
    uit = StringIO()
    call_command("importeer_onderzoeken", str(pad), "--controleer", stdout=uit)
    assert uit.getvalue().count("Nieuw:") == 2 and Onderzoek.objects.count() == 0


def test_exporteer_commando_schrijft_bestand_en_schema(kaders, tmp_path):
    oud = onderzoeken_importeren_en_bevriezen(tekst=KLEIN).nieuw[1]
    uit = StringIO()
    call_command("exporteer_onderzoek", str(oud.pk), stdout=uit)
    assert uit.getvalue().count("  - id: ") == 2  # the follow-up and its earlier study
    uit = StringIO()
    call_command("exporteer_onderzoek", "--schema", stdout=uit)
    assert json.loads(uit.getvalue())["properties"]["formaat"] == {"const": "toezicht-onderzoek/1"}
    with pytest.raises(CommandError):
        call_command("exporteer_onderzoek", "999999")


def test_downloadlink_geeft_het_uitwisselbestand(kaders, client_als, inspecteur):
    oud = onderzoeken_importeren_en_bevriezen(tekst=KLEIN).nieuw[0]
    pagina = client_als(inspecteur).get(reverse("inspecties:onderzoek_scoren", args=[oud.pk]))
    assert reverse("rapporten:uitwisselbestand", args=[oud.pk]) in pagina.content.decode()
    antwoord = client_als(inspecteur).get(reverse("rapporten:uitwisselbestand", args=[oud.pk]))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/yaml; charset=utf-8"
    assert b"formaat: toezicht-onderzoek/1" in antwoord.content
    assert (
        client_als(inspecteur).get(reverse("rapporten:uitwisselbestand", args=[999999])).status_code
        == 404
    )


URL = "admin:rapporten_onderzoeken_importeren"


def test_beheer_controleert_bekijkt_en_importeert(kaders, client_als, beheerder):
    client = client_als(beheerder)
    stap1 = client.post(reverse(URL), {"bestand": SimpleUploadedFile("a.yaml", KLEIN.encode())})
    assert stap1.status_code == 200 and Onderzoek.objects.count() == 0
    assert "wordt toegevoegd" in stap1.content.decode()
    tekst = stap1.context["form"].initial["tekst"]
    stap2 = client.post(reverse(URL), {"tekst": tekst, "importeren": "Importeren"})
    assert stap2.status_code == 302 and Onderzoek.objects.count() == 2
    # Sent twice (a double click, a second beheerder): the second adds nothing.
    nogmaals = client.post(reverse(URL), {"tekst": tekst, "importeren": "Importeren"}, follow=True)
    assert "0 onderzoek(en) geïmporteerd; 2 bestond(en) al." in nogmaals.content.decode()
    assert Onderzoek.objects.count() == 2


def test_beheer_ziet_elk_probleem_en_er_wordt_niets_opgeslagen(kaders, client_als, beheerder):
    slecht = (
        KLEIN.replace("GM9901", "XX")
        .replace("status: concept", "status: af")
        .replace("Oude aanpak\n    beschrijving", "Oude aanpak\n    omschrijving")
    )
    antwoord = client_als(beheerder).post(
        reverse(URL), {"bestand": SimpleUploadedFile("a.yaml", slecht.encode())}
    )
    assert antwoord.status_code == 400
    assert [str(p).split(":")[0] for p in antwoord.context["problemen"]] == [
        "regel 4, gemeente > cbs_code",
        "regel 12, aanpakken[1] > omschrijving",
        "regel 39, onderzoeken[2] > status",
    ]
    # A tampered text sent straight to the import step is checked again.
    antwoord = client_als(beheerder).post(reverse(URL), {"tekst": slecht, "importeren": "1"})
    assert antwoord.status_code == 400 and Gemeente.objects.count() == 0


def test_alleen_beheer_mag_importeren(kaders, client_als):
    staf = gebruiker(Rol.MEDEWERKER, username="staf", is_staff=True)
    assert client_als(staf).get(reverse(URL)).status_code == 403
    groot = SimpleUploadedFile("groot.yaml", b"#" * (2 * 1024 * 1024 + 1))
    beheerder = gebruiker(Rol.BEHEERDER, username="beh", is_staff=True)
    antwoord = client_als(beheerder).post(reverse(URL), {"bestand": groot})
    assert antwoord.status_code == 400 and "groter dan 2 MB" in antwoord.content.decode()


def test_exporteren_telt_geen_query_per_bevinding(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        gouda = onderzoeken_exporteren(onderzoeken=[demo[("Gouda", 2013)]])
    with django_assert_max_num_queries(12):
        oosterhout = onderzoeken_exporteren(onderzoeken=[demo[("Oosterhout", 2014)]])
    assert gouda.count("  - id: ") == 1 and oosterhout.count("  - id: ") == 2
