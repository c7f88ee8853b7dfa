"""A follow-up's Inleiding and publication month typed in the browser, as an inspector does,
come out in the report's PDF: the Inleiding under its heading, paragraph for paragraph, and
the month in the footer."""

import io
import re

from django.urls import reverse

import pdfplumber
import pytest
from playwright.sync_api import expect

from inspecties.models import Onderzoek
from inspecties.onderzoeken import services
from tests.conftest import browser_inloggen
from tests.e2e.test_toegankelijkheid import geen_schendingen

pytestmark = pytest.mark.e2e


@pytest.fixture
def vervolg(demo):
    vorig = demo[("Oosterhout", 2013)]
    return services.onderzoek_aanmaken(
        aanpak=vorig.aanpak.opvolgers.first() or vorig.aanpak,
        kader=vorig.kader,
        soort=Onderzoek.Soort.VERVOLGONDERZOEK,
        jaar=2016,
        vorig_onderzoek=vorig,
    )


def test_inleiding_uit_de_browser_staat_onder_haar_kop_in_de_pdf(vervolg, page):
    browser_inloggen(page, "inspecteur")
    page.goto(reverse("inspecties:onderzoek_scoren", args=[vervolg.pk]))
    page.get_by_label("Inleiding").fill(
        "In 2013 toetste STJ de aanpak\nop beleidsniveau.\n\nNu volgt de voortgang."
    )
    page.get_by_label("Publicatiemaand").fill("2017-03")
    page.get_by_role("button", name="Teksten opslaan").click()
    expect(page.get_by_text("De teksten zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Publicatiemaand")).to_have_value("2017-03")
    geen_schendingen(page)

    antwoord = page.request.get(reverse("rapporten:rapport_pdf", args=[vervolg.pk]))
    assert antwoord.ok
    with pdfplumber.open(io.BytesIO(antwoord.body())) as pdf:
        regels = [r for p in pdf.pages for r in (p.extract_text() or "").splitlines()]
    kop = regels.index("Inleiding")
    # Two paragraphs in, two out: the wrapped line joined, the second paragraph on its own.
    assert regels[kop + 1] == "In 2013 toetste STJ de aanpak op beleidsniveau."
    assert regels[kop + 2] == "Nu volgt de voortgang."
    voet = [r for r in regels if "Samenwerkend Toezicht Jeugd" in r and re.search(r"\| \d+$", r)]
    assert voet and all("Maart 2017" in r for r in voet)
