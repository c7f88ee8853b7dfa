"""The whole journey against the app served as production serves it (`.ci/productie.sh`:
gunicorn, PostgreSQL, DEBUG off, collected static files, the real task worker).

Runs only when TOEZICHT_PRODUCTIE_URL points at such a server (and TOEZICHT_PRODUCTIE_DATABASE_URL
at its database, for the development rendering to compare with); skipped otherwise.
"""

import base64
import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect
from pypdf import PdfReader

URL = os.environ.get("TOEZICHT_PRODUCTIE_URL", "")
DATABASE_URL = os.environ.get("TOEZICHT_PRODUCTIE_DATABASE_URL", "")
ROOT = Path(__file__).resolve().parents[2]
WACHTWOORD = "toezicht-demo"
VOORTGANG = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not URL, reason="TOEZICHT_PRODUCTIE_URL is niet gezet (.ci/productie.sh)"),
]


@pytest.fixture
def pagina(browser):
    """A browser tab on the production server that records every answer of 500 and up."""
    context = browser.new_context(
        base_url=URL, locale="nl-NL", accept_downloads=True, reduced_motion="reduce"
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.serverfouten = []
    page.on(
        "response",
        lambda r: page.serverfouten.append(f"{r.status} {r.url}") if r.status >= 500 else None,
    )
    yield page
    context.close()


def inloggen(page, gebruikersnaam: str) -> None:
    """Log in as a new user does: the password, then (inspectors) set up the second factor
    on the page that shows the secret, and confirm it with the code an app would compute."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    if "/account/tweede-factor/instellen/" in page.url:
        geheim = page.get_by_test_id("totp-geheim").inner_text().strip()
        sleutel = base64.b32decode(geheim + "=" * (-len(geheim) % 8))
        page.get_by_label("Verificatiecode").fill(f"{totp(sleutel):06d}")
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_load_state("networkidle")
    assert "/inloggen/" not in page.url and "/tweede-factor/" not in page.url, page.url


def uitloggen(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("networkidle")


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes()


def fonts(pdf: bytes) -> set[str]:
    namen = set()
    for p in PdfReader(io.BytesIO(pdf)).pages:
        for font in (p.get("/Resources") or {}).get("/Font", {}).values():
            namen.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return namen


def ontwikkel_pdf(onderzoek_pk: int) -> bytes:
    """The same study rendered with development settings (DEBUG on, static files from the
    source tree) from the same database: what a styled PDF of it looks like."""
    code = (
        "import sys; from rapporten.services import rapport_pdf; "
        f"sys.stdout.buffer.write(rapport_pdf(onderzoek={onderzoek_pk}))"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "HTTPS", "STATIC_ROOT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="inspecties.settings", DEBUG="true")
    env["DATABASE_URL"] = DATABASE_URL
    uit = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    return uit[uit.index(b"%PDF-") :]


def test_van_scoren_tot_de_download_van_de_gemeente(pagina):
    page = pagina
    assert DATABASE_URL, "TOEZICHT_PRODUCTIE_DATABASE_URL is niet gezet"

    # An inspector starts a follow-up on Gouda's published 2013 factsheet and scores it.
    inloggen(page, "inspecteur")
    page.goto("/onderzoeken/nieuw/")
    page.get_by_label("Gemeente en aanpak").select_option(label="Gouda – MPG-overleg")
    page.get_by_label("Toetsingskader").select_option(
        label="Toetsingskader GGSR – beleidsniveau (2013)"
    )
    page.get_by_label("Soort").select_option(label="Vervolgonderzoek")
    page.get_by_label("Jaar").fill("2016")
    page.get_by_label("Vorig onderzoek").select_option(
        label="Beleidstoets Gouda – MPG-overleg (2013)"
    )
    page.get_by_role("button", name="Onderzoek aanmaken").click()
    expect(page.get_by_test_id("status")).to_have_text("Concept")
    adres = page.url
    onderzoek_pk = int(re.search(r"/onderzoeken/(\d+)/", adres).group(1))
    rijen = page.get_by_test_id("rij")
    aantal = rijen.count()
    assert aantal >= 1
    for i in range(aantal):
        rij = rijen.nth(i)
        rij.get_by_label("√ Voldoet" if i % 2 else "X Verbeterpunt").check()
        rij.get_by_label("Bevinding").fill(f"Bevinding bij de productiereis, rij {i + 1}.")
        rij.get_by_role("button", name="Opslaan").click()
        expect(rij.get_by_test_id("opgeslagen")).to_have_text("Opgeslagen")
    page.get_by_role("button", name="Ter review sturen").click()
    expect(page.get_by_test_id("status")).to_have_text("Ter review")
    uitloggen(page)

    # The second inspector approves and publishes.
    inloggen(page, "inspecteur2")
    page.goto(adres)
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_test_id("status")).to_have_text("Vastgesteld")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_test_id("status")).to_have_text("Gepubliceerd")

    # The published PDF is styled: no CONCEPT, our font, as many pages as in development.
    pdf = download(page, page.get_by_role("link", name="PDF", exact=True))
    paginas = [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]
    assert paginas and all("CONCEPT" not in p for p in paginas)
    assert {"DejaVu-Sans", "DejaVu-Sans-Bold"} <= fonts(pdf)
    assert len(paginas) == len(PdfReader(io.BytesIO(ontwikkel_pdf(onderzoek_pk))).pages)
    assert "Bevinding bij de productiereis, rij 1." in " ".join(" ".join(paginas).split())

    # The worker makes a ZIP of every published report, with the frozen bytes.
    page.goto("/rapporten/exports/")
    page.locator("section[aria-labelledby=bulk-kop]").get_by_role("button", name="Maak ZIP").click()
    zip_link = page.get_by_role("link", name="Download ZIP")
    expect(zip_link).to_be_visible(timeout=60_000)
    with zipfile.ZipFile(io.BytesIO(download(page, zip_link))) as zf:
        inhoud = [zf.read(naam) for naam in zf.namelist()]
    assert len(inhoud) == 5 and pdf in inhoud  # the four demo studies and this one
    uitloggen(page)

    # The municipality downloads the same bytes and uploads its progress report.
    inloggen(page, "gouda")
    page.goto(f"/portaal/onderzoeken/{onderzoek_pk}/")
    expect(page.get_by_role("heading", name="Uitkomsten verbeterpunten Gouda 2016")).to_be_visible()
    gemeente_pdf = download(page, page.get_by_role("link", name="Download als PDF"))
    assert hashlib.sha256(gemeente_pdf).hexdigest() == hashlib.sha256(pdf).hexdigest()
    page.get_by_role("link", name="Voortgangsrapportage uploaden").click()
    page.get_by_label("Voortgangsrapportage").set_input_files(
        {"name": "voortgang-gouda-2016.pdf", "mimeType": "application/pdf", "buffer": VOORTGANG}
    )
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_role("status")).to_contain_text("is ontvangen")
    expect(page.get_by_test_id("rapportage")).to_contain_text("voortgang-gouda-2016.pdf")

    assert page.serverfouten == []
