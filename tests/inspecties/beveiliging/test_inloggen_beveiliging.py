"""Login throttling (axes), the second factor, sessions and password change."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, UserSessie
from inspecties.beveiliging.rollen import Rol
from inspecties.demo.laden import DEMO_WACHTWOORD
from tests.conftest import inloggen, totp_code
from tests.factories import GemeenteFactory, gebruiker

Soort = BeveiligingsGebeurtenis.Soort


def wachtwoord_login(client, username, wachtwoord=DEMO_WACHTWOORD, ip="10.0.0.1"):
    return client.post(
        reverse("login"),
        {"username": username, "password": wachtwoord},
        REMOTE_ADDR=ip,
    )


@pytest.mark.django_db
def test_blokkade_na_vijf_mislukte_pogingen_met_nederlandse_melding(client, inspecteur):
    for _ in range(4):
        response = wachtwoord_login(client, "insp1", "fout")
        assert response.status_code == 200  # the form again, with the error
    response = wachtwoord_login(client, "insp1", "fout")
    assert response.status_code == 429
    tekst = response.content.decode()
    assert "Tijdelijk geblokkeerd" in tekst
    assert "15 minuten geblokkeerd" in tekst

    # Even the right password is refused now, from this address...
    response = wachtwoord_login(client, "insp1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but the same user from another address is not locked out (username + IP).
    anders = Client()
    response = wachtwoord_login(anders, "insp1", ip="10.0.0.2")
    assert response.status_code == 302

    soorten = list(BeveiligingsGebeurtenis.objects.values_list("soort", flat=True))
    assert soorten.count(Soort.LOGIN_MISLUKT) >= 5
    assert Soort.GEBLOKKEERD in soorten
    mislukt = BeveiligingsGebeurtenis.objects.filter(soort=Soort.LOGIN_MISLUKT).first()
    assert mislukt.gebruikersnaam == "insp1"
    assert mislukt.ip == "10.0.0.1"
    assert "fout" not in str(mislukt.details)


@pytest.mark.django_db
def test_inspecteur_zonder_tweede_factor_moet_die_eerst_instellen(client, demo):
    inspecteur = gebruiker(Rol.INSPECTEUR, username="nieuw")
    response = wachtwoord_login(client, "nieuw")
    assert response.status_code == 302
    instellen = reverse("beveiliging:tweefactor_instellen")

    # Every page but setup/logout sends them to the setup page.
    for url in [
        "/",
        reverse("inspecties:onderzoek_lijst"),
        "/beheer/",
        reverse("beveiliging:sessies"),
        reverse("beveiliging:wachtwoord_wijzigen"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(instellen), url

    pagina = client.get(instellen)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "<svg" in html and "<img" not in html
    apparaat = TOTPDevice.objects.get(user=inspecteur, confirmed=False)
    assert pagina.context["geheim"] in html

    response = client.post(
        instellen, {"code": "000000" if totp_code(apparaat) != "000000" else "111111"}
    )
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    assert client.get(reverse("inspecties:onderzoek_lijst")).status_code == 302

    # django-otp throttles after a wrong code (1 s, doubling); a test doesn't wait for that.
    apparaat.refresh_from_db()
    assert apparaat.throttling_failure_count == 1
    apparaat.throttle_reset()
    response = client.post(instellen, {"code": totp_code(apparaat)})
    assert response.status_code == 302
    apparaat.refresh_from_db()
    assert apparaat.confirmed
    assert client.get(reverse("inspecties:onderzoek_lijst")).status_code == 200
    assert BeveiligingsGebeurtenis.objects.filter(
        soort=Soort.TWEEDE_FACTOR_INGESTELD, gebruiker=inspecteur
    ).exists()


@pytest.mark.django_db
def test_inspecteur_met_apparaat_moet_code_invullen(client, demo):
    inspecteur = gebruiker(Rol.INSPECTEUR, username="metcode")
    apparaat = TOTPDevice.objects.create(user=inspecteur, name="app", confirmed=True)
    wachtwoord_login(client, "metcode")
    lijst = reverse("inspecties:onderzoek_lijst")
    response = client.get(lijst)
    verifieren = reverse("beveiliging:tweefactor_verifieren")
    assert response.url.startswith(verifieren)
    response = client.post(response.url, {"code": totp_code(apparaat), "next": lijst})
    assert response.status_code == 302 and response.url == lijst
    assert client.get(lijst).status_code == 200


@pytest.mark.django_db
def test_beheer_vraagt_ook_de_tweede_factor(client, beheerder):
    wachtwoord_login(client, "beheer1")
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("beveiliging:tweefactor_instellen"))


@pytest.mark.django_db
def test_gemeentegebruiker_zonder_tweede_factor_komt_binnen(client):
    gemeente = GemeenteFactory()
    gebruiker(Rol.GEMEENTE, username="gemeente1", gemeenten=[gemeente])
    response = wachtwoord_login(client, "gemeente1")
    assert response.status_code == 302
    response = client.get("/")
    # Not sent to the second-factor pages: the start page answers for a gemeente user.
    assert not (response.status_code == 302 and "/account/tweede-factor" in response.url)
    assert client.get(reverse("beveiliging:sessies")).status_code == 200
    assert not TOTPDevice.objects.filter(user__username="gemeente1").exists()


@pytest.mark.django_db
def test_inloggen_helper_voldoet_aan_tweede_factor(client, inspecteur):
    inloggen(client, inspecteur)
    assert client.get(reverse("inspecties:onderzoek_lijst")).status_code == 200


@pytest.mark.django_db
def test_sessies_zien_en_andere_beeindigen(inspecteur):
    a, b = Client(), Client()
    wachtwoord_login(a, "insp1", ip="10.0.0.5")
    inloggen(a, inspecteur)
    inloggen(b, inspecteur)
    assert UserSessie.objects.filter(user=inspecteur).count() >= 2
    pagina = a.get(reverse("beveiliging:sessies"))
    assert pagina.status_code == 200
    assert len(pagina.context["sessies"]) == 2
    assert "Deze sessie" in pagina.content.decode()

    a.post(reverse("beveiliging:sessies"), {"alle": "1"})
    assert a.get(reverse("inspecties:onderzoek_lijst")).status_code == 200
    assert b.get(reverse("inspecties:onderzoek_lijst")).status_code == 302  # logged out
    assert UserSessie.objects.filter(user=inspecteur).count() == 1


@pytest.mark.django_db
def test_wachtwoord_wijzigen_beeindigt_andere_sessies(inspecteur):
    a, b = Client(), Client()
    inloggen(a, inspecteur)
    inloggen(b, inspecteur)
    b_sleutel = b.session.session_key
    response = a.post(
        reverse("beveiliging:wachtwoord_wijzigen"),
        {
            "old_password": DEMO_WACHTWOORD,
            "new_password1": "een-heel-nieuw-Wachtwoord-42",
            "new_password2": "een-heel-nieuw-Wachtwoord-42",
        },
    )
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=b_sleutel).exists()
    assert a.get(reverse("inspecties:onderzoek_lijst")).status_code == 200
    assert b.get(reverse("inspecties:onderzoek_lijst")).status_code == 302
    assert UserSessie.objects.filter(user=inspecteur).count() == 1
    assert UserSessie.objects.get(user=inspecteur).session_key == a.session.session_key
