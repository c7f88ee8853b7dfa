"""Browser journey of a toezichtonderzoek: the onderzoeksrapport written, reviewed, approved."""

import pytest
from playwright.sync_api import expect

from inspecties.models import Onderzoek
from tests.conftest import browser_inloggen
from tests.e2e.test_scoren import uitloggen
from tests.e2e.test_toegankelijkheid import geen_schendingen

pytestmark = pytest.mark.e2e

KADER = "Toezichtkader Stelseltoezicht Jeugd/Sociaal Domein – Toezicht wijkteams (2016)"


def test_onderzoeksrapport_schrijven_review_en_vaststellen(demo, page):
    expect.set_options(timeout=15_000)
    browser_inloggen(page, "inspecteur")
    page.goto("/onderzoeken/nieuw/")
    page.get_by_label("Gemeente en aanpak").select_option(label="Gouda – MPG-overleg")
    page.get_by_label("Toetsingskader").select_option(label=KADER)
    page.get_by_label("Soort").select_option(label="Toezichtonderzoek")
    page.get_by_label("Jaar").fill("2017")
    page.get_by_role("button", name="Onderzoek aanmaken").click()
    expect(page.get_by_test_id("status")).to_have_text("Concept")

    # A sources line without a count is refused beside the field; nothing typed is lost.
    page.get_by_label("Titel van het rapport").fill("Toezicht wijkteams")
    page.get_by_label("Samenvatting").fill("Zorg komt onvoldoende tot stand.")
    page.get_by_label("Oordeel", exact=True).fill("Nog niet voldoende; verbetering nodig.")
    page.get_by_label("De gemeente meldt haar verbeteringen vóór").fill("2017-05-01")
    page.get_by_label("Geraadpleegde bronnen").fill("1 Teamleider CJG\nhuisartsen")
    page.get_by_role("button", name="Teksten opslaan").click()
    # Beside the field, and in the error summary at the top, which takes the focus.
    fout = "Regel 2 (‘huisartsen’): begin met een aantal"
    expect(page.get_by_test_id("teksten").get_by_text(fout)).to_be_visible()
    expect(page.locator("#foutoverzicht")).to_be_focused()
    expect(page.locator("#foutoverzicht")).to_contain_text(fout)
    expect(page.get_by_label("Samenvatting")).to_have_value("Zorg komt onvoldoende tot stand.")
    geen_schendingen(page)  # WCAG 2.1 AA, with the error on the page
    page.get_by_label("Geraadpleegde bronnen").fill("1 Teamleider CJG\n2 huisartsen")
    page.get_by_role("button", name="Teksten opslaan").click()
    expect(page.get_by_text("De teksten zijn opgeslagen.")).to_be_visible()

    page.get_by_label("Titel van een nieuw hoofdstuk").fill("Eén Gezin")
    page.get_by_role("button", name="Hoofdstuk toevoegen").click()
    expect(page.get_by_text("Hoofdstuk ‘Eén Gezin’ is toegevoegd.")).to_be_visible()
    hoofdstuk = page.locator("[id^=hoofdstuk-]").filter(has_text="Hoofdstuk 1: Eén Gezin")
    hoofdstuk.get_by_label("Bevindingen inspecties").fill("Niet met alle gezinsleden gesproken.")
    hoofdstuk.get_by_label("Conclusie").fill("De problematiek komt niet volledig in beeld.")
    hoofdstuk.get_by_role("button", name="Hoofdstuk opslaan").click()
    expect(page.get_by_text("Het hoofdstuk is opgeslagen.")).to_be_visible()
    geen_schendingen(page)

    page.get_by_role("button", name="Ter review sturen").click()
    expect(page.get_by_test_id("status")).to_have_text("Ter review")
    adres = page.url
    uitloggen(page)

    browser_inloggen(page, "inspecteur2")
    page.goto(adres)
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_test_id("status")).to_have_text("Vastgesteld")
    # Read-only: the chapter is text, not disabled fields (issue 18, item 10).
    expect(page.locator("#hoofdstukken textarea")).to_have_count(0)
    expect(page.locator("#hoofdstukken")).to_contain_text("De problematiek")

    onderzoek = Onderzoek.objects.get(soort="toezichtonderzoek", aanpak__gemeente__naam="Gouda")
    assert onderzoek.bronnen == "1 Teamleider CJG\n2 huisartsen"
    assert onderzoek.hoofdstukken.get().conclusie.startswith("De problematiek")
    expect.set_options(timeout=5_000)
