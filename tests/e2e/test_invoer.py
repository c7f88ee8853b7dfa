"""Nothing typed is lost (issue 11): dates survive a save, unsaved scores survive a reload, and
leaving a page with unsaved input asks first."""

from datetime import date

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from inspecties.models import Onderzoek
from inspecties.onderzoeken import services
from tests.conftest import browser_inloggen
from tests.factories import AanpakFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def vervolg(demo):
    """An editable follow-up of Oosterhout 2013 with a saved presentation date."""
    vorig = demo[("Oosterhout", 2013)]
    onderzoek = services.onderzoek_aanmaken(
        aanpak=vorig.aanpak.opvolgers.first() or vorig.aanpak,
        kader=vorig.kader,
        soort=Onderzoek.Soort.VERVOLGONDERZOEK,
        jaar=2016,
        vorig_onderzoek=vorig,
    )
    Onderzoek.objects.filter(pk=onderzoek.pk).update(
        presentatiedatum=date(2014, 11, 17), context="Opgeslagen context"
    )
    return onderzoek


def scoren(onderzoek) -> str:
    return reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])


def test_een_andere_tekst_opslaan_laat_de_datum_staan(vervolg, kaders, page):
    toezicht = services.onderzoek_aanmaken(
        aanpak=AanpakFactory(),
        kader=kaders["stelseltoezicht-wijkteams"],
        soort=Onderzoek.Soort.TOEZICHTONDERZOEK,
        jaar=2017,
    )
    Onderzoek.objects.filter(pk=toezicht.pk).update(voortgang_deadline=date(2017, 5, 1))
    browser_inloggen(page, "inspecteur")
    for onderzoek, datumveld, tekstveld, waarde in (
        (vervolg, "Presentatiedatum", "Ontwikkeling", "2014-11-17"),
        (toezicht, "De gemeente meldt haar verbeteringen vóór", "Samenvatting", "2017-05-01"),
    ):
        page.goto(scoren(onderzoek))
        expect(page.get_by_label(datumveld)).to_have_value(waarde)
        page.get_by_label(tekstveld).fill("Alleen deze tekst is nieuw.")
        page.get_by_role("button", name="Teksten opslaan").click()
        expect(page.get_by_text("De teksten zijn opgeslagen.")).to_be_visible()
        page.reload()
        expect(page.get_by_label(datumveld)).to_have_value(waarde)
        expect(page.get_by_label(tekstveld)).to_have_value("Alleen deze tekst is nieuw.")
    vervolg.refresh_from_db()
    toezicht.refresh_from_db()
    assert vervolg.presentatiedatum == date(2014, 11, 17)
    assert vervolg.context == "Opgeslagen context"
    assert toezicht.voortgang_deadline == date(2017, 5, 1)


@pytest.fixture
def beleidstoets(demo):
    from django.contrib.auth import get_user_model

    gouda = demo[("Gouda", 2013)]
    return services.onderzoek_aanmaken(
        aanpak=gouda.aanpak,
        kader=gouda.kader,
        soort=Onderzoek.Soort.BELEIDSTOETS,
        jaar=2019,
        inspecteurs=[get_user_model().objects.get(username="inspecteur")],
    )


class Dialogen:
    """The dialogs the page opened (a beforeunload is accepted, so the navigation goes on)."""

    def __init__(self, page):
        self.soorten = []
        page.on("dialog", self._open)

    def _open(self, dialog):
        self.soorten.append(dialog.type)
        dialog.accept()


def test_een_gekozen_maar_niet_opgeslagen_oordeel_komt_terug_na_herladen(beleidstoets, page):
    browser_inloggen(page, "inspecteur")
    page.goto(scoren(beleidstoets))
    rij = page.get_by_test_id("rij").nth(1)
    rij.get_by_label("X Verbeterpunt").check()
    expect(rij.get_by_test_id("niet-opgeslagen")).to_be_visible()

    page.reload()
    rij = page.get_by_test_id("rij").nth(1)
    expect(rij.get_by_label("X Verbeterpunt")).to_be_checked()
    expect(rij.get_by_label("X Verbeterpunt")).to_have_attribute("data-hersteld", "true")
    expect(rij.get_by_test_id("niet-opgeslagen")).to_be_visible()
    b = beleidstoets.beoordelingen.order_by("pk")[1]
    assert b.optie_id is None  # restored in the browser, not saved

    rij.get_by_role("button", name="Opslaan").click()
    expect(rij.get_by_test_id("opgeslagen")).to_be_visible()
    expect(rij.get_by_test_id("niet-opgeslagen")).to_have_count(0)
    b.refresh_from_db()
    assert b.optie.code == "verbeterpunt"
    page.reload()
    rij = page.get_by_test_id("rij").nth(1)
    expect(rij.get_by_label("X Verbeterpunt")).to_be_checked()
    expect(rij.get_by_label("X Verbeterpunt")).not_to_have_attribute("data-hersteld", "true")
    expect(rij.get_by_test_id("niet-opgeslagen")).to_have_count(0)


