"""The accessibility and privacy statements (issue 17): without login, in the footer of every
page (the admin's too), with the organisation's own data and the configured retention periods."""

from django.urls import reverse

import pytest

from inspecties.beveiliging.rollen import Rol
from inspecties.site import verklaringen
from tests.conftest import inloggen
from tests.factories import gebruiker

TOEGANKELIJKHEID = "/toegankelijkheid/"
PRIVACY = "/privacy/"


def test_beide_verklaringen_zonder_inloggen(client, db, django_assert_max_num_queries):
    for pad in (TOEGANKELIJKHEID, PRIVACY):
        with django_assert_max_num_queries(0):
            response = client.get(pad)
        assert response.status_code == 200
        assert "sessionid" not in response.cookies  # anonymous visits store nothing


def test_toegankelijkheidsverklaring_volgens_het_model(client, db, settings):
    settings.ORGANISATIE_NAAM = "Inspectie Gezondheidszorg en Jeugd"
    settings.SITE_URL = "https://toezicht.example.nl"
    settings.CONTACT_TOEGANKELIJKHEID = "toegankelijkheid@example.nl"
    settings.TOEGANKELIJKHEID_DATUM = "2026-11-25"
    html = client.get(TOEGANKELIJKHEID).content.decode()
    for tekst in (
        "Inspectie Gezondheidszorg en Jeugd",
        "https://toezicht.example.nl",
        "C – Eerste maatregelen genomen",
        "25 november 2026",
        f"axe-core {verklaringen.AXE_VERSIE}",
        "WCAG 2.1, niveau A en AA",
        "mailto:toegankelijkheid@example.nl",
        "Nationale ombudsman",
        "Besluit digitale toegankelijkheid overheid",
    ):
        assert tekst in html, tekst
    for pagina in verklaringen.GECONTROLEERDE_PAGINAS:
        assert f"<td>{pagina.omschrijving}</td>" in html
    assert html.count("Geen schendingen gevonden") == len(verklaringen.GECONTROLEERDE_PAGINAS)

    settings.TOEGANKELIJKHEID_STATUS = "B"
    assert "B – Voldoet gedeeltelijk" in client.get(TOEGANKELIJKHEID).content.decode()


def test_een_bekende_afwijking_staat_met_oorzaak_en_maatregel_in_de_verklaring(
    client, db, monkeypatch
):
    afwijking = verklaringen.Afwijking(
        pagina="Beheer: gebruikers",
        regel="label",
        succescriterium="1.3.1 Info en relaties",
        probleem="Een invoerveld zonder label.",
        gevolg="Een schermlezer noemt niet wat er moet worden ingevuld.",
        oorzaak="Het beheer (Django) maakt dit veld zo.",
        maatregel="Gemeld bij Django; opgelost bij de volgende versie.",
    )
    monkeypatch.setattr(verklaringen, "BEKENDE_AFWIJKINGEN", (afwijking,))
    html = client.get(TOEGANKELIJKHEID).content.decode()
    assert "Afwijking: 1.3.1 Info en relaties" in html
    assert "Gemeld bij Django; opgelost bij de volgende versie." in html
    assert 'data-testid="geen-afwijkingen"' not in html


def test_privacyverklaring_noemt_gegevens_en_de_ingestelde_termijnen(client, db, settings):
    settings.BEWAARTERMIJN_UPLOADS_DAGEN = 1000
    settings.BEWAARTERMIJN_BEVEILIGINGSLOG_DAGEN = 200
    settings.CONTACT_PRIVACY = "privacy@example.nl"
    html = client.get(PRIVACY).content.decode()
    assert "1000 dagen na het indienen" in html
    assert "200 dagen; daarna worden ze automatisch" in html
    for tekst in ("IP-adres", "e-mailadres", "Voortgangsrapportages", "mailto:privacy@example.nl"):
        assert tekst in html, tekst
    assert "Autoriteit Persoonsgegevens" in html


@pytest.mark.parametrize("rol", [None, Rol.INSPECTEUR, Rol.GEMEENTE])
def test_elke_pagina_heeft_de_verklaringen_in_de_voet(client, db, rol):
    if rol:
        inloggen(client, gebruiker(rol))
    html = client.get(reverse("beveiliging:sessies") if rol else "/inloggen/").content.decode()
    voet = html[html.index("<footer") :]
    assert f'href="{TOEGANKELIJKHEID}"' in voet and f'href="{PRIVACY}"' in voet


def test_ook_het_beheer_heeft_de_verklaringen_in_de_voet(client, beheerder):
    inloggen(client, beheerder)
    html = client.get("/beheer/").content.decode()
    voet = html[html.index('<div id="footer">') :]
    assert f'href="{TOEGANKELIJKHEID}"' in voet and f'href="{PRIVACY}"' in voet
    assert "css/beheer.css" in html and "js/beheer.js" in html
