"""Session lifetime: 8 hours from login however active, and an idle limit (finding 2); what is
kept of a save from an ended session, and for whom (finding 3)."""

from datetime import UTC, datetime, timedelta

from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse

import pytest
import time_machine

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, UserSessie
from inspecties.beveiliging.rollen import Rol
from inspecties.beveiliging.services import BEWAARDE_INVOER, SESSIE_VERLOPEN
from inspecties.models import Beoordeling
from tests.conftest import inloggen
from tests.factories import OnderzoekFactory, gebruiker

Soort = BeveiligingsGebeurtenis.Soort
BEGIN = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
LIJST = "/onderzoeken/"


@pytest.fixture
def onderzoek(kaders, inspecteur):
    return OnderzoekFactory(jaar=2026, inspecteurs=[inspecteur])


def rij_url(beoordeling: Beoordeling) -> str:
    return reverse(
        "inspecties:beoordeling_opslaan", args=[beoordeling.onderzoek_id, beoordeling.pk]
    )


def rij_data(tekst: str) -> dict:
    return {"oordeel": "niet_getoetst", "beoordeling_versie": 1, "tekst": tekst, "let_op": ""}


# --- Finding 2: absolute and idle limits -------------------------------------------------------


@pytest.mark.django_db
def test_actieve_sessie_eindigt_8_uur_na_het_inloggen(client, inspecteur):
    with time_machine.travel(BEGIN, tick=False) as klok:
        inloggen(client, inspecteur)
        # Busy all day: a request every 20 minutes, for 7 hours and 40 minutes.
        for _ in range(23):
            klok.shift(timedelta(minutes=20))
            assert client.get(LIJST).status_code == 200
        klok.shift(timedelta(minutes=19, seconds=59))  # 7:59:59 after login
        assert client.get(LIJST).status_code == 200
        klok.shift(timedelta(seconds=1))  # 8:00:00
        response = client.get(LIJST)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
        pagina = client.get(response.url)
        assert "na 8 uur moet u opnieuw inloggen" in pagina.content.decode()
    assert BeveiligingsGebeurtenis.objects.filter(
        soort=Soort.SESSIE_VERLOPEN, gebruiker=inspecteur, details__reden="absoluut"
    ).exists()
    assert not UserSessie.objects.filter(user=inspecteur).exists()


@pytest.mark.django_db
def test_sessie_eindigt_na_30_minuten_zonder_activiteit(client, inspecteur):
    with time_machine.travel(BEGIN, tick=False) as klok:
        inloggen(client, inspecteur)
        klok.shift(timedelta(minutes=29))
        assert client.get(LIJST).status_code == 200  # activity: the idle clock starts again
        klok.shift(timedelta(minutes=29))
        assert client.get(LIJST).status_code == 200
        oude_sleutel = client.session.session_key
        klok.shift(timedelta(minutes=30))
        response = client.get(LIJST)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        pagina = client.get(response.url).content.decode()
        assert "30 minuten niets heeft gedaan" in pagina
    assert not Session.objects.filter(session_key=oude_sleutel).exists()
    assert BeveiligingsGebeurtenis.objects.filter(
        soort=Soort.SESSIE_VERLOPEN, details__reden="inactief"
    ).exists()


@override_settings(SESSIE_INACTIEF_MINUTEN=5)
@pytest.mark.django_db
def test_inactiviteitsgrens_is_instelbaar(client, inspecteur):
    with time_machine.travel(BEGIN, tick=False) as klok:
        inloggen(client, inspecteur)
        klok.shift(timedelta(minutes=5))
        assert client.get(LIJST).status_code == 302


@pytest.mark.django_db
def test_nieuwe_login_begint_opnieuw_te_tellen(client, inspecteur):
    with time_machine.travel(BEGIN, tick=False) as klok:
        inloggen(client, inspecteur)
        klok.shift(timedelta(hours=9))
        assert client.get(LIJST).status_code == 302
        inloggen(client, inspecteur)
        assert client.get(LIJST).status_code == 200


@pytest.mark.django_db
def test_sessies_pagina_toont_geen_verlopen_sessies(inspecteur):
    with time_machine.travel(BEGIN, tick=False) as klok:
        oud, nieuw = Client(), Client()
        inloggen(oud, inspecteur)
        klok.shift(timedelta(minutes=45))
        inloggen(nieuw, inspecteur)
        pagina = nieuw.get(reverse("beveiliging:sessies"))
        assert len(pagina.context["sessies"]) == 1


# --- Finding 3: what a save from an ended session keeps -----------------------------------------


@pytest.mark.django_db
def test_anonieme_post_op_een_scoor_url_bewaart_niets(client, onderzoek):
    b = onderzoek.beoordelingen.first()
    voor = Session.objects.count()
    groot = "x" * 2_000_000
    response = client.post(rij_url(b), rij_data(groot))
    assert response.status_code == 302 and "/inloggen/" in response.url
    assert Session.objects.count() == voor
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_verlopen_ingelogde_sessie_bewaart_de_invoer_voor_dezelfde_gebruiker(
    client, inspecteur, onderzoek
):
    b = onderzoek.beoordelingen.first()
    with time_machine.travel(BEGIN, tick=False) as klok:
        inloggen(client, inspecteur)
        klok.shift(timedelta(minutes=31))
        response = client.post(rij_url(b), rij_data("Twee uur aan bevindingen"))
        assert response.status_code == 302 and "/inloggen/" in response.url
        assert client.session[BEWAARDE_INVOER]["data"]["tekst"] == "Twee uur aan bevindingen"
        assert client.session[SESSIE_VERLOPEN]["gebruiker"] == inspecteur.pk

        inloggen(client, inspecteur)
        html = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk]))
        assert "Twee uur aan bevindingen</textarea>" in html.content.decode()


@pytest.mark.django_db
def test_te_grote_invoer_wordt_niet_bewaard_met_melding(client, inspecteur, onderzoek):
    b = onderzoek.beoordelingen.first()
    with time_machine.travel(BEGIN, tick=False) as klok:
        inloggen(client, inspecteur)
        klok.shift(timedelta(minutes=31))
        response = client.post(rij_url(b), rij_data("x" * 2_000_000), follow=True)
        assert "te groot om te bewaren" in response.content.decode()
        assert BEWAARDE_INVOER not in client.session
        rij = Session.objects.get(session_key=client.session.session_key)
        assert len(rij.session_data) < 10_000

        # Just under the limit is kept.
        response = client.post(rij_url(b), rij_data("y" * 60_000))
        assert client.session[BEWAARDE_INVOER]["data"]["tekst"] == "y" * 60_000


@pytest.mark.django_db
def test_andere_gebruiker_in_dezelfde_browser_ziet_de_bewaarde_invoer_niet(
    client, inspecteur, onderzoek
):
    collega = gebruiker(Rol.INSPECTEUR, username="collega")
    onderzoek.inspecteurs.add(collega)
    b = onderzoek.beoordelingen.first()
    with time_machine.travel(BEGIN, tick=False) as klok:
        inloggen(client, inspecteur)
        klok.shift(timedelta(minutes=31))
        client.post(rij_url(b), rij_data("Vertrouwelijke aantekening"))
        client.post(reverse("login"), {"username": "collega", "password": "toezicht-demo"})
        assert BEWAARDE_INVOER not in client.session
