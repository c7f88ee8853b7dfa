"""Single sign-on for staff through OpenID Connect (issue 17), against a real OpenID Provider
process on loopback (tests/oidc_idp.py): roles from the claim, the provider's second factor,
local accounts untouched, and every refusal with its reason in the audit log."""

import time
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.test import Client

import requests

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, IdpKoppeling
from inspecties.beveiliging.oidc.middleware import TWEEDE_FACTOR_IDP
from inspecties.beveiliging.rollen import Rol, rollen_van
from inspecties.demo.laden import DEMO_WACHTWOORD
from tests.factories import gebruiker
from tests.oidc_idp import bij_idp_inloggen, sso_login

Soort = BeveiligingsGebeurtenis.Soort
User = get_user_model()

ANNA = {
    "email": "anna@inspectie.example",
    "given_name": "Anna",
    "family_name": "de Vries",
    "preferred_username": "anna.devries",
    "groups": ["toezicht-inspecteur"],
    "amr": ["pwd", "mfa"],
}


def ingelogd_als(client):
    """The user of the test client's session, or None."""
    from django.contrib.auth import get_user

    request = type("R", (), {"session": client.session})()
    user = get_user(request)
    return user if user.is_authenticated else None


def weigeringen(**filters):
    return list(
        BeveiligingsGebeurtenis.objects.filter(soort=Soort.LOGIN_MISLUKT, **filters).values_list(
            "details", flat=True
        )
    )


# --- Happy path: first login creates the account with the claim's role -------------------------


def test_eerste_login_maakt_account_met_de_rol_uit_de_claim_en_niets_meer(sso, client):
    sso.gebruiker("anna", **ANNA)
    response, _ = sso_login(client, "anna")
    assert response.status_code == 302 and response["Location"] == "/"

    user = ingelogd_als(client)
    assert user is not None and user.username == "anna.devries"
    assert (user.first_name, user.last_name, user.email) == ("Anna", "de Vries", ANNA["email"])
    assert rollen_van(user) == {Rol.INSPECTEUR}
    assert not user.is_staff and not user.is_superuser and not user.has_usable_password()
    koppeling = IdpKoppeling.objects.get(user=user)
    assert (koppeling.issuer, koppeling.sub) == (sso.url, "anna")

    # The provider did MFA (amr contains "mfa"): the session passed the second factor.
    assert client.get("/onderzoeken/").status_code == 200
    log = BeveiligingsGebeurtenis.objects.filter(gebruiker=user)
    assert log.filter(soort=Soort.LOGIN, details__via="identity provider").count() == 1
    tweede = log.get(soort=Soort.TWEEDE_FACTOR_GESLAAGD)
    assert tweede.details == {"via": "identity provider", "amr": ["pwd", "mfa"], "acr": ""}
    rol = BeveiligingsGebeurtenis.objects.get(soort=Soort.ROL_GEWIJZIGD)
    assert rol.details["toegevoegd"] == ["inspecteur"] and rol.details["verwijderd"] == []


def test_rollen_volgen_de_claim_bij_elke_login_erbij_en_eraf(sso, client):
    sso.gebruiker("bob", email="bob@inspectie.example", groups=["toezicht-beheer"], amr=["mfa"])
    sso_login(client, "bob")
    bob = IdpKoppeling.objects.get(sub="bob").user
    assert rollen_van(bob) == {Rol.BEHEERDER} and not bob.is_staff
    # A superuser gives the beheerder the admin once (OIDC never does).
    bob.is_staff = True
    bob.save()

    # At the provider, bob moves from beheer to inspecteur and medewerker.
    sso.gebruiker(
        "bob", email="bob@inspectie.example", groups=["toezicht-inspecteur", "toezicht-medewerker"]
    )
    client.post("/uitloggen/")
    sso_login(client, "bob")
    bob = User.objects.get(pk=bob.pk)
    assert rollen_van(bob) == {Rol.INSPECTEUR, Rol.MEDEWERKER}
    assert not bob.is_staff, "zonder de rol beheerder geen toegang meer tot het beheer"
    wijziging = BeveiligingsGebeurtenis.objects.filter(soort=Soort.ROL_GEWIJZIGD).first()
    assert wijziging.details == {
        "doel": "bob@inspectie.example",
        "via": "identity provider",
        "toegevoegd": ["inspecteur", "medewerker"],
        "verwijderd": ["beheerder"],
    }
    staf = BeveiligingsGebeurtenis.objects.filter(soort=Soort.GEBRUIKER_GEWIJZIGD).first()
    assert staf.details["wijzigingen"] == {"is_staff": [True, False]}

    # Same claim again: nothing changes, nothing is logged.
    aantal = BeveiligingsGebeurtenis.objects.filter(soort=Soort.ROL_GEWIJZIGD).count()
    client.post("/uitloggen/")
    sso_login(client, "bob")
    assert BeveiligingsGebeurtenis.objects.filter(soort=Soort.ROL_GEWIJZIGD).count() == aantal


