"""The heatmap and the field summary in real Chromium (issue 15): a screenshot (to a temporary
path, not committed), no WCAG 2.1 AA violations found by axe, the table scrolling inside its
own box with its headers in view, and a cell's link landing on the finding."""

import pytest
from playwright.sync_api import expect

from inspecties.models import Beoordeling
from tests.conftest import browser_inloggen
from tests.e2e.test_toegankelijkheid import geen_schendingen

pytestmark = pytest.mark.e2e


def test_heatmap_schermafdruk_axe_en_scrollen_in_eigen_vak(demo, page, tmp_path):
    gouda = demo[("Gouda", 2013)]
    page.set_viewport_size({"width": 1000, "height": 700})
    browser_inloggen(page, "medewerker")
    page.goto(f"/rapporten/overzichten/heatmap/?kader={gouda.kader_id}&jaar=2013")
    tabel = page.get_by_test_id("heatmap")
    expect(tabel).to_be_visible()
    pad = tmp_path / "heatmap.png"
    page.screenshot(path=str(pad), full_page=True)
    assert pad.stat().st_size > 10_000
    geen_schendingen(page)

    # The page itself never scrolls sideways; the table's box does.
    breedtes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert breedtes[0] <= breedtes[1]
    houder = page.locator(".heatmap-houder")
    assert houder.evaluate("e => e.scrollWidth > e.clientWidth")
    # Scrolled sideways, the municipality names stay in view (sticky first column).
    naam = page.get_by_role("rowheader", name="Gouda")
    links_voor = naam.bounding_box()["x"]
    houder.evaluate("e => { e.scrollLeft = 400; }")
    assert abs(naam.bounding_box()["x"] - links_voor) < 2

    # Keyboard: the box takes focus (to scroll with arrows); a cell is a link to its finding.
    b = Beoordeling.objects.filter(onderzoek=gouda, optie__is_verbeterpunt=True).first()
    cel = page.locator(f'a[href="/onderzoeken/{gouda.pk}/#rij-{b.pk}"]')
    expect(cel).to_have_text("Xverbeterpunt")
    cel.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/onderzoeken/{gouda.pk}/#rij-{b.pk}")
    expect(page.locator(f"#rij-{b.pk}")).to_be_visible()


def test_veldoverzicht_en_overzichten_voldoen_aan_wcag_aa(demo, page, tmp_path):
    browser_inloggen(page, "inspecteur")
    page.goto("/rapporten/overzichten/veld/")
    expect(
        page.get_by_role("img", name="Aandeel verbeterpunten (X) per thema in 2013")
    ).to_be_visible()
    page.screenshot(path=str(tmp_path / "veldoverzicht.png"), full_page=True)
    geen_schendingen(page)
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    page.goto("/rapporten/overzichten/heatmap/")  # the default: wijkteams 2017, not scored
    geen_schendingen(page)
    page.goto("/rapporten/overzichten/")
    geen_schendingen(page)
