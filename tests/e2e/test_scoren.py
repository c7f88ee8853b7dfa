"""Browser journeys of the scoring page: a full beleidstoets and a follow-up."""

import pytest
from playwright.sync_api import expect

from inspecties.models import Beoordeling, Onderzoek
from tests.conftest import browser_inloggen, sessie_laten_verlopen

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _ruim_wachten():
    """These journeys make many round trips; a busy CI machine should not fail them."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def nieuw_onderzoek(page, *, aanpak, soort, jaar, vorig=None):
    page.goto("/onderzoeken/")
    page.get_by_role("link", name="Nieuw onderzoek").click()
    page.get_by_label("Gemeente en aanpak").select_option(label=aanpak)
    page.get_by_label("Toetsingskader").select_option(
        label="Toetsingskader GGSR – beleidsniveau (2013)"
    )
    page.get_by_label("Soort").select_option(label=soort)
    page.get_by_label("Jaar").fill(str(jaar))
    if vorig:
        page.get_by_label("Vorig onderzoek").select_option(label=vorig)
    page.get_by_role("button", name="Onderzoek aanmaken").click()
    expect(page.get_by_test_id("status")).to_have_text("Concept")


def uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("networkidle")


def test_beleidstoets_scoren_review_en_vaststellen(demo, page):
    browser_inloggen(page, "inspecteur")
    nieuw_onderzoek(page, aanpak="Gouda – MPG-overleg", soort="Beleidstoets", jaar=2016)
    rijen = page.get_by_test_id("rij")
    expect(rijen).to_have_count(30)
    expect(page.get_by_test_id("open")).to_have_text("30")

    for i in range(30):
        rij = rijen.nth(i)
        rij.get_by_label("X Verbeterpunt" if i % 5 == 0 else "√ Voldoet").check()
        rij.get_by_label("Bevinding").fill(f"Bevinding {i + 1}")
        if i == 2:
            rij.get_by_label("LET OP").fill("Let op: het convenant loopt af.")
        rij.get_by_role("button", name="Opslaan").click()
        expect(rij.get_by_test_id("opgeslagen")).to_be_visible()
    expect(page.get_by_test_id("gescoord")).to_have_text("30")
    expect(page.get_by_test_id("open")).to_have_text("0")

    # One finding shared by the two indicators of the first criterion.
    page.get_by_text("Eén bevinding voor meerdere indicatoren van dit criterium").first.click()
    delen = page.locator("details[open] form")
    delen.get_by_role("checkbox").nth(0).check()
    delen.get_by_role("checkbox").nth(1).check()
    delen.get_by_label("Gedeelde bevinding").fill("Eén gedeelde bevinding voor beide.")
    delen.get_by_role("button", name="Gedeelde bevinding opslaan").click()
    # Both rows have a finding already: first see what will be replaced, then confirm.
    vervangen = page.get_by_test_id("vervangen")
    expect(vervangen).to_contain_text("Bevinding 1")
    expect(vervangen).to_contain_text("Bevinding 2")
    delen = page.locator("details[open] form")
    expect(delen.get_by_label("Gedeelde bevinding")).to_have_value(
        "Eén gedeelde bevinding voor beide."
    )
    delen.get_by_role("button", name="Vervangen en gedeelde bevinding opslaan").click()
    expect(page.get_by_text("De gedeelde bevinding is opgeslagen.")).to_be_visible()

    page.get_by_label("Wat gaat goed?").first.fill("De netwerkpartners kennen elkaar.")
    page.get_by_role("button", name="Conclusie opslaan").first.click()
    expect(page.get_by_text("De conclusie is opgeslagen.")).to_be_visible()

    page.get_by_role("button", name="Ter review sturen").click()
    expect(page.get_by_test_id("status")).to_have_text("Ter review")
    adres = page.url

    onderzoek = Onderzoek.objects.get(aanpak__gemeente__naam="Gouda", jaar=2016)
    eerste_twee = list(onderzoek.beoordelingen.select_related("bevinding")[:2])
    assert eerste_twee[0].bevinding_id == eerste_twee[1].bevinding_id
    assert eerste_twee[0].bevinding.tekst == "Eén gedeelde bevinding voor beide."
    assert onderzoek.bevindingen.filter(let_op__startswith="Let op").count() == 1
    assert onderzoek.conclusies.filter(gaat_goed__startswith="De netwerk").count() == 1

    # The sender is not offered to approve (the server refuses it too); a second inspector is.
    expect(page.get_by_role("button", name="Vaststellen")).to_have_count(0)
    expect(page.get_by_test_id("niet-vaststellen")).to_be_visible()
    uitloggen(page)
    browser_inloggen(page, "inspecteur2")
    page.goto(adres)
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_test_id("status")).to_have_text("Vastgesteld")
    uitloggen(page)

    browser_inloggen(page, "inspecteur")
    page.goto(adres)
    expect(page.get_by_test_id("alleen-lezen")).to_be_visible()
    # Read-only content is text, not disabled fields (issue 18, item 10).
    expect(rijen.first.get_by_test_id("bevinding")).to_contain_text("Bevinding:")
    expect(rijen.first.locator("textarea, input:not([type=hidden])")).to_have_count(0)
    expect(rijen.first.get_by_role("button", name="Opslaan")).to_have_count(0)


def test_vervolgonderzoek_toont_alleen_de_verbeterpunten_met_vorige_bevinding(demo, page):
    vorig = demo[("Oosterhout", 2013)]
    verbeterpunten = list(
        Beoordeling.objects.filter(onderzoek=vorig, optie__is_verbeterpunt=True).select_related(
            "indicator", "bevinding"
        )
    )
    assert len(verbeterpunten) == 7
    browser_inloggen(page, "inspecteur")
    nieuw_onderzoek(
        page,
        aanpak="Oosterhout – Sociale Wijkteams",
        soort="Vervolgonderzoek",
        jaar=2016,
        vorig=str(vorig),
    )
    rijen = page.get_by_test_id("rij")
    expect(rijen).to_have_count(7)
    for b in verbeterpunten:
        rij = rijen.filter(has_text=b.indicator.tekst)
        expect(rij).to_have_count(1)
        expect(rij.get_by_test_id("vorige-score")).to_contain_text("X")
        expect(rij.get_by_test_id("vorige-score")).to_contain_text("verbeterpunt")
        expect(rij.get_by_test_id("vorige-bevinding")).to_contain_text(b.bevinding.tekst[:40])
    # The follow-up's own texts: the development narrative is there to fill.
    expect(page.get_by_label("Ontwikkeling")).to_be_visible()


def test_niet_opgeslagen_tekst_overleeft_verlopen_sessie(demo, page):
    browser_inloggen(page, "inspecteur")
    nieuw_onderzoek(page, aanpak="Gouda – MPG-overleg", soort="Beleidstoets", jaar=2017)
    adres = page.url
    rij = page.get_by_test_id("rij").first
    rij.get_by_label("Bevinding").fill("Lange tekst die niet verloren mag gaan.")

    # Leaving the page without saving: the draft in localStorage comes back on return.
    page.reload()
    rij = page.get_by_test_id("rij").first
    expect(rij.get_by_label("Bevinding")).to_have_value("Lange tekst die niet verloren mag gaan.")
    expect(rij.get_by_label("Bevinding")).to_have_attribute("data-hersteld", "true")

    # The session expires before the save: the save leads to the login page, not into the row.
    sleutel = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    sessie_laten_verlopen(sleutel)
    rij.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/inloggen/**", timeout=15_000)
    assert "next=" in page.url

    browser_inloggen(page, "inspecteur")
    page.goto(adres)
    veld = page.get_by_test_id("rij").first.get_by_label("Bevinding")
    expect(veld).to_have_value("Lange tekst die niet verloren mag gaan.")
    # The server kept the POST in the session and shows it again (the draft agrees with it).
    expect(page.get_by_test_id("hersteld")).to_be_visible()
    page.get_by_test_id("rij").first.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_test_id("rij").first.get_by_test_id("opgeslagen")).to_be_visible()
    onderzoek = Onderzoek.objects.get(aanpak__gemeente__naam="Gouda", jaar=2017)
    assert onderzoek.beoordelingen.first().bevinding.tekst.startswith("Lange tekst")

    # Once saved, the draft is forgotten: a reload shows the saved text, not a restored one.
    page.reload()
    veld = page.get_by_test_id("rij").first.get_by_label("Bevinding")
    expect(veld).not_to_have_attribute("data-hersteld", "true")


def test_scorepagina_en_formulier_voldoen_aan_wcag_aa(demo, page):
    from tests.e2e.test_toegankelijkheid import geen_schendingen

    browser_inloggen(page, "inspecteur")
    for onderzoek in (demo[("Oosterhout", 2014)], demo[("Gouda", 2013)]):
        page.goto(f"/onderzoeken/{onderzoek.pk}/")
        geen_schendingen(page)
        page.goto(f"/onderzoeken/{onderzoek.pk}/historie/")
        geen_schendingen(page)
    page.goto("/onderzoeken/nieuw/")
    geen_schendingen(page)
    nieuw_onderzoek(page, aanpak="Gouda – MPG-overleg", soort="Beleidstoets", jaar=2018)
    geen_schendingen(page)
    # Keyboard only: focus the first option with Tab and choose it with the space bar.
    rij = page.get_by_test_id("rij").first
    rij.get_by_label("√ Voldoet").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the options form one tab stop; next is the finding
    page.keyboard.type("Met het toetsenbord")
    rij.get_by_role("button", name="Opslaan").focus()
    page.keyboard.press("Enter")
    expect(rij.get_by_test_id("opgeslagen")).to_be_visible()
    expect(rij.get_by_label("Bevinding")).to_have_value("Met het toetsenbord")
