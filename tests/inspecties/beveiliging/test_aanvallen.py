"""What an attacker on loopback tries beyond the issue's findings (issue 12): open redirects,
login CSRF, session fixation, telling users apart, framing, other users' account pages, the
admin's own login, changing a password without the old one."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, UserSessie
from inspecties.demo.laden import DEMO_WACHTWOORD
from tests.conftest import inloggen, totp_code

Soort = BeveiligingsGebeurtenis.Soort
BUITEN = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"]


@pytest.mark.django_db
@pytest.mark.parametrize("doel", BUITEN)
def test_geen_open_redirect_na_inloggen(client, doel):
    from tests.factories import GemeenteFactory, gebruiker

    gebruiker("gemeente", username="gem", gemeenten=[GemeenteFactory()])
    response = client.post(
        reverse("login"), {"username": "gem", "password": DEMO_WACHTWOORD, "next": doel}
    )
    assert response.status_code == 302
    assert "evil" not in response.url


@pytest.mark.django_db
@pytest.mark.parametrize("doel", BUITEN)
def test_geen_open_redirect_na_de_tweede_factor(client, inspecteur, doel):
    apparaat = TOTPDevice.objects.create(user=inspecteur, name="app", confirmed=True)
    client.post(reverse("login"), {"username": "insp1", "password": DEMO_WACHTWOORD})
    response = client.post(
        reverse("beveiliging:tweefactor_verifieren"), {"code": totp_code(apparaat), "next": doel}
    )
    assert response.status_code == 302 and "evil" not in response.url


@pytest.mark.django_db
def test_inloggen_zonder_csrf_token_wordt_geweigerd(inspecteur):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "insp1", "password": DEMO_WACHTWOORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sessie_fixatie_bij_inloggen(client, inspecteur):
    """A session key planted before login (e.g. by an expired-session POST) is not the key of
    the logged-in session."""
    vooraf = client.session
    vooraf["iets"] = "geplant"
    vooraf.save()
    geplant = vooraf.session_key
    client.cookies["sessionid"] = geplant
    client.post(reverse("login"), {"username": "insp1", "password": DEMO_WACHTWOORD})
    assert client.session.session_key != geplant
    assert not Session.objects.filter(session_key=geplant).exists()


@pytest.mark.django_db
def test_bestaande_en_onbekende_gebruiker_zijn_niet_te_onderscheiden(client, inspecteur):
    bestaand = client.post(reverse("login"), {"username": "insp1", "password": "fout-fout"})
    onbekend = client.post(reverse("login"), {"username": "niemand", "password": "fout-fout"})
    assert bestaand.status_code == onbekend.status_code == 200
    assert (
        bestaand.context["form"].non_field_errors() == onbekend.context["form"].non_field_errors()
    )
    # Both are locked out alike after five attempts.
    for naam in ("insp1", "niemand"):
        for _ in range(5):
            antwoord = client.post(reverse("login"), {"username": naam, "password": "fout"})
        assert antwoord.status_code == 429, naam


@pytest.mark.django_db
def test_pagina_mag_niet_in_een_frame(client, inspecteur):
    inloggen(client, inspecteur)
    response = client.get(reverse("beveiliging:apparaten"))
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_sessie_van_een_ander_beeindigen_kan_niet(inspecteur, tweede_inspecteur):
    a, b = Client(), Client()
    inloggen(a, inspecteur)
    inloggen(b, tweede_inspecteur)
    van_b = UserSessie.objects.get(user=tweede_inspecteur)
    a.post(reverse("beveiliging:sessies"), {"sessie": [van_b.pk]})
    assert b.get(reverse("inspecties:onderzoek_lijst")).status_code == 200
    assert UserSessie.objects.filter(pk=van_b.pk).exists()


@pytest.mark.django_db
def test_beheer_heeft_geen_eigen_inlogpagina(client, inspecteur):
    """/beheer/login/ would be a second login path beside ours (its own form for the code,
    not throttled per user nor logged): it sends to our login instead."""
    response = client.get("/beheer/login/?next=/beheer/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    response = client.post(
        "/beheer/login/", {"username": "insp1", "password": DEMO_WACHTWOORD, "otp_token": ""}
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_beheer_niet_voor_wie_geen_staf_is(client, inspecteur):
    inloggen(client, inspecteur)  # second factor passed, but not staff
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Beheer" not in response.content.decode().split("<main", 1)[1][:200]


@pytest.mark.django_db
def test_wachtwoord_wijzigen_vraagt_het_oude(client, inspecteur):
    inloggen(client, inspecteur)
    response = client.post(
        reverse("beveiliging:wachtwoord_wijzigen"),
        {"new_password1": "overgenomen-Wachtwoord-1", "new_password2": "overgenomen-Wachtwoord-1"},
    )
    assert response.status_code == 200
    inspecteur.refresh_from_db()
    assert inspecteur.check_password(DEMO_WACHTWOORD)


@pytest.mark.django_db
def test_wachtwoord_raden_via_het_verwijderformulier_telt_mee_voor_de_blokkade(client, inspecteur):
    inloggen(client, inspecteur)
    apparaat = TOTPDevice.objects.get(user=inspecteur)
    for _ in range(5):
        client.post(
            reverse("beveiliging:apparaat_verwijderen"),
            {"apparaat": apparaat.pk, "wachtwoord": "geraden"},
        )
    assert BeveiligingsGebeurtenis.objects.filter(soort=Soort.GEBLOKKEERD).exists()
    # Locked out: even the right password does not confirm now.
    response = client.post(
        reverse("beveiliging:apparaat_verwijderen"),
        {"apparaat": apparaat.pk, "wachtwoord": DEMO_WACHTWOORD},
    )
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=apparaat.pk).exists()
