"""The scoring page by keyboard and screen reader (issue 18, items 4, 9, 10, 11): a row scored
with the keyboard alone, where focus lands and what the live regions announce; the outline;
the error summary; the network-partner picker; axe on the page in its states."""

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from gemeenten.models import Aanpak, Netwerkpartner
from inspecties.models import Beoordeling
from inspecties.onderzoeken.services import onderzoek_aanmaken
from tests.conftest import browser_inloggen
from tests.e2e.test_toegankelijkheid import geen_schendingen
from toetsingskader.models import Toetsingskader

pytestmark = pytest.mark.e2e


@pytest.fixture
def concept(demo):
    return onderzoek_aanmaken(
        aanpak=Aanpak.objects.get(gemeente__naam="Gouda", naam="MPG-overleg"),
        kader=Toetsingskader.objects.get(sleutel="ggsr-beleid"),
        soort="beleidstoets",
        jaar=2016,
        inspecteurs=[get_user_model().objects.get(username="inspecteur")],
    )


def gefocust(page):
    return page.evaluate("document.activeElement.id || document.activeElement.textContent")


def test_een_rij_scoren_met_alleen_het_toetsenbord(concept, page):
    eerste = (
        Beoordeling.objects.filter(onderzoek=concept)
        .order_by(
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
            "indicator_id",
        )
        .first()
    )
    voldoet = concept.kader.schaal.get(is_verbeterpunt=False)
    browser_inloggen(page, "inspecteur")
    page.goto(f"/onderzoeken/{concept.pk}/")
    geen_schendingen(page)

    # Two tab stops from the top of the page to the first open indicator.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Direct naar de inhoud")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Direct naar de eerste open indicator")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id(f"o-{eerste.pk}-{voldoet.pk}")

    page.keyboard.press("Space")  # choose √ Voldoet
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_id(f"t-{eerste.pk}")
    page.keyboard.type("Het convenant is getekend.")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_id(f"l-{eerste.pk}")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_id(f"s-{eerste.pk}")
    # While unsaved, the outline says so.
    link = page.locator(f'[data-overzicht-rij="{eerste.pk}"]')
    expect(link).to_have_attribute("data-staat", "niet-opgeslagen")
    page.keyboard.press("Enter")

    rij = page.locator(f"#rij-{eerste.pk}")
    expect(rij.get_by_test_id("opgeslagen")).to_be_visible()
    # Focus stays on the save button of the new row; the live regions that were in the page
    # from the start carry the message and the counter.
    expect(page.locator(":focus")).to_have_id(f"s-{eerste.pk}")
    expect(page.get_by_test_id("melding-status")).to_contain_text("Opgeslagen:")
    expect(page.get_by_test_id("melding-status")).to_contain_text("√ voldoet")
    expect(page.locator("#teller")).to_have_text("1 gescoord, 29 open van 30")
    expect(page.locator("#teller")).to_have_attribute("role", "status")
    expect(link).to_have_attribute("data-staat", "voldoet")
    expect(link).to_contain_text("voldoet:")  # the visually hidden state, not the √ alone

    eerste.refresh_from_db()
    assert eerste.optie == voldoet
    assert eerste.bevinding.tekst == "Het convenant is getekend."

    # "Volgende open indicator" goes on from the row the user was in.
    tweede = list(
        Beoordeling.objects.filter(onderzoek=concept, optie__isnull=True).order_by(
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
            "indicator_id",
        )
    )[0]
    page.locator("#volgende-open").focus()
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id(f"o-{tweede.pk}-{voldoet.pk}")

    # Arrow keys move through the outline.
    link.focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator(":focus")).to_have_attribute("data-overzicht-rij", str(tweede.pk))
    geen_schendingen(page)


