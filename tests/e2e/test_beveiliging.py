"""Browser journeys for the account security: setting up the second factor, lockout."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from inspecties.beveiliging.rollen import Rol
from inspecties.demo.laden import DEMO_WACHTWOORD
from tests.conftest import browser_inloggen, totp_code
from tests.factories import gebruiker

pytestmark = pytest.mark.e2e


def wachtwoord_invullen(page, naam, wachtwoord=DEMO_WACHTWOORD):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(naam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()


def test_nieuwe_inspecteur_stelt_tweede_factor_in(demo, page):
    inspecteur = gebruiker(Rol.INSPECTEUR, username="nieuwe-inspecteur")
    wachtwoord_invullen(page, "nieuwe-inspecteur")
    expect(page.get_by_role("heading", name="Tweede factor instellen")).to_be_visible()
    assert page.locator("figure.qr-code svg").count() == 1

    page.goto("/onderzoeken/")  # nothing else is reachable yet
    expect(page.get_by_role("heading", name="Tweede factor instellen")).to_be_visible()

    apparaat = TOTPDevice.objects.get(user=inspecteur, confirmed=False)
    page.get_by_label("Verificatiecode").fill(totp_code(apparaat))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_test_id("onderzoek-rij").first).to_be_visible()


def test_blokkade_na_vijf_fouten_in_de_browser(demo, page):
    for _ in range(5):
        wachtwoord_invullen(page, "inspecteur", "fout-wachtwoord")
    expect(page.get_by_test_id("geblokkeerd")).to_contain_text("15 minuten geblokkeerd")


def test_helper_logt_beheerder_in_tot_in_het_beheer(demo, page):
    browser_inloggen(page, "beheerder")
    page.goto("/beheer/")
    expect(page.get_by_role("link", name="Beveiligingslog")).to_be_visible()


def test_geen_csp_schendingen_op_de_accountpaginas(demo, page):
    schendingen = []
    page.on(
        "console",
        lambda bericht: (
            schendingen.append(bericht.text) if "Content Security Policy" in bericht.text else None
        ),
    )
    gebruiker(Rol.INSPECTEUR, username="csp-inspecteur")
    wachtwoord_invullen(page, "csp-inspecteur")
    expect(page.get_by_role("heading", name="Tweede factor instellen")).to_be_visible()
    browser_inloggen(page, "beheerder")
    for pad in ["/onderzoeken/", "/account/sessies/", "/account/wachtwoord/", "/beheer/"]:
        page.goto(pad)
        page.wait_for_load_state("networkidle")
    assert schendingen == []


def _csp_schendingen(page) -> list[str]:
    schendingen: list[str] = []
    page.on(
        "console",
        lambda bericht: (
            schendingen.append(f"{page.url}: {bericht.text}")
            if "Content Security Policy" in bericht.text
            else None
        ),
    )
    return schendingen


def test_geen_csp_schendingen_op_de_werkpaginas_van_elke_rol(demo, page):
    """Every page each role works on runs under the strict policy: no blocked script or style."""
    schendingen = _csp_schendingen(page)
    gouda = demo[("Gouda", 2013)]
    vervolg = demo[("Oosterhout", 2014)]
    browser_inloggen(page, "inspecteur")
    for pad in [
        f"/onderzoeken/{gouda.pk}/",
        f"/onderzoeken/{vervolg.pk}/",
        f"/onderzoeken/{gouda.pk}/historie/",
        "/onderzoeken/nieuw/",
        f"/rapporten/onderzoeken/{vervolg.pk}/",
        "/rapporten/exports/",
        "/voortgangsrapportages/",
        "/kaders/1/verschil/1/",
    ]:
        page.goto(pad)
        page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    browser_inloggen(page, "gouda")
    for pad in [
        "/portaal/",
        f"/portaal/onderzoeken/{gouda.pk}/",
        f"/portaal/onderzoeken/{gouda.pk}/uploaden/",
    ]:
        page.goto(pad)
        page.wait_for_load_state("networkidle")
    assert schendingen == []


def test_inspecteur_vervangt_de_tweede_factor_met_wachtwoord(demo, page):
    """Account → Tweede factor: the device is listed; replacing it needs the password and a code
    of the new app; afterwards the old device is gone. The pages pass axe and have no CSP
    violations."""
    from inspecties.beveiliging.models import BeveiligingsGebeurtenis
    from tests.e2e.test_toegankelijkheid import geen_schendingen

    schendingen = _csp_schendingen(page)
    browser_inloggen(page, "inspecteur")
    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", name="Tweede factor")).to_be_visible()
    expect(page.get_by_test_id("apparaat-rij")).to_have_count(1)
    geen_schendingen(page)
    oud = TOTPDevice.objects.get(user__username="inspecteur", confirmed=True)

    page.get_by_role("link", name="Vervangen").click()
    expect(page.get_by_role("heading", name="Tweede factor vervangen")).to_be_visible()
    geen_schendingen(page)
    nieuw = TOTPDevice.objects.get(user__username="inspecteur", confirmed=False)
    assert page.get_by_test_id("totp-geheim").inner_text() != ""
    page.get_by_label("Uw wachtwoord").fill("niet-het-goede")
    page.get_by_label("Code uit de nieuwe app").fill(totp_code(nieuw))
    page.get_by_role("button", name="Vervangen").click()
    expect(page.get_by_text("Het wachtwoord klopt niet.")).to_be_visible()
    geen_schendingen(page)

    nieuw.refresh_from_db()
    nieuw.last_t = -1
    nieuw.save()
    page.get_by_label("Uw wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_label("Code uit de nieuwe app").fill(totp_code(nieuw))
    page.get_by_role("button", name="Vervangen").click()
    expect(page.get_by_text("Uw tweede factor is vervangen.")).to_be_visible()
    assert not TOTPDevice.objects.filter(pk=oud.pk).exists()
    assert BeveiligingsGebeurtenis.objects.filter(soort="2fa_vervangen").exists()
    page.goto("/onderzoeken/")
    expect(page.get_by_test_id("onderzoek-rij").first).to_be_visible()
    assert schendingen == []
