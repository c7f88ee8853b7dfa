"""Issue 18 in the browser: an inspector starts on Mijn werk, sends a study for review; the
second inspector follows the link in the review request's e-mail and approves it. Mijn werk,
Meldingen, Zoeken and Sessies have no WCAG 2.1 AA violations."""

import re

from django.contrib.auth import get_user_model
from django.core import mail

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_inloggen
from tests.e2e.test_toegankelijkheid import geen_schendingen
from tests.factories import AanpakFactory, OnderzoekFactory

pytestmark = pytest.mark.e2e


def uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("networkidle")


def test_reviewverzoek_uit_de_mail_volgen_en_vaststellen(demo, page, live_server):
    users = get_user_model().objects
    eerste, tweede = users.get(username="inspecteur"), users.get(username="inspecteur2")
    onderzoek = OnderzoekFactory(
        gescoord=True,
        inspecteurs=[eerste, tweede],
        aanpak=AanpakFactory(naam="Wijkteam-Noord", gemeente=demo[("Gouda", 2013)].aanpak.gemeente),
    )

    browser_inloggen(page, "inspecteur")
    expect(page.get_by_role("heading", name="Mijn werk", exact=True)).to_be_visible()
    geen_schendingen(page)
    concepten = page.get_by_role("region", name=re.compile("Mijn concepten"))
    expect(concepten.get_by_role("row", name=re.compile("Wijkteam-Noord"))).to_contain_text(
        "30 van 30"
    )
    concepten.get_by_role("link", name=re.compile("Wijkteam-Noord")).click()
    mail.outbox.clear()
    page.get_by_role("button", name="Ter review sturen").click()
    expect(page.get_by_test_id("status")).to_have_text("Ter review")
    uitloggen(page)

    verzoek = [m for m in mail.outbox if tweede.email in m.to]
    assert len(verzoek) == 1 and verzoek[0].subject.startswith("Ter review: ")
    link = re.search(r"Bekijk het in Toezicht: (\S+)", verzoek[0].body).group(1)
    assert link == f"{live_server.url}/onderzoeken/{onderzoek.pk}/"  # the served host and port

    browser_inloggen(page, "inspecteur2")
    expect(page.get_by_role("link", name=re.compile(r"Meldingen 1"))).to_be_visible()
    review = page.get_by_role("region", name=re.compile("Wacht op uw review"))
    expect(review.get_by_role("link", name=re.compile("Wijkteam-Noord"))).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Meldingen 1")).click()
    expect(page.get_by_role("heading", name="Meldingen")).to_be_visible()
    geen_schendingen(page)

    page.goto(link)
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_test_id("status")).to_have_text("Vastgesteld")
    aan_eerste = [m for m in mail.outbox if eerste.email in m.to]
    assert [m.subject.split(":")[0] for m in aan_eerste] == ["Vastgesteld"]


def test_zoeken_en_sessies_voldoen_aan_wcag_aa(demo, page):
    browser_inloggen(page, "bergenopzoom")
    zoekvak = page.get_by_role("search").first.get_by_label("Zoeken")
    zoekvak.fill("ZRM")
    zoekvak.press("Enter")
    expect(page.get_by_test_id("treffer").first).to_contain_text("ZRM")
    geen_schendingen(page)
    page.get_by_role("link", name="Account").click()
    page.get_by_role("link", name="Sessies").click()
    expect(page.get_by_text("Deze sessie")).to_be_visible()
    geen_schendingen(page)