def test_zonder_gekoppelde_groep_geen_rol_en_de_startpagina_zegt_dat(sso, client):
    sso.gebruiker("carla", email="carla@inspectie.example", groups=["iets-anders"], amr=["mfa"])
    response, _ = sso_login(client, "carla")
    user = ingelogd_als(client)
    assert user is not None and rollen_van(user) == frozenset()
    start = client.get(response["Location"])
    assert start.status_code == 403
    assert "geeft u geen rol in Toezicht" in start.content.decode()
    assert client.get("/onderzoeken/").status_code == 403


def test_claims_maken_nooit_gemeente_staf_of_superuser(sso, client):
    """Even with a role table that (wrongly) maps a group to gemeente, and claims that try to
    set Django's flags."""
    sso.gebruiker(
        "dirk",
        email="dirk@inspectie.example",
        groups=["toezicht-gemeente", "toezicht-medewerker"],
        is_staff=True,
        is_superuser=True,
        amr=["mfa"],
    )
    sso_login(client, "dirk")
    dirk = ingelogd_als(client)
    assert rollen_van(dirk) == {Rol.MEDEWERKER}
    assert not dirk.is_staff and not dirk.is_superuser and not dirk.gemeenten.exists()


def test_een_idp_login_neemt_nooit_een_lokaal_account_over(sso, client):
    """Same username and e-mail address as a local superuser: a separate new account."""
    lokaal = gebruiker(Rol.BEHEERDER, username="anna.devries", email=ANNA["email"], is_staff=True)
    lokaal.is_superuser = True
    lokaal.save()
    sso.gebruiker("anna", **ANNA)
    sso_login(client, "anna")
    user = ingelogd_als(client)
    assert user.pk != lokaal.pk and user.username.startswith("anna.devries-")
    assert not user.is_superuser and rollen_van(user) == {Rol.INSPECTEUR}
    lokaal.refresh_from_db()
    assert lokaal.is_superuser and lokaal.check_password(DEMO_WACHTWOORD)
    assert not IdpKoppeling.objects.filter(user=lokaal).exists()


def test_lokale_accounts_blijven_werken_en_code_in_de_url_van_het_wachtwoordformulier_telt_niet(
    sso, client
):
    """A password login still works with single sign-on configured. A code the attacker got
    from the provider for their own account (without our nonce) and put in the password
    form's URL logs nobody in: our backend only acts for our callback."""
    inspecteur = gebruiker(Rol.INSPECTEUR, username="lokaal")
    response = client.post("/inloggen/", {"username": "lokaal", "password": DEMO_WACHTWOORD})
    assert response.status_code == 302 and ingelogd_als(client).pk == inspecteur.pk

    sso.gebruiker("mallory", email="mallory@example.org", groups=["toezicht-beheer"])
    # A code for our client and our callback, requested without a nonce (optional in the code
    # flow; the provider, like most, does not insist on one).
    from django.conf import settings

    authorize = (
        f"{sso.url}/oauth2/authorize?response_type=code&scope=openid+email&state=x"
        f"&client_id={settings.OIDC_RP_CLIENT_ID}&redirect_uri=http://testserver/oidc/callback/"
    )
    terug = bij_idp_inloggen(authorize, "mallory")
    code = parse_qs(urlsplit(terug).query)["code"][0]
    aanvaller = Client()
    response = aanvaller.post(
        f"/inloggen/?code={code}&state=x", {"username": "mallory", "password": "x" * 12}
    )
    assert response.status_code == 200 and ingelogd_als(aanvaller) is None
    assert not IdpKoppeling.objects.filter(sub="mallory").exists()


