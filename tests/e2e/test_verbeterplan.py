"""Journey (issue 18): Gouda writes a plan for each open improvement point and uploads a
progress report; the inspector assesses the report, links it to a follow-up and sees plan and
report beside the follow-up's scoring. axe checks every new page."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from inspecties.models import Verbeterplan, Voortgangsrapportage
from inspecties.onderzoeken.services import onderzoek_aanmaken
from inspecties.voortgang.selectors import punten_van_onderzoek
from tests.conftest import browser_inloggen
from tests.e2e.test_portaal import RAPPORT
from tests.e2e.test_toegankelijkheid import geen_schendingen

pytestmark = pytest.mark.e2e


def test_plan_per_punt_rapportage_beoordelen_koppelen_en_zien_bij_het_scoren(demo, page):
    gouda = demo[("Gouda", 2013)]
    gouda.voortgang_deadline = timezone.localdate() + timedelta(days=120)
    gouda.save(update_fields=["voortgang_deadline"])
    punten = punten_van_onderzoek(gouda)
    assert len(punten) >= 2
    datum = (timezone.localdate() + timedelta(days=60)).isoformat()

    browser_inloggen(page, "gouda")
    page.get_by_test_id("portaal-onderzoek").get_by_role("link", name="Verbeterplan").click()
    expect(page.get_by_role("heading", name="Verbeterplan", exact=True)).to_be_visible()
    expect(page.get_by_test_id("plan-punt")).to_have_count(len(punten))
    geen_schendingen(page)
    for i in range(len(punten)):
        blok = page.get_by_test_id("plan-punt").nth(i)
        blok.get_by_label("Wat gaat de gemeente doen?").fill(f"Maatregel {i + 1}")
        blok.get_by_label("Wie is verantwoordelijk?").fill("Teamleider Centrum")
        blok.get_by_label("Gereed uiterlijk").fill(datum)
        blok.get_by_role("button", name="Plan opslaan").click()
        expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    assert Verbeterplan.objects.filter(onderzoek=gouda).count() == len(punten)
    # A date after the report's deadline is refused, beside the field, and the text stays.
    blok = page.get_by_test_id("plan-punt").first
    blok.get_by_label("Wat gaat de gemeente doen?").fill("Te laat")
    blok.get_by_label("Gereed uiterlijk").fill(
        (gouda.voortgang_deadline + timedelta(days=1)).isoformat()
    )
    blok.get_by_role("button", name="Plan bijwerken").click()
    blok = page.get_by_test_id("plan-punt").first
    expect(blok).to_contain_text("na de uiterste datum uit het rapport")
    expect(blok.get_by_label("Wat gaat de gemeente doen?")).to_have_value("Te laat")
    geen_schendingen(page)

    page.goto(f"/portaal/onderzoeken/{gouda.pk}/uploaden/")
    page.get_by_label("Voortgangsrapportage").set_input_files(
        {"name": "voortgang-gouda.pdf", "mimeType": "application/pdf", "buffer": RAPPORT}
    )
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_test_id("rapportage-status")).to_contain_text("nog niet gelezen")
    page.get_by_role("button", name="Uitloggen").click()

    inspecteur_gebruiker = gouda.inspecteurs.first()
    vervolg = onderzoek_aanmaken(
        aanpak=gouda.aanpak,
        kader=gouda.kader,
        soort="vervolgonderzoek",
        jaar=2014,
        inspecteurs=[inspecteur_gebruiker] if inspecteur_gebruiker else [],
        vorig_onderzoek=gouda,
    )
    browser_inloggen(page, "inspecteur")
    page.get_by_role("link", name="Voortgangsrapportages").click()
    page.get_by_test_id("inbox-rij").get_by_role("link", name="Beoordelen").click()
    expect(
        page.get_by_role("heading", name="Voortgangsrapportage: voortgang-gouda.pdf")
    ).to_be_visible()
    geen_schendingen(page)
    page.get_by_role("textbox", name=re.compile(r"^Beoordeling")).fill(
        "Alle punten hebben een plan; casusregie loopt."
    )
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_test_id("beoordeeld")).to_contain_text("casusregie loopt")
    page.get_by_label("Vervolgonderzoek", exact=True).select_option(str(vervolg.pk))
    page.get_by_role("button", name="Koppeling opslaan").click()
    expect(page.get_by_test_id("gekoppeld")).to_contain_text("2014")
    assert Voortgangsrapportage.objects.get().vervolgonderzoek == vervolg

    page.get_by_role("link", name="Voortgang van").click()
    expect(page.get_by_test_id("plan-rij")).to_have_count(len(punten))
    geen_schendingen(page)
    page.get_by_test_id("plan-rij").first.get_by_role("button", name="Plan accepteren").click()
    expect(page.get_by_test_id("plan-rij").first).to_contain_text("Geaccepteerd")

    page.goto(f"/onderzoeken/{vervolg.pk}/")
    expect(page.get_by_test_id("gekoppelde-rapportages")).to_contain_text("voortgang-gouda.pdf")
    expect(page.get_by_test_id("verbeterplan")).to_have_count(len(punten))
    expect(page.get_by_test_id("verbeterplan").first).to_contain_text("Maatregel 1")

    # Gouda sees its report read and assessed.
    page.get_by_role("button", name="Uitloggen").click()
    browser_inloggen(page, "gouda")
    expect(page.get_by_test_id("rapportage-status")).to_contain_text(
        "beoordeeld door de inspecties"
    )
