"""The second factor: no new factor beside a confirmed one, throttled codes, a new session key
once it passes, and replacing or removing a device only with a verified session and the
password (issue 12, finding 1)."""

from datetime import UTC, datetime

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

import pytest
import time_machine
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, UserSessie
from inspecties.beveiliging.rollen import Rol
from inspecties.demo.laden import DEMO_WACHTWOORD
from tests.conftest import inloggen, totp_code
from tests.factories import GemeenteFactory, gebruiker

Soort = BeveiligingsGebeurtenis.Soort

INSTELLEN = "/account/tweede-factor/instellen/"
VERIFIEREN = "/account/tweede-factor/"
APPARATEN = "/account/tweede-factor/apparaten/"
VERVANGEN = "/account/tweede-factor/vervangen/"
VERWIJDEREN = "/account/tweede-factor/verwijderen/"
SCORE_EXPORT = "/rapporten/exports/scores.csv"
BEGIN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def wachtwoord_login(client, username, wachtwoord=DEMO_WACHTWOORD):
    response = client.post(reverse("login"), {"username": username, "password": wachtwoord})
    assert response.status_code == 302, "het wachtwoord hoort te kloppen"
    return response


def foute_code(apparaat) -> str:
    return "000000" if totp_code(apparaat) != "000000" else "111111"


@pytest.fixture
def slachtoffer(db):
    """An inspecteur with a confirmed authenticator, whose password the attacker knows."""
    user = gebruiker(Rol.INSPECTEUR, username="slachtoffer")
    TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)
    return user


# --- The attack of finding 1 -------------------------------------------------------------------


@pytest.mark.django_db
def test_aanval_wachtwoord_dan_nieuwe_authenticator_dan_score_export_faalt(client, slachtoffer):
    wachtwoord_login(client, "slachtoffer")

    # The setup page offers no new secret while a confirmed device exists...
    pagina = client.get(INSTELLEN)
    assert pagina.status_code == 302
    assert pagina.url.startswith(VERIFIEREN)
    assert "geheim" not in (pagina.context or {})
    assert not TOTPDevice.objects.filter(user=slachtoffer, confirmed=False).exists()

    # ...and a code of a device the attacker got hold of otherwise (as the old page handed one
    # out) does not confirm it either.
    aanvaller = TOTPDevice.objects.create(user=slachtoffer, name="aanvaller", confirmed=False)
    response = client.post(INSTELLEN, {"code": totp_code(aanvaller)})
    assert response.status_code == 302 and response.url.startswith(VERIFIEREN)
    aanvaller.refresh_from_db()
    assert not aanvaller.confirmed
    assert DEVICE_ID_SESSION_KEY not in client.session

    export = client.get(SCORE_EXPORT)
    assert export.status_code == 302
    assert export.url.startswith(VERIFIEREN)
    assert b"indicator" not in export.content.lower()


@pytest.mark.django_db
def test_zonder_apparaat_eenmalig_instellen_en_daarna_niet_opnieuw(client):
    nieuw = gebruiker(Rol.INSPECTEUR, username="nieuw")
    wachtwoord_login(client, "nieuw")
    assert client.get(INSTELLEN).status_code == 200
    apparaat = TOTPDevice.objects.get(user=nieuw, confirmed=False)
    assert client.post(INSTELLEN, {"code": totp_code(apparaat)}).status_code == 302
    assert client.get(SCORE_EXPORT).status_code == 200

    # A second browser with the password only: the code is asked, no new setup offered.
    ander = Client()
    wachtwoord_login(ander, "nieuw")
    assert ander.get(INSTELLEN).url.startswith(VERIFIEREN)
    assert TOTPDevice.objects.filter(user=nieuw).count() == 1


