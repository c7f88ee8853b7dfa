"""The admin's import screen in a real browser: a bad file shows every problem, a good one is
previewed and imported; every state passes axe (WCAG AA)."""

import pytest
from playwright.sync_api import expect

from inspecties.onderzoeken.models import Onderzoek
from inspecties.uitwisseling.exporteren import onderzoeken_exporteren
from rapporten.models import GepubliceerdRapport
from tests.conftest import browser_inloggen
from tests.e2e.test_toegankelijkheid import geen_schendingen

pytestmark = pytest.mark.e2e


def test_beheerder_importeert_een_archiefbestand(demo, page, tmp_path):
    # The Gouda study exported, renamed to a municipality that is not in the database yet.
    tekst = onderzoeken_exporteren(onderzoeken=[demo[("Gouda", 2013)]])
    nieuw = tmp_path / "archief.yaml"
    nieuw.write_text(
        tekst.replace("GM0513", "GM9902").replace("naam: Gouda\n", "naam: Archiefdorp\n")
    )
    fout = tmp_path / "fout.yaml"
    fout.write_text(
        tekst.replace("GM0513", "GM9903")
        .replace("soort: beleidstoets", "soort: factsheet")
        .replace("jaar: 2013", "jaar: 1990")
    )

    browser_inloggen(page, "beheerder")
    page.goto("/beheer/rapporten/gepubliceerdrapport/")
    page.get_by_role("link", name="Onderzoeken importeren").click()
    geen_schendingen(page)

    page.get_by_label("Uitwisselbestand (YAML)").set_input_files(str(fout))
    page.get_by_role("button", name="Controleren").click()
    problemen = page.get_by_test_id("importproblemen").get_by_role("listitem")
    expect(problemen).to_have_count(2)
    expect(problemen.first).to_contain_text("regel ")
    geen_schendingen(page)

    page.get_by_label("Uitwisselbestand (YAML)").set_input_files(str(nieuw))
    page.get_by_role("button", name="Controleren").click()
    voorbeeld = page.get_by_test_id("importvoorbeeld")
    expect(voorbeeld).to_contain_text("Beleidstoets MPG-overleg (2013)")
    expect(voorbeeld).to_contain_text("wordt toegevoegd")
    geen_schendingen(page)
    assert not Onderzoek.objects.filter(aanpak__gemeente__cbs_code="GM9902").exists()

    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("1 onderzoek(en) geïmporteerd; 0 bestond(en) al.")).to_be_visible()
    geimporteerd = Onderzoek.objects.get(aanpak__gemeente__cbs_code="GM9902")
    assert geimporteerd.status == Onderzoek.Status.GEPUBLICEERD
    assert GepubliceerdRapport.objects.filter(onderzoek=geimporteerd).exists()
