"""Bulk export in the background: request, progress, download of one ZIP of PDFs."""

import io
import zipfile

from django.urls import reverse

from pypdf import PdfReader

from inspecties.models import Onderzoek
from inspecties.rollen import Rol
from rapporten.models import BulkExport
from tests.factories import gebruiker


def test_medewerker_exporteert_alle_gepubliceerde_rapporten_van_een_jaar(
    demo, medewerker, client_als
):
    client = client_als(medewerker)
    response = client.post(
        reverse("rapporten:bulk_nieuw"), {"jaar": "2013", "status": "gepubliceerd"}
    )
    export = BulkExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rapporten:bulk_status", kwargs={"pk": export.pk})
    assert export.status == BulkExport.Status.KLAAR
    assert (export.klaar, export.totaal) == (2, 2)

    pagina = client.get(response["Location"]).content.decode()
    assert "Klaar: 2 van 2 rapporten" in pagina
    assert reverse("rapporten:bulk_download", kwargs={"pk": export.pk}) in pagina

    download = client.get(reverse("rapporten:bulk_download", kwargs={"pk": export.pk}))
    assert download["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as zf:
        namen = sorted(zf.namelist())
        assert len(namen) == 2
        teksten = [PdfReader(io.BytesIO(zf.read(n))).pages[0].extract_text() for n in namen]
    assert any("Gouda" in t for t in teksten)
    assert any("Oosterhout" in t for t in teksten)


def test_voortgang_komt_als_fragment_voor_htmx(demo, medewerker, client_als):
    client = client_als(medewerker)
    client.post(reverse("rapporten:bulk_nieuw"), {"jaar": "", "status": "gepubliceerd"})
    export = BulkExport.objects.get()
    response = client.get(
        reverse("rapporten:bulk_status", kwargs={"pk": export.pk}), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert '<div id="voortgang"' in html
    assert "<html" not in html
    assert f'value="{export.totaal}"' in html


def test_lege_keuze_geeft_een_melding_en_geen_export(demo, medewerker, client_als):
    client = client_als(medewerker)
    response = client.post(
        reverse("rapporten:bulk_nieuw"), {"jaar": "2099", "status": "gepubliceerd"}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    Onderzoek.objects.filter(jaar=2013).update(status=Onderzoek.Status.CONCEPT)
    response = client.post(
        reverse("rapporten:bulk_nieuw"), {"jaar": "2013", "status": "gepubliceerd"}
    )
    assert response.status_code == 200
    assert "Er zijn geen onderzoeken die bij deze keuze passen." in response.content.decode()
    assert not BulkExport.objects.exists()


def test_een_ander_ziet_of_downloadt_mijn_export_niet(demo, medewerker, client_als):
    client = client_als(medewerker)
    client.post(reverse("rapporten:bulk_nieuw"), {"jaar": "2013", "status": "gepubliceerd"})
    export = BulkExport.objects.get()
    collega = gebruiker(Rol.MEDEWERKER, username="collega")
    client = client_als(collega)
    assert client.get(reverse("rapporten:bulk_status", kwargs={"pk": export.pk})).status_code == 404
    assert (
        client.get(reverse("rapporten:bulk_download", kwargs={"pk": export.pk})).status_code == 404
    )
