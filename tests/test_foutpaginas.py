"""Error pages speak Dutch, in the site's layout, with a way back: also with DEBUG off, as in
production, and the 500 page even without a request."""

import re

from django.template import loader
from django.test import Client
from django.urls import reverse

import pytest

from inspecties.beveiliging.rollen import Rol
from tests.conftest import inloggen
from tests.factories import gebruiker

ENGELS = (
    "Not Found",
    "Forbidden",
    "Server Error",
    "Bad Request",
    "CSRF verification",
    "Method Not Allowed",
    "requested resource",
)


@pytest.fixture(autouse=True)
def productie(settings):
    settings.DEBUG = False


def is_nederlandse_foutpagina(html: str, kop: str) -> None:
    assert '<html lang="nl">' in html
    assert re.search(rf"<h1[^>]*>{kop}</h1>", html), kop
    assert "Samenwerkend Toezicht Jeugd" in html  # the site's footer
    assert 'href="/"' in html and "Naar de startpagina" in html  # a way back
    for woord in ENGELS:
        assert woord not in html, woord


def test_404_is_nederlands(client, inspecteur):
    inloggen(client, inspecteur)
    antwoord = client.get("/bestaat-niet/")
    assert antwoord.status_code == 404
    html = antwoord.content.decode()
    is_nederlandse_foutpagina(html, "Pagina niet gevonden")
    assert "Uitloggen" in html  # the menu of a logged-in user, as on every page


def test_404_voor_wie_niet_is_ingelogd(db, client):
    antwoord = client.get("/bestaat-niet/")
    assert antwoord.status_code == 404
    is_nederlandse_foutpagina(antwoord.content.decode(), "Pagina niet gevonden")


def test_403_is_nederlands(client, kaders):
    gemeente = gebruiker(Rol.GEMEENTE, username="gem")
    inloggen(client, gemeente)
    antwoord = client.get(reverse("inspecties:onderzoek_lijst"))
    assert antwoord.status_code == 403
    is_nederlandse_foutpagina(antwoord.content.decode(), "Geen toegang")


@pytest.mark.urls("tests.urls_fouten")
def test_500_is_nederlands(db):
    antwoord = Client(raise_request_exception=False).get("/test-kapot/")
    assert antwoord.status_code == 500
    html = antwoord.content.decode()
    is_nederlandse_foutpagina(html, "Er ging iets mis")
    assert "niemand verwachtte" not in html  # no internals


def test_500_rendert_zonder_request():
    html = loader.get_template("500.html").render()
    is_nederlandse_foutpagina(html, "Er ging iets mis")


@pytest.mark.urls("tests.urls_fouten")
def test_400_is_nederlands(db, client):
    antwoord = client.get("/test-verdacht/")
    assert antwoord.status_code == 400
    is_nederlandse_foutpagina(antwoord.content.decode(), "Dit verzoek klopt niet")


def test_csrf_fout_is_nederlands(kaders, inspecteur):
    client = inloggen(Client(enforce_csrf_checks=True), inspecteur)
    antwoord = client.post(reverse("inspecties:onderzoek_nieuw"), {"jaar": 2020})
    assert antwoord.status_code == 403
    html = antwoord.content.decode()
    is_nederlandse_foutpagina(html, "Het formulier is verlopen")
    assert "opnieuw" in html


def test_405_is_nederlands(client, inspecteur):
    inloggen(client, inspecteur)
    antwoord = client.get(reverse("logout"))  # logging out is a POST
    assert antwoord.status_code == 405
    is_nederlandse_foutpagina(antwoord.content.decode(), "Dit kan zo niet")
