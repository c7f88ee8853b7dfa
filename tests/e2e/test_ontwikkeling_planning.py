"""The development page and the inspection calendar in a real browser: screenshots (to a
temporary folder, not committed) and axe finds no WCAG 2.1 AA violations."""

from datetime import date

from django.contrib.auth.models import User

import pytest
from playwright.sync_api import expect

from inspecties.models import Onderzoek
from tests.conftest import browser_inloggen
from tests.e2e.test_toegankelijkheid import geen_schendingen

pytestmark = pytest.mark.e2e


def test_ontwikkelingspagina_van_oosterhout(demo, page, tmp_path):
    gemeente = demo[("Oosterhout", 2013)].aanpak.gemeente
    browser_inloggen(page, "medewerker")
    page.goto("/")
    page.get_by_role("link", name="Ontwikkeling").click()
    page.get_by_role("link", name="Oosterhout").click()
    expect(page).to_have_url(f"{page.url.split('/ontwikkeling/')[0]}/ontwikkeling/{gemeente.pk}/")
    expect(page.get_by_role("img", name="Verbeterpunten Aanpak")).to_be_visible()
    expect(page.get_by_role("table", name="Aantal X en √ per thema en jaar")).to_be_visible()
    page.screenshot(path=tmp_path / "ontwikkeling.png", full_page=True)
    geen_schendingen(page)


def test_kalender_en_agendalink(demo, page, tmp_path):
    inspecteur = User.objects.get(username="inspecteur")
    o = demo[("Oosterhout", 2014)]
    o.inspecteurs.add(inspecteur)
    Onderzoek.objects.filter(pk=o.pk).update(
        gepland_van=date(2015, 2, 2), gepland_tot=date(2015, 2, 6)
    )
    browser_inloggen(page, "inspecteur")
    page.goto("/planning/?jaar=2015&maand=2")
    kalender = page.get_by_role("table", name="februari 2015", exact=True)
    expect(kalender).to_be_visible()
    expect(page.get_by_test_id("maandlijst")).to_contain_text("Presentatie")
    page.screenshot(path=tmp_path / "kalender.png", full_page=True)
    geen_schendingen(page)
    page.get_by_role("link", name="maart 2015").click()
    expect(page.get_by_role("table", name="maart 2015", exact=True)).to_be_visible()
    page.get_by_role("link", name="Mijn agendalink (iCalendar)").click()
    page.get_by_role("button", name="Link maken").click()
    link = page.get_by_label("Agendalink").input_value()
    assert "/planning/agenda.ics?sleutel=" in link
    geen_schendingen(page)
    antwoord = page.request.get(link)
    assert antwoord.status == 200 and b"BEGIN:VCALENDAR" in antwoord.body()
