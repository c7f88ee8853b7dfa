"""WCAG 2.1 AA checks with axe-core in real Chromium, on the pages each role uses."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import browser_inloggen

pytestmark = pytest.mark.e2e

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def geen_schendingen(page) -> None:
    resultaat = Axe().run(page, options=WCAG_AA)
    assert resultaat.violations_count == 0, resultaat.generate_report()


def test_inlogpagina_voldoet_aan_wcag_aa(page, db):
    page.goto("/inloggen/")
    geen_schendingen(page)
    # Errors are part of the page too.
    page.get_by_role("button", name="Inloggen").click()
    geen_schendingen(page)


@pytest.mark.parametrize(
    ("gebruikersnaam", "pad"),
    [
        ("inspecteur", "/onderzoeken/"),
        ("medewerker", "/onderzoeken/"),
        ("medewerker", "/rapporten/overzichten/"),
    ],
)
def test_paginas_voldoen_aan_wcag_aa(demo, page, gebruikersnaam, pad):
    browser_inloggen(page, gebruikersnaam)
    page.goto(pad)
    geen_schendingen(page)


def test_paginering_voldoet_aan_wcag_aa(demo, page, monkeypatch):
    """The page navigation of the study list and the inbox (issue 16), a few rows a page."""
    from inspecties.onderzoeken.selectors import lijsten
    from inspecties.voortgang import selectors

    monkeypatch.setattr(lijsten, "PER_PAGINA", 3)
    monkeypatch.setattr(selectors, "PER_PAGINA", 1)
    browser_inloggen(page, "inspecteur")
    page.goto("/onderzoeken/?pagina=2")
    navigatie = page.get_by_role("navigation", name="Paginering")
    assert navigatie.get_by_role("link", name="Pagina 2").get_attribute("aria-current") == "page"
    geen_schendingen(page)
    navigatie.get_by_role("link", name="Vorige").click()
    page.wait_for_url("**/onderzoeken/?pagina=1")
    page.goto("/voortgangsrapportages/")
    geen_schendingen(page)