def test_zonder_mfa_bij_de_idp_geldt_onze_eigen_tweede_factor(sso, client):
    sso.gebruiker("eva", email="eva@inspectie.example", groups=["toezicht-inspecteur"], amr=["pwd"])
    sso_login(client, "eva")
    assert TWEEDE_FACTOR_IDP not in client.session
    response = client.get("/onderzoeken/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/tweede-factor/instellen/")
    assert not BeveiligingsGebeurtenis.objects.filter(soort=Soort.TWEEDE_FACTOR_GESLAAGD).exists()


def test_acr_uit_de_lijst_telt_als_tweede_factor(sso, client, settings):
    settings.OIDC_MFA_ACR = ["urn:nl:inspectie:loa:hoog"]
    sso.gebruiker(
        "fred", groups=["toezicht-medewerker"], acr="urn:nl:inspectie:loa:hoog", amr=["pwd"]
    )
    sso_login(client, "fred")
    assert client.get("/onderzoeken/").status_code == 200
    sso.gebruiker("gijs", groups=["toezicht-medewerker"], acr="urn:nl:inspectie:loa:laag")
    client.post("/uitloggen/")
    sso_login(client, "gijs")
    assert client.get("/onderzoeken/").status_code == 302


def test_het_merkteken_van_de_idp_geldt_alleen_voor_wie_zo_inlogde(sso, client):
    """A session mark for another user (e.g. a session taken over by a later login) does not
    verify anyone."""
    sso.gebruiker("anna", **ANNA)
    sso_login(client, "anna")
    ander = gebruiker(Rol.INSPECTEUR, username="ander")
    sessie = client.session
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    sessie[SESSION_KEY] = str(ander.pk)
    sessie[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sessie[HASH_SESSION_KEY] = ander.get_session_auth_hash()
    sessie.save()
    assert client.get("/onderzoeken/").status_code == 302  # to the TOTP setup, not the list


# --- Two logins at the same time ----------------------------------------------------------------


def test_twee_mensen_die_tegelijk_inloggen_krijgen_elk_hun_eigen_account(sso):
    sso.gebruiker("anna", **ANNA)
    sso.gebruiker("bob", email="bob@inspectie.example", groups=["toezicht-medewerker"], amr=["mfa"])
    a, b = Client(), Client()
    start_a, start_b = a.get("/oidc/inloggen/"), b.get("/oidc/inloggen/")
    terug_a = bij_idp_inloggen(start_a["Location"], "anna")
    terug_b = bij_idp_inloggen(start_b["Location"], "bob")
    b.get(terug_b.removeprefix("http://testserver"))
    a.get(terug_a.removeprefix("http://testserver"))
    assert ingelogd_als(a).username == "anna.devries"
    assert ingelogd_als(b).username == "bob@inspectie.example"
    # Each browser's state belongs to that browser: exchanging them is refused.
    c = Client()
    c.get("/oidc/inloggen/")
    assert ingelogd_als(c) is None


def test_zelfde_persoon_in_twee_tabbladen_krijgt_een_account(sso, client):
    sso.gebruiker("anna", **ANNA)
    eerste = client.get("/oidc/inloggen/")["Location"]
    tweede = client.get("/oidc/inloggen/")["Location"]
    terug_2 = bij_idp_inloggen(tweede, "anna")
    terug_1 = bij_idp_inloggen(eerste, "anna")
    client.get(terug_2.removeprefix("http://testserver"))
    client.get(terug_1.removeprefix("http://testserver"))
    assert IdpKoppeling.objects.filter(sub="anna").count() == 1
    assert User.objects.filter(email=ANNA["email"]).count() == 1
    assert ingelogd_als(client).username == "anna.devries"


# --- The four refusals, each for a stated reason ----------------------------------------------


def geweigerd(client, response, reden: str) -> None:
    assert response.status_code == 302 and response["Location"] == "/inloggen/"
    assert ingelogd_als(client) is None
    pagina = client.get("/inloggen/").content.decode()
    assert "Inloggen met uw organisatieaccount is niet gelukt" in pagina
    assert weigeringen() == [{"via": "identity provider", "reden": reden}]


def test_token_voor_een_andere_client_wordt_geweigerd(sso, client):
    """The provider signs a token whose audience is another client (as for a token issued to
    another application): mozilla-django-oidc skips the aud check; ours refuses it."""
    sso.gebruiker("anna", **{**ANNA, "aud": "een-andere-applicatie"})
    response, _ = sso_login(client, "anna")
    geweigerd(client, response, "ID-token is voor een andere client bedoeld (aud)")
    assert not IdpKoppeling.objects.exists()


def test_verlopen_token_wordt_geweigerd(sso, client):
    sso.gebruiker("anna", **{**ANNA, "exp": int(time.time()) - 3600})
    response, _ = sso_login(client, "anna")
    geweigerd(client, response, "ID-token is verlopen (exp)")


def test_token_van_een_andere_uitgever_wordt_geweigerd(sso, client, ander_idp_proces, settings):
    """A second provider process (another issuer, its own key) answers the code exchange, as
    in a mix-up: its token is refused because our provider never signed it. A token that our
    provider signed but that names another issuer is refused by the issuer check."""
    ander = ander_idp_proces
    ander.gebruiker("anna", **ANNA)
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ander.url}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ander.url}/oauth2/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{ander.url}/userinfo"
    response, _ = sso_login(client, "anna")
    geweigerd(client, response, "handtekening klopt niet")

    BeveiligingsGebeurtenis.objects.all().delete()
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = ""
    settings.OIDC_OP_TOKEN_ENDPOINT = ""
    settings.OIDC_OP_USER_ENDPOINT = ""
    sso.gebruiker("anna", **{**ANNA, "iss": ander.url})
    response, _ = sso_login(client, "anna")
    geweigerd(client, response, "ID-token komt van een andere uitgever (iss)")
    assert not IdpKoppeling.objects.exists()


