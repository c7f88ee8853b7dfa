"""Journey: Gouda reads its factsheet and open improvement points and uploads a progress
report; the inspecteur finds it in the inbox and downloads exactly the same bytes."""

import hashlib
from pathlib import Path

from django.core import mail

import pytest
from playwright.sync_api import expect

from inspecties.models import Beoordeling, Voortgangsrapportage
from tests.conftest import browser_inloggen

pytestmark = pytest.mark.e2e

RAPPORT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_gouda_uploadt_voortgang_en_inspecteur_downloadt_dezelfde_bytes(demo, page):
    gouda = demo[("Gouda", 2013)]
    verbeterpunten = Beoordeling.objects.filter(
        onderzoek=gouda, optie__is_verbeterpunt=True
    ).select_related("indicator")
    assert verbeterpunten.exists()
    mail.outbox.clear()

    browser_inloggen(page, "gouda")
    expect(page.get_by_role("heading", name="Portaal Gouda")).to_be_visible()
    rij = page.get_by_test_id("portaal-onderzoek")
    expect(rij).to_have_count(1)  # only Gouda's: not Oosterhout's published studies
    expect(rij).to_contain_text("MPG-overleg")
    expect(rij).to_contain_text("Factsheet")
    expect(page.get_by_test_id("verbeterpunt")).to_have_count(verbeterpunten.count())
    eerste = verbeterpunten.first()
    expect(page.get_by_test_id("verbeterpunt").first).to_contain_text(eerste.indicator.tekst[:40])
    expect(page.get_by_text("Oosterhout")).to_have_count(0)

    rij.get_by_role("link", name="Bekijken").click()
    expect(page.get_by_role("heading", name="Factsheet Gouda 2013")).to_be_visible()
    expect(page.get_by_test_id("beoordeling-rij")).to_have_count(gouda.beoordelingen.count())

    page.get_by_role("link", name="Voortgangsrapportage uploaden").click()
    page.get_by_label("Voortgangsrapportage").set_input_files(
        {"name": "voortgang-gouda-2014.pdf", "mimeType": "application/pdf", "buffer": RAPPORT}
    )
    page.get_by_label("Bericht aan de inspecteurs").fill("Onze voortgang over 2014.")
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_role("status")).to_contain_text("is ontvangen")
    expect(page.get_by_test_id("rapportage")).to_contain_text("voortgang-gouda-2014.pdf")
    assert Voortgangsrapportage.objects.get().sha256 == hashlib.sha256(RAPPORT).hexdigest()
    # One e-mail to each of the study's inspectors (issue 18: a notification each).
    assert mail.outbox
    assert sorted(m.to for m in mail.outbox) == sorted([u.email] for u in gouda.inspecteurs.all())

    page.get_by_role("button", name="Uitloggen").click()
    browser_inloggen(page, "inspecteur")
    page.get_by_role("link", name="Voortgangsrapportages").click()
    inbox_rij = page.get_by_test_id("inbox-rij")
    expect(inbox_rij).to_have_count(1)
    expect(inbox_rij).to_contain_text("Onze voortgang over 2014.")
    with page.expect_download() as download_info:
        inbox_rij.get_by_role("link", name="voortgang-gouda-2014.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "voortgang-gouda-2014.pdf"
    gedownload = Path(download.path()).read_bytes()
    assert hashlib.sha256(gedownload).hexdigest() == hashlib.sha256(RAPPORT).hexdigest()

    inbox_rij.get_by_role("button", name="Markeer als gelezen").click()
    expect(page.get_by_test_id("inbox-rij")).to_contain_text("door Ineke Inspecteur")


def test_portaal_en_inbox_voldoen_aan_wcag_aa(demo, page):
    from tests.e2e.test_toegankelijkheid import geen_schendingen

    gouda = demo[("Gouda", 2013)]
    browser_inloggen(page, "gouda")
    for pad in (
        "/portaal/",
        f"/portaal/onderzoeken/{gouda.pk}/",
        f"/portaal/onderzoeken/{gouda.pk}/uploaden/",
    ):
        page.goto(pad)
        geen_schendingen(page)
    # The refusal message is part of the page too.
    page.get_by_label("Voortgangsrapportage").set_input_files(
        {"name": "rapport.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 10}
    )
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_role("alert")).to_contain_text("niet geaccepteerd")
    geen_schendingen(page)

    page.get_by_role("button", name="Uitloggen").click()
    browser_inloggen(page, "inspecteur")
    for pad in ("/voortgangsrapportages/", f"/voortgangsrapportages/onderzoeken/{gouda.pk}/"):
        page.goto(pad)
        geen_schendingen(page)


def test_heropenen_in_de_browser_houdt_de_publicatie_voor_de_gemeente_zichtbaar(demo, page):
    """The reopen form asks for a reason and a confirmation (without JavaScript: the browser
    refuses the form until both are given); Gouda then still sees and downloads its factsheet."""
    from rapporten.services import rapport_bevriezen
    from tests.e2e.test_toegankelijkheid import geen_schendingen

    gouda = demo[("Gouda", 2013)]
    bevroren = rapport_bevriezen(onderzoek=gouda)
    browser_inloggen(page, "inspecteur")
    page.goto(f"/onderzoeken/{gouda.pk}/")
    formulier = page.get_by_test_id("heropenen")
    formulier.get_by_label("Reden om te heropenen").fill("Tikfout in een bevinding")
    formulier.get_by_role("button", name="Heropenen").click()
    expect(page.get_by_test_id("status")).to_have_text("Gepubliceerd")  # not confirmed yet
    geen_schendingen(page)
    formulier.get_by_label("Ik begrijp dat").check()
    formulier.get_by_role("button", name="Heropenen").click()
    expect(page.get_by_test_id("status")).to_have_text("Concept")
    page.get_by_role("button", name="Uitloggen").click()

    browser_inloggen(page, "gouda")
    page.goto(f"/portaal/onderzoeken/{gouda.pk}/")
    expect(page.get_by_role("heading", name="Factsheet Gouda 2013")).to_be_visible()
    expect(page.get_by_test_id("correctie")).to_contain_text("gecorrigeerde versie")
    expect(page.get_by_test_id("beoordeling-rij")).to_have_count(gouda.beoordelingen.count())
    geen_schendingen(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als PDF").click()
    gedownload = Path(download_info.value.path()).read_bytes()
    assert hashlib.sha256(gedownload).hexdigest() == bevroren.sha256
