from django.contrib.auth.models import User

import pytest
from playwright.sync_api import expect

from rapporten.models import BulkExport
from tests.conftest import browser_inloggen

pytestmark = pytest.mark.e2e


def test_voortgangsbalk_van_de_bulkexport_loopt_bij_tot_de_download(demo, page):
    medewerker = User.objects.get(username="medewerker")
    export = BulkExport.objects.create(
        totaal=3, klaar=1, status=BulkExport.Status.BEZIG, aangevraagd_door=medewerker
    )
    browser_inloggen(page, "medewerker")
    page.goto(f"/rapporten/exports/bulk/{export.pk}/")
    balk = page.get_by_label("Voortgang van de export")
    expect(balk).to_have_attribute("value", "1")
    BulkExport.objects.filter(pk=export.pk).update(klaar=2)
    expect(balk).to_have_attribute("value", "2", timeout=15_000)
    BulkExport.objects.filter(pk=export.pk).update(klaar=3, status=BulkExport.Status.KLAAR)
    expect(page.get_by_role("link", name="Download ZIP")).to_be_visible(timeout=15_000)


def test_gemeente_downloadt_het_gepubliceerde_rapport_in_het_portaal(demo, page):
    gouda = demo[("Gouda", 2013)]
    browser_inloggen(page, "gouda")
    page.goto(f"/portaal/onderzoeken/{gouda.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als PDF").click()
    pad = download_info.value.path()
    with open(pad, "rb") as f:
        assert f.read(5) == b"%PDF-"