# --- Throttling --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_zes_foute_codes_dan_de_goede_wacht_met_nederlandse_melding(client, slachtoffer):
    apparaat = TOTPDevice.objects.get(user=slachtoffer)
    with time_machine.travel(BEGIN, tick=False) as klok:
        wachtwoord_login(client, "slachtoffer")
        for poging in range(6):
            if poging:
                klok.shift(2 ** (poging - 1))  # wait out each delay: every code is checked
            response = client.post(VERIFIEREN, {"code": foute_code(apparaat)})
            assert response.status_code == 200
            assert "klopt niet" in response.content.decode()
        apparaat.refresh_from_db()
        assert apparaat.throttling_failure_count == 6

        # The right code now waits: 2^5 = 32 seconds after the sixth wrong one.
        response = client.post(VERIFIEREN, {"code": totp_code(apparaat)})
        assert response.status_code == 429
        tekst = response.content.decode()
        assert "Te veel onjuiste codes" in tekst
        assert "over 32 seconden opnieuw" in tekst
        assert client.get(SCORE_EXPORT).status_code == 302

        klok.shift(32)
        response = client.post(VERIFIEREN, {"code": totp_code(apparaat)})
        assert response.status_code == 302
        assert client.get(SCORE_EXPORT).status_code == 200
    apparaat.refresh_from_db()
    assert apparaat.throttling_failure_count == 0
    assert BeveiligingsGebeurtenis.objects.filter(soort=Soort.TWEEDE_FACTOR_MISLUKT).count() >= 6


@pytest.mark.django_db
def test_foute_codes_op_verifieren_gelden_ook_voor_het_instellen(client, slachtoffer):
    """Throttling is per user, not per device: no fresh device with a clean count."""
    apparaat = TOTPDevice.objects.get(user=slachtoffer)
    with time_machine.travel(BEGIN, tick=False):
        wachtwoord_login(client, "slachtoffer")
        for _ in range(6):
            client.post(VERIFIEREN, {"code": foute_code(apparaat)})
        client.get(INSTELLEN)
        for nieuw in TOTPDevice.objects.filter(user=slachtoffer, confirmed=False):
            client.post(INSTELLEN, {"code": totp_code(nieuw)})
        assert client.get(SCORE_EXPORT).status_code == 302
        response = client.post(VERIFIEREN, {"code": totp_code(apparaat)})
        assert response.status_code == 429
        assert client.get(SCORE_EXPORT).status_code == 302


@pytest.mark.django_db
def test_instellen_wordt_ook_afgeremd(client):
    nieuw = gebruiker(Rol.MEDEWERKER, username="mw")
    with time_machine.travel(BEGIN, tick=False):
        wachtwoord_login(client, "mw")
        client.get(INSTELLEN)
        apparaat = TOTPDevice.objects.get(user=nieuw)
        assert (
            "klopt niet" in client.post(INSTELLEN, {"code": foute_code(apparaat)}).content.decode()
        )
        response = client.post(INSTELLEN, {"code": totp_code(apparaat)})
        assert response.status_code == 429
        assert "probeer het over 1 seconde opnieuw" in response.content.decode().lower()
    apparaat.refresh_from_db()
    assert not apparaat.confirmed


@pytest.mark.django_db
def test_dezelfde_code_twee_keer_in_dezelfde_stap_werkt_maar_een_keer(slachtoffer):
    apparaat = TOTPDevice.objects.get(user=slachtoffer)
    a, b = Client(), Client()
    with time_machine.travel(BEGIN, tick=False):
        wachtwoord_login(a, "slachtoffer")
        wachtwoord_login(b, "slachtoffer")
        code = totp_code(apparaat)
        assert a.post(VERIFIEREN, {"code": code}).status_code == 302
        response = b.post(VERIFIEREN, {"code": code})
        assert response.status_code == 200 and "klopt niet" in response.content.decode()
        assert b.get(SCORE_EXPORT).status_code == 302


# --- Session key rotation ------------------------------------------------------------------------


