"""A bulk export whose worker died: shown as failed, retried as a new attempt (issue 16)."""

import io
import zipfile
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from rapporten import bulk
from rapporten.models import BulkExport
from tests.factories import OnderzoekFactory


@pytest.fixture
def vastgelopen(kaders, inspecteur):
    """An export of two concept studies, BEZIG, whose worker stopped ten minutes ago."""
    export = BulkExport.objects.create(
        totaal=2,
        klaar=1,
        aangevraagd_door=inspecteur,
        status=BulkExport.Status.BEZIG,
        bijgewerkt_op=timezone.now() - timedelta(minutes=10),
    )
    export.onderzoeken.set([OnderzoekFactory(jaar=2013), OnderzoekFactory(jaar=2014)])
    return export


def test_vastgelopen_export_wordt_mislukt_en_kan_opnieuw(
    client_als, inspecteur, vastgelopen, django_capture_on_commit_callbacks
):
    client = client_als(inspecteur)
    status = client.get(reverse("rapporten:bulk_status", args=[vastgelopen.pk])).text
    assert "Mislukt" in status and "Opnieuw proberen" in status
    assert "hx-trigger" not in status  # no more polling
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("rapporten:bulk_opnieuw", args=[vastgelopen.pk]))
    assert antwoord.status_code == 302
    vastgelopen.refresh_from_db()
    assert vastgelopen.status == BulkExport.Status.KLAAR
    assert vastgelopen.poging == 2 and vastgelopen.klaar == 2
    with vastgelopen.zip.open("rb") as f:
        namen = zipfile.ZipFile(io.BytesIO(f.read())).namelist()
    assert len(namen) == 2


def test_exportpagina_toont_een_vastgelopen_export_als_mislukt(client_als, inspecteur, vastgelopen):
    html = client_als(inspecteur).get(reverse("rapporten:exports")).text
    vastgelopen.refresh_from_db()
    assert vastgelopen.status == BulkExport.Status.MISLUKT
    assert "Mislukt" in html


def test_een_export_die_vooruitgaat_blijft_bezig(client_als, inspecteur, vastgelopen):
    BulkExport.objects.filter(pk=vastgelopen.pk).update(bijgewerkt_op=timezone.now())
    status = client_als(inspecteur).get(reverse("rapporten:bulk_status", args=[vastgelopen.pk]))
    assert "Bezig" in status.text and "Opnieuw proberen" not in status.text


def test_dubbel_opnieuw_geeft_een_poging(
    client_als, inspecteur, vastgelopen, django_capture_on_commit_callbacks
):
    client = client_als(inspecteur)
    bulk.vastgelopen_afsluiten(BulkExport.objects.filter(pk=vastgelopen.pk))
    url = reverse("rapporten:bulk_opnieuw", args=[vastgelopen.pk])
    with django_capture_on_commit_callbacks(execute=False) as taken:
        client.post(url)
        tweede = client.post(url, follow=True)
    assert len(taken) == 1
    assert "niet mislukt" in tweede.text
    vastgelopen.refresh_from_db()
    assert vastgelopen.poging == 2


def test_een_oude_poging_overschrijft_de_nieuwe_niet(vastgelopen):
    """The first attempt's worker was only slow: after the retry it may not write anything."""
    bulk.vastgelopen_afsluiten(BulkExport.objects.filter(pk=vastgelopen.pk))
    BulkExport.objects.filter(pk=vastgelopen.pk).update(
        status=BulkExport.Status.BEZIG, poging=2, klaar=0
    )
    with pytest.raises(bulk.PogingVervallen):
        bulk._vooruit(vastgelopen.pk, poging=1)
    # A stale attempt that is queued again does not even start.
    assert bulk.bulk_export_maken.call(export_id=vastgelopen.pk, poging=1) == 0
    vastgelopen.refresh_from_db()
    assert (vastgelopen.status, vastgelopen.klaar, vastgelopen.zip.name) == ("bezig", 0, "")


def test_opnieuw_van_een_ander_geeft_404(client_als, tweede_inspecteur, vastgelopen):
    bulk.vastgelopen_afsluiten(BulkExport.objects.filter(pk=vastgelopen.pk))
    antwoord = client_als(tweede_inspecteur).post(
        reverse("rapporten:bulk_opnieuw", args=[vastgelopen.pk])
    )
    assert antwoord.status_code == 404
    vastgelopen.refresh_from_db()
    assert vastgelopen.status == BulkExport.Status.MISLUKT and vastgelopen.poging == 1
