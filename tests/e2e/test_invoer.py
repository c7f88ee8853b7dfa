"""Nothing typed is lost (issue 11): dates survive a save, unsaved scores survive a reload, and
leaving a page with unsaved input asks first."""

from datetime import date

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from inspecties import services
from inspecties.models import Onderzoek
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
