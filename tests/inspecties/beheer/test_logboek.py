"""Structured logs (issue 17): JSON lines in production with the request id and the user id,
and never a finding, a file name, a name or an e-mail address in any log record."""

import io
import json
import logging
import logging.config
import os
import subprocess
import sys
from contextlib import contextmanager, suppress
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspecties.beheer import logboek
from inspecties.beveiliging.rollen import Rol
from tests.conftest import inloggen
from tests.factories import PDF_BYTES, gebruiker, portaal_wereld

ROOT = Path(__file__).resolve().parents[3]

# Recognisable texts that must never reach a log.
BEVINDING = "GEHEIMEBEVINDING gezin Jansen-Kwetsbaar 7421"
LET_OP = "GEHEIMLETOP huisarts Zwijgzaam"
BESTAND = "voortgang-GEHEIMBESTAND-familie-Pietersen.pdf"
GEWEIGERD_BESTAND = "GEHEIMWEIGERING-Bakker.exe.pdf"
BERICHT = "GEHEIMBERICHT aan de inspectie"
ACHTERNAAM = "GEHEIMENAAM"
EMAIL = "geheim.adres@example.org"
GEBRUIKERSNAAM = "geheim-inspecteur"
VERBODEN = (
    BEVINDING,
    "GEHEIMEBEVINDING",
    LET_OP,
    "GEHEIMLETOP",
    BESTAND,
    "GEHEIMBESTAND",
    "GEHEIMWEIGERING",
    BERICHT,
    "GEHEIMBERICHT",
    ACHTERNAAM,
    EMAIL,
    GEBRUIKERSNAAM,
)


@contextmanager
def alle_logs(caplog):
    """Every record at DEBUG: our logging configuration with the root logger at DEBUG (as with
    LOG_LEVEL=DEBUG), every other logger at DEBUG too except those the configuration pins on
    purpose, its JSON output in a buffer, and pytest's caplog."""
    from django.conf import settings

    productie = io.StringIO()
    config = logboek.logging_instellingen(json=True, niveau="DEBUG")
    config["handlers"]["console"]["stream"] = productie
    logging.config.dictConfig(config)
    vast = tuple(config["loggers"])
    loggers = [logging.getLogger(naam) for naam in list(logging.root.manager.loggerDict)]
    oud = {lg.name: lg.level for lg in loggers}
    for lg in loggers:
        if not lg.name.startswith(vast):
            lg.setLevel(logging.DEBUG)
    caplog.handler.setLevel(logging.DEBUG)
    logging.root.addHandler(caplog.handler)
    caplog.clear()
    try:
        yield productie
    finally:
        logging.config.dictConfig(settings.LOGGING)
        for lg in loggers:
            lg.setLevel(oud[lg.name])


def teksten_van(record: logging.LogRecord) -> str:
    delen = [str(record.msg), repr(record.args)]
    with suppress(TypeError):
        delen.append(record.getMessage())
    delen += [repr(waarde) for waarde in vars(record).values()]
    return "\n".join(delen)