def test_weggaan_met_niet_opgeslagen_invoer_vraagt_eerst(beleidstoets, page):
    dialogen = Dialogen(page)
    browser_inloggen(page, "inspecteur")
    page.goto(scoren(beleidstoets))
    rij = page.get_by_test_id("rij").first
    rij.get_by_label("√ Voldoet").check()
    page.get_by_role("link", name="Onderzoeken", exact=True).click()
    page.wait_for_url("**/onderzoeken/")
    assert dialogen.soorten == ["beforeunload"]

    # Saved, nothing is left to lose: leaving asks nothing.
    page.goto(scoren(beleidstoets))
    rij = page.get_by_test_id("rij").first
    expect(rij.get_by_label("√ Voldoet")).to_be_checked()  # the draft came back
    rij.get_by_label("Bevinding").fill("Opgeslagen voor vertrek.")
    rij.get_by_role("button", name="Opslaan").click()
    expect(rij.get_by_test_id("opgeslagen")).to_be_visible()
    page.get_by_role("link", name="Onderzoeken", exact=True).click()
    page.wait_for_url("**/onderzoeken/")
    assert dialogen.soorten == ["beforeunload"]


def test_een_formulier_versturen_vraagt_niets_en_vergeet_het_concept(beleidstoets, page):
    dialogen = Dialogen(page)
    browser_inloggen(page, "inspecteur")
    page.goto(scoren(beleidstoets))
    page.get_by_text("Eén bevinding voor meerdere indicatoren van dit criterium").first.click()
    delen = page.locator("details[open] form")
    delen.get_by_role("checkbox").nth(0).check()
    delen.get_by_role("checkbox").nth(1).check()
    delen.get_by_label("Gedeelde bevinding").fill("Samen, met een spatie aan het eind ")
    delen.get_by_role("button", name="Gedeelde bevinding opslaan").click()
    expect(page.get_by_text("De gedeelde bevinding is opgeslagen.")).to_be_visible()
    assert dialogen.soorten == []
    # The shared form is empty again and its draft is gone: leaving asks nothing.
    page.get_by_text("Eén bevinding voor meerdere indicatoren van dit criterium").first.click()
    expect(page.locator("details[open] form").get_by_label("Gedeelde bevinding")).to_have_value("")
    page.get_by_role("link", name="Onderzoeken", exact=True).click()
    page.wait_for_url("**/onderzoeken/")
    assert dialogen.soorten == []


def test_een_hersteld_concept_na_een_wijziging_van_een_ander_geeft_een_conflict(beleidstoets, page):
    """A draft remembers what the page was loaded with: restored after someone else saved the
    row, saving it shows both versions instead of overwriting theirs."""
    browser_inloggen(page, "inspecteur")
    page.goto(scoren(beleidstoets))
    rij = page.get_by_test_id("rij").first
    rij.get_by_label("Bevinding").fill("Mijn concept")
    b = beleidstoets.beoordelingen.order_by("pk").first()
    services.bevinding_opslaan(beoordeling=b, tekst="Tekst van een ander", let_op="", versie=None)

    page.reload()
    rij = page.get_by_test_id("rij").first
    expect(rij.get_by_label("Bevinding")).to_have_value("Mijn concept")
    rij.get_by_role("button", name="Opslaan").click()
    expect(rij.get_by_test_id("conflict")).to_contain_text("Tekst van een ander")
    b.refresh_from_db()
    assert b.bevinding.tekst == "Tekst van een ander"
    # The conflict is not saved: a reload still has my text, marked as not saved.
    page.reload()
    rij = page.get_by_test_id("rij").first
    expect(rij.get_by_label("Bevinding")).to_have_value("Mijn concept")
    expect(rij.get_by_test_id("niet-opgeslagen")).to_be_visible()


def test_een_mislukte_opslag_zegt_dat_en_houdt_de_invoer(beleidstoets, page):
    """A save the server refuses without a row to show (here: the CSRF cookie is gone, as after
    logging in again in another tab) says so in the row, and the input stays."""
    browser_inloggen(page, "inspecteur")
    page.goto(scoren(beleidstoets))
    rij = page.get_by_test_id("rij").first
    rij.get_by_label("Bevinding").fill("Mag niet verloren gaan")
    page.context.clear_cookies(name="csrftoken")
    rij.get_by_role("button", name="Opslaan").click()
    expect(rij.get_by_test_id("opslaan-mislukt")).to_contain_text("niet opgeslagen")
    expect(rij.get_by_label("Bevinding")).to_have_value("Mag niet verloren gaan")
    page.reload()
    rij = page.get_by_test_id("rij").first
    expect(rij.get_by_label("Bevinding")).to_have_value("Mag niet verloren gaan")
    expect(rij.get_by_test_id("niet-opgeslagen")).to_be_visible()