def test_hergebruikte_state_wordt_geweigerd(sso, client):
    sso.gebruiker("anna", **ANNA)
    _, terug = sso_login(client, "anna")
    pad = terug.removeprefix("http://testserver")
    client.post("/uitloggen/")

    # An attacker who captured the callback URL replays it in their own browser.
    aanvaller = Client()
    geweigerd(aanvaller, aanvaller.get(pad), "geen lopende inlogpoging in deze sessie (state)")
    # The same browser, with a new login under way, replays the old URL.
    BeveiligingsGebeurtenis.objects.all().delete()
    client.get("/oidc/inloggen/")
    geweigerd(client, client.get(pad), "state onbekend of al gebruikt")


def test_gedeactiveerd_account_komt_er_niet_in(sso, client):
    sso.gebruiker("anna", **ANNA)
    sso_login(client, "anna")
    User.objects.filter(username="anna.devries").update(is_active=False)
    client.post("/uitloggen/")
    BeveiligingsGebeurtenis.objects.all().delete()
    response, _ = sso_login(client, "anna")
    geweigerd(client, response, "account is gedeactiveerd")


def test_idp_niet_bereikbaar_geeft_een_nederlandse_melding(sso, client, settings):
    from tests.oidc_idp import vrije_poort

    settings.OIDC_ISSUER = f"http://127.0.0.1:{vrije_poort()}"
    response = client.get("/oidc/inloggen/", follow=True)
    assert "is nu niet bereikbaar" in response.content.decode()


# --- Configuration, login page, logout ---------------------------------------------------------