def handelingen(client, inspecteur, wereld, onderzoek) -> None:
    """What people do with findings and files: every step that could log them."""
    # A failed login with the username, then the real one (password and second factor).
    client.post(reverse("login"), {"username": GEBRUIKERSNAAM, "password": "fout-wachtwoord!"})
    inloggen(client, inspecteur)

    # The inspector saves a finding with a LET OP remark.
    b = onderzoek.beoordelingen.first()
    optie = onderzoek.kader.schaal.get(code="verbeterpunt")
    antwoord = client.post(
        reverse("inspecties:beoordeling_opslaan", args=[onderzoek.pk, b.pk]),
        {
            "oordeel": optie.pk,
            "beoordeling_versie": b.versie,
            "tekst": BEVINDING,
            "let_op": LET_OP,
            "bevinding_id": b.bevinding_id or "",
            "bevinding_versie": b.bevinding.versie if b.bevinding else "",
        },
        headers={"HX-Request": "true"},
    )
    assert antwoord.status_code == 200
    b.refresh_from_db()
    assert b.bevinding.tekst == BEVINDING

    # A stale save (a conflict) and the study's report as HTML and PDF, exports.
    client.post(
        reverse("inspecties:beoordeling_opslaan", args=[onderzoek.pk, b.pk]),
        {"oordeel": optie.pk, "beoordeling_versie": 1, "tekst": BEVINDING + " oud"},
    )
    assert BEVINDING in client.get(reverse("rapporten:rapport", args=[onderzoek.pk])).text
    assert client.get(reverse("rapporten:rapport_pdf", args=[onderzoek.pk])).status_code == 200
    assert BEVINDING in b"".join(client.get(reverse("rapporten:export_csv"))).decode()
    assert client.get(reverse("rapporten:export_xlsx")).status_code == 200

    # The gemeente uploads a progress report, and tries a refused file.
    inloggen(client, wereld.gouda_gebruiker)
    upload = reverse("portaal:uploaden", args=[wereld.gepubliceerd.pk])
    antwoord = client.post(
        upload, {"bestand": SimpleUploadedFile(BESTAND, PDF_BYTES), "bericht": BERICHT}
    )
    assert antwoord.status_code == 302
    client.post(upload, {"bestand": SimpleUploadedFile(GEWEIGERD_BESTAND, b"MZ\x90\x00" * 64)})
    # And asks for another gemeente's file (refused, logged as denied access).
    assert (
        client.get(reverse("portaal:download", args=[wereld.andere_upload.pk])).status_code == 404
    )

    # The inspector opens the inbox and downloads the report.
    inloggen(client, inspecteur)
    rapportage = wereld.gepubliceerd.voortgangsrapportages.get(oorspronkelijke_naam=BESTAND)
    assert BESTAND in client.get(reverse("voortgang:inbox")).text
    download = client.get(reverse("voortgang:download", args=[rapportage.pk]))
    assert download.status_code == 200 and BESTAND in download["Content-Disposition"]


def test_geen_bevinding_bestandsnaam_of_naam_in_enig_logrecord(kaders, client, caplog):
    inspecteur = gebruiker(
        Rol.INSPECTEUR,
        username=GEBRUIKERSNAAM,
        first_name="Ingrid",
        last_name=ACHTERNAAM,
        email=EMAIL,
    )
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    onderzoek = wereld.concept
    with alle_logs(caplog) as productie:
        handelingen(client, inspecteur, wereld, onderzoek)

    records = caplog.records
    assert any(r.name == "django_structlog.middlewares.request" for r in records)
    assert len(records) > 20
    alles = "\n".join(teksten_van(r) for r in records) + productie.getvalue()
    gevonden = [tekst for tekst in VERBODEN if tekst in alles]
    assert not gevonden, f"In de logs: {gevonden}"

    # Each production line is JSON with the request id and the user's number.
    regels = [json.loads(regel) for regel in productie.getvalue().splitlines()]
    afgehandeld = [r for r in regels if r["event"] == "request_finished"]
    assert afgehandeld and all("request_id" in r and "user_id" in r for r in afgehandeld)
    assert {r["user_id"] for r in afgehandeld} >= {inspecteur.pk, wereld.gouda_gebruiker.pk}
    assert not any("ip" in r or "user_agent" in r for r in regels)


def test_geen_querystring_in_het_pad(client, db, caplog):
    with alle_logs(caplog) as productie:
        client.get("/inloggen/?next=/onderzoeken/%3Fzoek%3DGEHEIMEZOEKTERM")
        client.get("/oidc/callback/?code=GEHEIMECODE&state=GEHEIMESTATE")
    uit = productie.getvalue()
    assert '"request": "GET /inloggen/"' in uit
    assert "GEHEIME" not in uit


def test_productie_schrijft_json_en_ontwikkeling_leesbaar():
    """The real settings module with DEBUG off and on: one JSON object per line, or a line
    for people."""
    code = (
        "import django; django.setup(); import structlog; "
        "structlog.get_logger('toezicht').info('proef', user_id=7)"
    )

    def draai(**env) -> str:
        omgeving = {
            **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "LOG_JSON")},
            "DJANGO_SETTINGS_MODULE": "inspecties.settings",
            "SECRET_KEY": "x" * 60,
            **env,
        }
        uit = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=omgeving, capture_output=True, text=True
        )
        return uit.stderr.strip().splitlines()[-1]

    regel = json.loads(draai(DEBUG="false"))
    assert regel["event"] == "proef" and regel["user_id"] == 7 and regel["level"] == "info"
    assert "timestamp" in regel
    leesbaar = draai(DEBUG="true")
    assert "proef" in leesbaar and not leesbaar.startswith("{")
