"""Shared fixtures: frameworks, the demo cases, users per role, and a real Chromium."""

import os

import pytest

from inspecties.beveiliging.rollen import Rol
from inspecties.demo.laden import DEMO_WACHTWOORD, demo_laden
from tests.factories import gebruiker
from toetsingskader.management.commands.laad_toetsingskader import MEEGELEVERD
from toetsingskader.services import toetsingskader_laden

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside
# one unless told it is safe, which it is here: the loop belongs to the browser driver.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def kaders(db):
    """Both shipped frameworks, vastgesteld: {"ggsr-beleid": kader, ...}."""
    geladen = {}
    for pad in sorted(MEEGELEVERD.glob("*.yaml")):
        kader, _ = toetsingskader_laden(tekst=pad.read_text(encoding="utf-8"), vaststellen=True)
        geladen[kader.sleutel] = kader
    return geladen


@pytest.fixture
def demo(kaders):
    """The published demo cases (Gouda 2013, Oosterhout 2013 and 2014, Bergen op Zoom 2017) and
    the demo users."""
    onderzoeken = demo_laden()
    return {(o.aanpak.gemeente.naam, o.jaar): o for o in onderzoeken}


@pytest.fixture(scope="session")
def gerenderd() -> dict:
    """PDFs rendered once per session, for tests that only read them: {name: bytes}. What they
    render is made the same way in every test (the demo, a factory), so the bytes are too."""
    return {}


def eenmaal_gerenderd(gerenderd: dict, naam: str, onderzoek) -> bytes:
    from rapporten.services import rapport_pdf

    if naam not in gerenderd:
        gerenderd[naam] = rapport_pdf(onderzoek=onderzoek)
    return gerenderd[naam]


DEMO_PDF = {
    ("Gouda", 2013): "gouda",
    ("Oosterhout", 2014): "oosterhout",
    ("Oosterhout", 2013): "oosterhout-2013",
    ("Bergen op Zoom", 2017): "bergen-op-zoom",
}


@pytest.fixture
def inspecteur(db):
    return gebruiker(Rol.INSPECTEUR, username="insp1")


@pytest.fixture
def tweede_inspecteur(db):
    return gebruiker(Rol.INSPECTEUR, username="insp2")


@pytest.fixture
def beheerder(db):
    return gebruiker(Rol.BEHEERDER, username="beheer1", is_staff=True)


@pytest.fixture
def medewerker(db):
    return gebruiker(Rol.MEDEWERKER, username="medew1")


def totp_apparaat(user):
    """The user's confirmed TOTP device (created when missing), ready to accept a fresh code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    apparaat = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    # Tests may log the same user in twice within one 30-second step: allow the code again.
    apparaat.last_t = -1
    apparaat.throttling_failure_count = 0
    apparaat.save()
    return apparaat


def totp_code(apparaat) -> str:
    from django_otp.oath import totp

    code = totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    return f"{code:0{apparaat.digits}d}"


def inloggen(client, user):
    """Log a test client in as `user` (the one place that knows how logging in works).

    Users whose role requires a second factor get a confirmed TOTP device and a session that
    has passed it, as after a real login with code.
    """
    from django_otp import DEVICE_ID_SESSION_KEY

    from inspecties.beveiliging.selectors import tweede_factor_vereist

    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if tweede_factor_vereist(user):
        apparaat = totp_apparaat(user)
        sessie = client.session
        sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        sessie.save()
    return client


def sessie_laten_verlopen(sleutel: str, minuten: int = 24 * 60) -> None:
    """Make the session with this key as old as if its user had done nothing for `minuten`: the
    next request ends it the way a real expiry does (and may keep what was being typed)."""
    from django.contrib.sessions.backends.db import SessionStore

    from inspecties.beveiliging.services import INGELOGD_OM, LAATST_ACTIEF

    sessie = SessionStore(session_key=sleutel)
    for veld in (INGELOGD_OM, LAATST_ACTIEF):
        sessie[veld] = sessie[veld] - minuten * 60
    sessie.save()


@pytest.fixture
def client_als(client):
    """`client_als(user)` returns the test client logged in as that user."""

    def _als(user):
        client.logout()
        return inloggen(client, user)

    return _als


# --- Browser journeys -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    # Reduced motion switches Bootstrap's transitions off, so axe measures a button's colours as
    # they end up, not half-way through the hover fade after a click.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", reduced_motion="reduce")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def browser_inloggen(page, gebruikersnaam: str, wachtwoord: str = DEMO_WACHTWOORD) -> None:
    """Log in through the real login form, as a person would, with the TOTP code when asked."""
    from django.contrib.auth import get_user_model

    from inspecties.beveiliging.selectors import tweede_factor_vereist

    user = get_user_model().objects.filter(username=gebruikersnaam).first()
    apparaat = totp_apparaat(user) if user is not None and tweede_factor_vereist(user) else None
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    if apparaat is not None and "/account/tweede-factor/" in page.url:
        page.get_by_label("Verificatiecode").fill(totp_code(apparaat))
        page.get_by_role("button", name="Verifiëren").click()
        page.wait_for_load_state("networkidle")


# --- Single sign-on (issue 17): a real OpenID Provider process on loopback --------------------


@pytest.fixture(scope="session")
def idp_proces():
    from tests.oidc_idp import idp_starten

    idp = idp_starten()
    yield idp
    idp.stoppen()


@pytest.fixture(scope="session")
def ander_idp_proces():
    """A second provider: another issuer with its own signing key."""
    from tests.oidc_idp import idp_starten

    idp = idp_starten(registratie=False)
    yield idp
    idp.stoppen()


@pytest.fixture
def sso(settings, idp_proces, db):
    """The application configured for the provider, as a client registered for the test
    client's callback URL."""
    from tests.oidc_idp import sso_instellen

    client_id, secret = idp_proces.client_registreren("http://testserver/oidc/callback/")
    sso_instellen(settings, idp_proces, client_id, secret)
    return idp_proces