def test_foutoverzicht_krijgt_de_focus(demo, page):
    gepubliceerd = demo[("Gouda", 2013)]
    browser_inloggen(page, "inspecteur")
    page.goto(f"/onderzoeken/{gepubliceerd.pk}/")
    # Read-only: the texts are text, not disabled fields.
    expect(page.get_by_test_id("alleen-lezen")).to_be_visible()
    expect(page.locator("textarea:disabled, input:disabled")).to_have_count(0)
    expect(page.get_by_test_id("rij").first.get_by_test_id("oordeel")).to_contain_text("Oordeel:")
    geen_schendingen(page)
    # The browser would refuse an empty reason; the server's answer is what is tested here.
    page.locator("#heropen-reden").evaluate("el => el.removeAttribute('required')")
    page.get_by_label("Ik begrijp dat het onderzoek weer een concept wordt").check()
    page.get_by_role("button", name="Heropenen").click()
    overzicht = page.locator("#foutoverzicht")
    expect(overzicht).to_be_focused()
    expect(overzicht).to_contain_text("Geef een reden om het onderzoek te heropenen.")
    geen_schendingen(page)


def test_netwerkpartners_kiezen_met_zoeken(concept, page):
    for naam in ("GGD Hollands Midden", "Bureau Jeugdzorg", "Zorgboerderij Zonnehoek"):
        Netwerkpartner.objects.get_or_create(naam=naam)
    browser_inloggen(page, "inspecteur")
    page.goto(f"/onderzoeken/{concept.pk}/")
    teksten = page.get_by_test_id("teksten")
    if teksten.get_attribute("open") is None:  # folded away once filled
        teksten.locator("summary").click()
    zoek = page.get_by_label("Zoek een netwerkpartner")
    zoek.fill("zonnehoek")
    lijst = page.get_by_label("Netwerkpartners die de vragenlijst invulden")
    expect(lijst.locator("option:not([hidden])")).to_have_count(1)
    zoek.press("Enter")
    expect(page.get_by_test_id("gekozen")).to_have_text("Gekozen: Zorgboerderij Zonnehoek")
    page.get_by_role("button", name="Teksten opslaan").click()
    expect(page.get_by_text("De teksten zijn opgeslagen.")).to_be_visible()
    assert [p.naam for p in concept.respondenten.all()] == ["Zorgboerderij Zonnehoek"]


def test_conflict_wordt_gemeld_en_de_focus_blijft_in_de_rij(concept, page):
    from inspecties.onderzoeken.services import beoordeling_opslaan

    eerste = Beoordeling.objects.filter(onderzoek=concept).order_by("pk").first()
    x = concept.kader.schaal.get(is_verbeterpunt=True)
    browser_inloggen(page, "inspecteur")
    page.goto(f"/onderzoeken/{concept.pk}/")
    # Another inspector scores the row after this page was loaded.
    beoordeling_opslaan(beoordeling=eerste, optie=x, niet_getoetst=False, versie=eerste.versie)
    rij = page.locator(f"#rij-{eerste.pk}")
    rij.get_by_label("Niet getoetst").check()
    rij.get_by_role("button", name="Opslaan").focus()
    page.keyboard.press("Enter")
    expect(rij.get_by_test_id("conflict")).to_be_visible()
    expect(page.get_by_test_id("melding-fout")).to_contain_text("Niet opgeslagen")
    expect(page.locator(":focus")).to_have_id(f"s-{eerste.pk}")
    link = page.locator(f'[data-overzicht-rij="{eerste.pk}"]')
    expect(link).to_have_attribute("data-staat", "conflict")
    geen_schendingen(page)
    # Keeping their version: the link is gone after the swap, focus goes to the save button.
    rij.get_by_role("link", name="Hun versie behouden").focus()
    page.keyboard.press("Enter")
    expect(rij.get_by_test_id("conflict")).to_have_count(0)
    expect(page.locator(":focus")).to_have_id(f"s-{eerste.pk}")
    expect(link).to_have_attribute("data-staat", "verbeterpunt")
