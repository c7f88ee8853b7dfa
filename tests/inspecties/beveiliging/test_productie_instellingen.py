"""Production settings pass Django's deployment checklist; local defaults keep working."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

import pytest

ROOT = Path(__file__).resolve().parents[3]


def productie_env(**extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="inspecties.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="toezicht.example.nl",
        CSRF_TRUSTED_ORIGINS="https://toezicht.example.nl",
    )
    env.update(extra)
    return env


def test_check_deploy_zonder_waarschuwingen_met_productie_omgeving():
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=productie_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "no issues" in resultaat.stdout


def test_productie_instellingen_waarden():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.PASSWORD_HASHERS[0], s.SESSION_COOKIE_AGE, s.SESSION_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY,"
        " s.STORAGES['staticfiles']['BACKEND'], s.AUTHENTICATION_BACKENDS[0],"
        " s.SESSION_ENGINE]))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=productie_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    import json

    waarden = json.loads(uit)
    assert waarden == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        8 * 60 * 60,
        True,
        True,
        True,
        31536000,
        True,
        "DENY",
        "same-origin",
        "inspecties.beheer.opslag.StatischeBestandenOpslag",
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.sessions.backends.db",
    ]


def test_lokaal_blijft_http_zonder_hsts():
    # The test settings derive from the local defaults: DEBUG on, plain http on 127.0.0.1.
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.SESSION_COOKIE_SECURE is False
    assert settings.SECURE_HSTS_SECONDS == 0


@pytest.mark.django_db
def test_csp_kop_met_nonce_en_zonder_cdn(client):
    response = client.get(reverse("login"))
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    # django-csp adds 'nonce-…' only to responses whose template used request.csp_nonce.
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "http" not in csp.replace("'self'", "")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    html = response.content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in html
    assert "<script>" not in html
    assert "https://" not in html


@pytest.mark.django_db
def test_geen_cache_voor_ingelogde_gebruikers_wel_voor_statische_bestanden(client, inspecteur):
    from django.test import Client, override_settings

    from tests.conftest import inloggen

    # Static files keep their own caching: whitenoise answers before the middleware. (A new
    # client loads the middleware again, so whitenoise finds the files without collectstatic.)
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True):
        statisch_client = inloggen(Client(), inspecteur)
        statisch = statisch_client.get("/static/css/toezicht.css")
    assert statisch.status_code == 200
    assert "no-store" not in statisch.get("Cache-Control", "")
    inloggen(client, inspecteur)
    pagina = client.get(reverse("inspecties:onderzoek_lijst"))
    assert "no-store" in pagina["Cache-Control"] and "private" in pagina["Cache-Control"]
    # A 404 for a logged-in user is not cached either.
    assert "no-store" in client.get("/bestaat-niet/")["Cache-Control"]


@pytest.mark.django_db
def test_antwoord_dat_een_sessie_zet_wordt_niet_gecachet(client, inspecteur):
    response = client.post(reverse("login"), {"username": "insp1", "password": "toezicht-demo"})
    assert "sessionid" in response.cookies
    assert "no-store" in response["Cache-Control"]
