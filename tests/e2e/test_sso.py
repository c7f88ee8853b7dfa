"""Single sign-on in real Chromium against a real OpenID Provider process on loopback: through
the provider's own login page, the role from the claim, and logging out at both ends."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from tests.conftest import totp_code
from tests.oidc_idp import sso_instellen

pytestmark = pytest.mark.e2e

Soort = BeveiligingsGebeurtenis.Soort
ANNA = {
    "email": "anna@inspectie.example",
    "given_name": "Anna",
    "family_name": "de Vries",
    "preferred_username": "anna.devries",
    "groups": ["toezicht-inspecteur"],
    "amr": ["pwd", "mfa"],
}


@pytest.fixture
def sso_browser(settings, idp_proces, live_server, page):
    client_id, secret = idp_proces.client_registreren(f"{live_server.url}/oidc/callback/")
    sso_instellen(settings, idp_proces, client_id, secret)
    # The provider's pages link a stylesheet on a CDN: the tests stay off the internet.
    page.context.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda r: r.abort())
    return idp_proces


def bij_de_idp_inloggen(page, idp, sub: str) -> None:
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen met uw organisatieaccount").click()
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible()
    assert page.url.startswith(f"{idp.url}/oauth2/authorize?")
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()


def test_inloggen_rol_en_uitloggen_via_de_identity_provider(sso_browser, page):
    sso_browser.gebruiker("anna", **ANNA)
    callbacks = []
    page.on("request", lambda r: callbacks.append(r.url) if "/oidc/callback/" in r.url else None)

    bij_de_idp_inloggen(page, sso_browser, "anna")
    # An inspector starts on Mijn werk (issue 18).
    expect(page).to_have_url(re.compile(r"/mijn-werk/$"))
    kop = page.get_by_test_id("ingelogd-als")
    expect(kop).to_contain_text("Anna de Vries")
    expect(kop).to_contain_text("Inspecteur")
    assert BeveiligingsGebeurtenis.objects.filter(
        soort=Soort.TWEEDE_FACTOR_GESLAAGD, details__via="identity provider"
    ).exists()

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="End Session")).to_be_visible()
    assert page.url.startswith(f"{sso_browser.url}/oauth2/end_session?")
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    page.goto("/onderzoeken/")
    expect(page).to_have_url(re.compile(r"/inloggen/\?next="))

    # The callback URL of that login, opened again: refused, in Dutch.
    assert len(callbacks) == 1
    page.goto(callbacks[0])
    expect(page.get_by_role("alert")).to_contain_text(
        "Inloggen met uw organisatieaccount is niet gelukt"
    )
    expect(page.get_by_test_id("ingelogd-als")).to_have_count(0)


def test_zonder_mfa_bij_de_idp_vraagt_toezicht_zijn_eigen_tweede_factor(sso_browser, page):
    sso_browser.gebruiker("eva", **{**ANNA, "preferred_username": "eva", "amr": ["pwd"]})
    bij_de_idp_inloggen(page, sso_browser, "eva")
    expect(page.get_by_role("heading", name="Tweede factor instellen")).to_be_visible()
    apparaat = TOTPDevice.objects.get(user__username="eva", confirmed=False)
    page.get_by_label("Verificatiecode").fill(totp_code(apparaat))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(r"/mijn-werk/$"))


def test_zonder_rol_zegt_de_startpagina_waarom(sso_browser, page):
    sso_browser.gebruiker("carla", **{**ANNA, "preferred_username": "carla", "groups": []})
    bij_de_idp_inloggen(page, sso_browser, "carla")
    expect(page.get_by_test_id("geen-rol-idp")).to_contain_text("geeft u geen rol in Toezicht")
