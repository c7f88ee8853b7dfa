import pytest
from playwright.sync_api import expect

from tests.conftest import browser_inloggen

pytestmark = pytest.mark.e2e


def test_inspecteur_logt_in_en_ziet_de_gouda_studie_in_de_lijst(demo, page):
    browser_inloggen(page, "inspecteur")
    expect(page.get_by_role("heading", name="Mijn werk", exact=True)).to_be_visible()  # issue 18
    page.get_by_role("link", name="Onderzoeken", exact=True).click()
    rij = page.get_by_test_id("onderzoek-rij").filter(has_text="Gouda")
    assert rij.count() == 1
    assert "MPG-overleg" in rij.inner_text()
    assert "Gepubliceerd" in rij.inner_text()
    assert "Inspecteur" in page.get_by_test_id("ingelogd-als").inner_text()


def test_verkeerd_wachtwoord_geeft_nederlandse_melding(demo, page):
    browser_inloggen(page, "inspecteur", "fout-wachtwoord")
    # What only a refused login shows: Django's message in Dutch, in the alert, on the login
    # page, with the username kept (the label "Gebruikersnaam" is on every login page).
    melding = page.get_by_role("alert")
    expect(melding).to_contain_text("Voer een juiste gebruikersnaam en wachtwoord in")
    assert page.url.endswith("/inloggen/")
    assert page.get_by_label("Gebruikersnaam").input_value() == "inspecteur"