@pytest.mark.django_db
def test_sessiesleutel_wisselt_als_de_tweede_factor_slaagt(client, slachtoffer):
    apparaat = TOTPDevice.objects.get(user=slachtoffer)
    wachtwoord_login(client, "slachtoffer")
    voor = client.session.session_key
    assert UserSessie.objects.filter(session_key=voor, user=slachtoffer).exists()

    assert client.post(VERIFIEREN, {"code": totp_code(apparaat)}).status_code == 302
    na = client.session.session_key
    assert na != voor
    assert not Session.objects.filter(session_key=voor).exists()
    assert UserSessie.objects.filter(session_key=na, user=slachtoffer).exists()
    assert not UserSessie.objects.filter(session_key=voor).exists()
    assert client.get(SCORE_EXPORT).status_code == 200

    # Whoever held the old key (fixed before the second factor) holds nothing now.
    oud = Client()
    oud.cookies["sessionid"] = voor
    assert oud.get(SCORE_EXPORT).status_code == 302


@pytest.mark.django_db
def test_sessiesleutel_wisselt_ook_bij_het_eerste_instellen(client):
    nieuw = gebruiker(Rol.BEHEERDER, username="bh", is_staff=True)
    wachtwoord_login(client, "bh")
    client.get(INSTELLEN)
    voor = client.session.session_key
    apparaat = TOTPDevice.objects.get(user=nieuw)
    assert client.post(INSTELLEN, {"code": totp_code(apparaat)}).status_code == 302
    assert client.session.session_key != voor
    assert UserSessie.objects.get(user=nieuw).session_key == client.session.session_key


# --- The user's devices: see, replace, remove ----------------------------------------------------


@pytest.mark.django_db
def test_gebruiker_ziet_eigen_apparaten_met_aanmaak_en_gebruik(client, slachtoffer):
    ander = gebruiker(Rol.INSPECTEUR, username="collega")
    TOTPDevice.objects.create(user=ander, name="Collega-telefoon", confirmed=True)
    apparaat = TOTPDevice.objects.get(user=slachtoffer)
    wachtwoord_login(client, "slachtoffer")
    client.post(VERIFIEREN, {"code": totp_code(apparaat)})
    pagina = client.get(APPARATEN)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Telefoon" in html and "Collega-telefoon" not in html
    assert "Aangemaakt" in html and "Laatst gebruikt" in html
    apparaat.refresh_from_db()
    assert apparaat.last_used_at is not None


@pytest.mark.django_db
def test_vervangen_vraagt_geverifieerde_sessie_en_wachtwoord(client, slachtoffer):
    oud = TOTPDevice.objects.get(user=slachtoffer)

    # Password only: the replace page is not reachable.
    wachtwoord_login(client, "slachtoffer")
    response = client.get(VERVANGEN)
    assert response.status_code == 302 and response.url.startswith(VERIFIEREN)
    assert client.post(VERVANGEN, {"wachtwoord": DEMO_WACHTWOORD}).status_code == 302
    assert not TOTPDevice.objects.filter(user=slachtoffer, confirmed=False).exists()

    client.post(VERIFIEREN, {"code": totp_code(oud)})
    pagina = client.get(VERVANGEN)
    assert pagina.status_code == 200
    nieuw = TOTPDevice.objects.get(user=slachtoffer, confirmed=False)
    assert pagina.context["geheim"] in pagina.content.decode()

    # Right code, wrong password: nothing changes.
    response = client.post(
        VERVANGEN, {"apparaat": oud.pk, "wachtwoord": "fout-wachtwoord", "code": totp_code(nieuw)}
    )
    assert response.status_code == 400
    assert "wachtwoord klopt niet" in response.content.decode().lower()
    assert TOTPDevice.objects.filter(pk=oud.pk, confirmed=True).exists()
    nieuw.refresh_from_db()
    assert not nieuw.confirmed

    nieuw.last_t = -1
    nieuw.save()
    response = client.post(
        VERVANGEN, {"apparaat": oud.pk, "wachtwoord": DEMO_WACHTWOORD, "code": totp_code(nieuw)}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=oud.pk).exists()
    nieuw.refresh_from_db()
    assert nieuw.confirmed
    assert client.get(SCORE_EXPORT).status_code == 200
    regel = BeveiligingsGebeurtenis.objects.get(soort=Soort.TWEEDE_FACTOR_VERVANGEN)
    assert regel.gebruiker == slachtoffer
    assert regel.details["vervangen"] == "Telefoon"


