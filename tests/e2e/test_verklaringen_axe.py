"""axe-core in real Chromium on every page the accessibility statement lists (issue 17): the
new pages, the pages of each role and the admin pages beheerders use. What axe finds must be
exactly the accepted deviations the statement describes (today: none)."""

from pathlib import Path

from django.contrib.auth import get_user_model

import pytest
from axe_playwright_python.sync_playwright import Axe

from gemeenten.models import Gemeente
from inspecties.site.verklaringen import AXE_VERSIE, BEKENDE_AFWIJKINGEN, GECONTROLEERDE_PAGINAS
from tests.conftest import browser_inloggen
from toetsingskader.models import Toetsingskader

pytestmark = pytest.mark.e2e

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
GEBRUIKERS = sorted({p.als for p in GECONTROLEERDE_PAGINAS})


def schendingen(page) -> tuple[set[str], str]:
    resultaat = Axe().run(page, options=WCAG_AA)
    return {v["id"] for v in resultaat.response["violations"]}, resultaat.generate_report()


def toegestaan(omschrijving: str) -> set[str]:
    return {a.regel for a in BEKENDE_AFWIJKINGEN if a.pagina == omschrijving}


@pytest.mark.parametrize("als", GEBRUIKERS, ids=lambda als: als or "bezoeker")
def test_paginas_uit_de_verklaring_voldoen_aan_wcag_aa(demo, page, als):
    objecten = {
        "gebruiker": get_user_model().objects.get(username="inspecteur").pk,
        "gemeente": Gemeente.objects.get(naam="Gouda").pk,
        "kader": Toetsingskader.objects.order_by("pk").first().pk,
    }
    if als:
        browser_inloggen(page, als)
    for pagina in (p for p in GECONTROLEERDE_PAGINAS if p.als == als):
        pad = pagina.pad.format(**objecten)
        page.goto(pad)
        assert page.url.endswith(pad), f"{pagina.omschrijving}: {page.url}"
        gevonden, rapport = schendingen(page)
        assert gevonden == toegestaan(pagina.omschrijving), f"{pagina.omschrijving}\n{rapport}"
        if pad == "/inloggen/":  # the errors are part of the page too
            page.get_by_role("button", name="Inloggen").click()
            gevonden, rapport = schendingen(page)
            assert gevonden == toegestaan(pagina.omschrijving), rapport


def test_de_verklaring_noemt_de_axe_versie_die_de_tests_draaien():
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()[:40]
    assert script.startswith(f"/*! axe v{AXE_VERSIE}")
