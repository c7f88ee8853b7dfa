import pytest
from playwright.sync_api import expect

from tests.conftest import browser_inloggen

pytestmark = pytest.mark.e2e

OUD = "De gemeente heeft zicht op de populatie GGSR"
NIEUW = "De gemeente kent de omvang en spreiding van de populatie GGSR"


def test_beheerder_maakt_nieuwe_versie_herformuleert_stelt_vast_en_ziet_het_verschil(demo, page):
    browser_inloggen(page, "beheerder")
    page.goto("/beheer/toetsingskader/toetsingskader/")
    page.get_by_role("link", name="Toetsingskader GGSR – beleidsniveau").first.click()
    page.get_by_role("link", name="Nieuwe versie").click()
    page.get_by_label("Nieuw versienummer").fill("2015")
    page.get_by_role("button", name="Nieuwe versie maken").click()
    expect(page.get_by_text("is aangemaakt als concept")).to_be_visible()

    # Reword one indicator of the new concept version.
    page.goto("/beheer/toetsingskader/indicator/?q=zicht+op+de+populatie")
    page.get_by_role("row").filter(has_text="2015").get_by_role("link").first.click()
    page.get_by_label("Tekst").fill(NIEUW)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("met succes gewijzigd")).to_be_visible()

    page.goto("/beheer/toetsingskader/toetsingskader/?status__exact=concept")
    page.get_by_role("link", name="Toetsingskader GGSR – beleidsniveau").first.click()
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_text("is nu vastgesteld")).to_be_visible()

    page.get_by_role("link", name="Verschil met voorganger").click()
    herformuleerd = page.get_by_test_id("herformuleerd")
    expect(herformuleerd).to_contain_text(OUD)
    expect(herformuleerd).to_contain_text(NIEUW)
    expect(page.get_by_role("heading", name="Geherformuleerd (1)")).to_be_visible()
