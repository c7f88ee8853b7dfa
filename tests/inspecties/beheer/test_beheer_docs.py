"""docs/beheer.md documents every environment variable the application reads (issue 17)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def gelezen_variabelen() -> set[str]:
    bronnen = [
        ROOT / "inspecties" / "settings.py",
        ROOT / "inspecties" / "beheer" / "versleuteling.py",
    ]
    namen = set()
    for bron in bronnen:
        tekst = bron.read_text(encoding="utf-8")
        namen |= set(re.findall(r'(?:environ\.get|env_bool|env_list)\(\s*"([A-Z_]+)"', tekst))
        # Names kept in a constant, as versleuteling.py's SLEUTEL_VARIABELE.
        namen |= set(re.findall(r'^[A-Z_]*VARIABELE = "([A-Z_]+)"', tekst, re.M))
    return namen | {"DATABASE_URL"}  # read by dj-database-url


def test_elke_omgevingsvariabele_staat_in_de_beheerdocumentatie():
    tabel = (
        (ROOT / "docs" / "beheer.md")
        .read_text(encoding="utf-8")
        .split("## Environment variables")[1]
    )
    namen = gelezen_variabelen()
    assert {"OIDC_ISSUER", "BACKUP_SLEUTEL", "WERKER_HARTSLAG_MAX_SECONDEN"} <= namen
    ontbrekend = sorted(n for n in namen if f"`{n}`" not in tabel)
    assert not ontbrekend, f"Niet in docs/beheer.md: {ontbrekend}"