@pytest.mark.django_db
def test_verwijderen_vraagt_geverifieerde_sessie_en_wachtwoord(client, slachtoffer):
    apparaat = TOTPDevice.objects.get(user=slachtoffer)
    wachtwoord_login(client, "slachtoffer")
    response = client.post(VERWIJDEREN, {"apparaat": apparaat.pk, "wachtwoord": DEMO_WACHTWOORD})
    assert response.status_code == 302 and response.url.startswith(VERIFIEREN)
    assert TOTPDevice.objects.filter(pk=apparaat.pk).exists()

    client.post(VERIFIEREN, {"code": totp_code(apparaat)})
    response = client.post(VERWIJDEREN, {"apparaat": apparaat.pk, "wachtwoord": "fout-wachtwoord"})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(pk=apparaat.pk).exists()
    assert not BeveiligingsGebeurtenis.objects.filter(soort=Soort.TWEEDE_FACTOR_VERWIJDERD)

    response = client.post(VERWIJDEREN, {"apparaat": apparaat.pk, "wachtwoord": DEMO_WACHTWOORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=apparaat.pk).exists()
    assert BeveiligingsGebeurtenis.objects.filter(
        soort=Soort.TWEEDE_FACTOR_VERWIJDERD, gebruiker=slachtoffer, details__apparaat="Telefoon"
    ).exists()
    # The role still requires a second factor: next stop is setting up a new one.
    assert client.get(SCORE_EXPORT).url.startswith(INSTELLEN)


@pytest.mark.django_db
def test_apparaat_van_een_ander_verwijderen_kan_niet(client, slachtoffer):
    ander = gebruiker(Rol.INSPECTEUR, username="collega")
    inloggen(client, ander)
    apparaat = TOTPDevice.objects.get(user=slachtoffer)
    response = client.post(VERWIJDEREN, {"apparaat": apparaat.pk, "wachtwoord": DEMO_WACHTWOORD})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(pk=apparaat.pk).exists()


@pytest.mark.django_db
def test_gemeentegebruiker_met_apparaat_moet_de_code_ook_geven(client):
    """A second factor a gemeente user set up themselves is asked for too."""
    gemeente = GemeenteFactory()
    user = gebruiker(Rol.GEMEENTE, username="gem", gemeenten=[gemeente])
    apparaat = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    wachtwoord_login(client, "gem")
    response = client.get(reverse("portaal:home"))
    assert response.status_code == 302 and response.url.startswith(VERIFIEREN)
    assert client.get(INSTELLEN).url.startswith(VERIFIEREN)
    client.post(VERIFIEREN, {"code": totp_code(apparaat)})
    assert client.get(reverse("portaal:home")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_foute_codes_worden_er_maar_een_keer_gecontroleerd(slachtoffer):
    """Six guesses at the same moment (parallel requests): one is checked, the others wait for
    it and then meet the throttle. Without the row lock each would read a clean count and be
    checked. SQLite has no row locks (it serialises writers), so this runs on PostgreSQL."""
    import threading

    from django.db import connection

    from inspecties.beveiliging.services import (
        TeVeelPogingen,
        TweedeFactorFout,
        tweede_factor_verifieren,
    )

    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) need PostgreSQL")
    apparaat = TOTPDevice.objects.get(user=slachtoffer)
    fout = foute_code(apparaat)
    start = threading.Barrier(6)
    uitkomsten: list[str] = []

    def raden():
        from django.db import connection as eigen

        try:
            start.wait()
            tweede_factor_verifieren(request=None, user=slachtoffer, code=fout)
            uitkomsten.append("geslaagd")
        except TeVeelPogingen:
            uitkomsten.append("wachten")
        except TweedeFactorFout:
            uitkomsten.append("gecontroleerd")
        finally:
            eigen.close()

    with time_machine.travel(BEGIN, tick=False):
        draden = [threading.Thread(target=raden) for _ in range(6)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join()
    assert sorted(uitkomsten) == ["gecontroleerd"] + ["wachten"] * 5
    apparaat.refresh_from_db()
    assert apparaat.throttling_failure_count == 1