def test_zonder_issuer_geen_knop_en_geen_oidc_paginas(client, db):
    assert "Inloggen met" not in client.get("/inloggen/").content.decode()
    assert client.get("/oidc/inloggen/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_inlogpagina_toont_de_knop_als_sso_is_ingesteld(sso, client):
    pagina = client.get("/inloggen/?next=/rapporten/exports/").content.decode()
    assert "Inloggen met uw organisatieaccount" in pagina
    assert 'href="/oidc/inloggen/?next=/rapporten/exports/"' in pagina


def test_uitloggen_beeindigt_ook_de_sessie_bij_de_idp(sso, client):
    sso.gebruiker("anna", **ANNA)
    sso_login(client, "anna")
    id_token = client.session["oidc_id_token"]
    response = client.post("/uitloggen/")
    assert ingelogd_als(client) is None
    doel = urlsplit(response["Location"])
    assert f"{doel.scheme}://{doel.netloc}{doel.path}" == f"{sso.url}/oauth2/end_session"
    vraag = parse_qs(doel.query)
    assert vraag["id_token_hint"] == [id_token]
    assert vraag["post_logout_redirect_uri"] == ["http://testserver/inloggen/"]
    # The provider's end-session page answers (a real page with its confirm button).
    assert "End session" in requests.get(response["Location"], timeout=5).text


def test_lokale_gebruiker_logt_gewoon_uit(sso, client):
    inloggen_lokaal = gebruiker(Rol.GEMEENTE, username="gem")
    client.force_login(inloggen_lokaal, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/uitloggen/")
    assert response["Location"] == "/inloggen/"


def test_systeemcontrole_weigert_een_rollentabel_met_gemeente(settings, sso):
    from inspecties.beveiliging.oidc.provider import oidc_instellingen_controleren

    fouten = oidc_instellingen_controleren(None)
    assert [f.id for f in fouten] == ["toezicht.E017"]
    assert "'toezicht-gemeente'" in fouten[0].msg
    settings.OIDC_ROLLEN = {"toezicht-inspecteur": "inspecteur"}
    assert oidc_instellingen_controleren(None) == []


def test_instellingen_uit_de_omgeving():
    """What docs/beheer.md tells ops to set, read by the real settings module."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inspecties.settings",
        "OIDC_ISSUER": "https://login.inspectie.example/realms/toezicht",
        "OIDC_RP_CLIENT_ID": "toezicht",
        "OIDC_RP_CLIENT_SECRET": "geheim",
        "OIDC_ROLLEN_CLAIM": "roles",
        "OIDC_ROLLEN": "toezicht-inspecteur=inspecteur, toezicht-beheer=beheerder",
        "OIDC_MFA_ACR": "urn:loa:hoog",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.AUTHENTICATION_BACKENDS, s.OIDC_ROLLEN, s.OIDC_ROLLEN_CLAIM,"
        " s.OIDC_MFA_AMR, s.OIDC_MFA_ACR, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']]))"
    )
    root = Path(__file__).resolve().parents[3]
    uit = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    backends, rollen, claim, amr, acr, form_action = json.loads(uit.stdout)
    assert backends[-1] == "inspecties.beveiliging.oidc.backend.OidcBackend"
    assert backends[0] == "axes.backends.AxesStandaloneBackend"  # throttling stays first
    assert rollen == {"toezicht-inspecteur": "inspecteur", "toezicht-beheer": "beheerder"}
    assert (claim, amr, acr) == ("roles", ["mfa", "otp", "hwk"], ["urn:loa:hoog"])
    assert "https://login.inspectie.example" in form_action

    # A table that hands out gemeente stops `manage.py check`.
    env["OIDC_ROLLEN"] = "toezicht-inspecteur=inspecteur,ambtenaren=gemeente"
    check = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=root, env=env, capture_output=True, text=True
    )
    assert check.returncode != 0 and "toezicht.E017" in check.stderr
    assert "'ambtenaren' to 'gemeente'" in check.stderr


def test_idp_account_heeft_geen_wachtwoord_hier_en_de_pagina_zegt_dat(sso, client):
    sso.gebruiker("anna", **ANNA)
    sso_login(client, "anna")
    pagina = client.get("/account/wachtwoord/").content.decode()
    assert 'data-testid="geen-wachtwoord"' in pagina and 'name="old_password"' not in pagina
    # A password cannot be set through the form either (there is no old one to give).
    client.post(
        "/account/wachtwoord/",
        {
            "old_password": "",
            "new_password1": "Nieuw-wachtwoord-1",
            "new_password2": "Nieuw-wachtwoord-1",
        },
    )
    assert not User.objects.get(username="anna.devries").has_usable_password()


def test_weigeren_bij_de_idp_geeft_een_nederlandse_melding(sso, client):
    sso.gebruiker("anna", **ANNA)
    authorize = client.get("/oidc/inloggen/")["Location"]
    sessie = requests.Session()
    sessie.get(authorize, timeout=5)
    terug = sessie.post(authorize, data={"action": "deny"}, timeout=5, allow_redirects=False)
    pad = terug.headers["Location"].removeprefix("http://testserver")
    assert "error=access_denied" in pad
    geweigerd(client, client.get(pad), "identity provider: access_denied")
