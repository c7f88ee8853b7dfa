"""Journey (issue 18, item 8): the beheerder adds a gemeente user on one screen; the person
follows the invitation's link, chooses a password and logs in to the portal. axe on both
pages."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_inloggen
from tests.e2e.test_beheer import rechten  # noqa: F401  (fixture)
from tests.e2e.test_toegankelijkheid import geen_schendingen

pytestmark = pytest.mark.e2e


def test_beheerder_nodigt_een_gemeentegebruiker_uit(rechten, demo, page):  # noqa: F811
    mail.outbox.clear()
    browser_inloggen(page, "beheerder")
    page.goto("/beheer/auth/user/add/")
    geen_schendingen(page)
    page.get_by_label("Voornaam").fill("Greet")
    page.get_by_label("Achternaam").fill("de Gemeente")
    page.get_by_label("E-mailadres").fill("greet@gouda.example")
    page.get_by_label("Rol").select_option(label="Gemeente")
    page.get_by_label(re.compile(r"^Gemeente:?$")).select_option(label="Gouda")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("uitnodiging")
    page.goto("/beheer/auth/user/?q=greet")
    expect(page.locator("#result_list")).to_contain_text("Gouda")

    link = re.search(r"https?://\S+(/account/wachtwoord-instellen/\S+/)", mail.outbox[-1].body)
    page.context.clear_cookies()  # another person, another browser
    page.goto(link.group(1))
    expect(page.get_by_role("heading", name="Wachtwoord instellen")).to_be_visible()
    geen_schendingen(page)
    page.get_by_label("Nieuw wachtwoord").first.fill("Een-lang-wachtwoord-42")
    page.get_by_label("Nieuw wachtwoord bevestigen").fill("Een-lang-wachtwoord-42")
    page.get_by_role("button", name="Wachtwoord instellen").click()
    expect(page.get_by_role("status")).to_contain_text("Uw wachtwoord is ingesteld")
    browser_inloggen(page, "greet@gouda.example", "Een-lang-wachtwoord-42")
    expect(page.get_by_role("heading", name="Portaal Gouda")).to_be_visible()
