"""The sessions page (issue 18): one chosen session can be ended, and each is named by what a
person recognises (browser and system, IP address, time), not a row number."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from inspecties.beveiliging.browsers import omschrijving
from inspecties.beveiliging.models import UserSessie
from tests.conftest import inloggen

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)
CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize(
    ("ua", "verwacht"),
    [
        (FIREFOX_WINDOWS, "Firefox op Windows"),
        (SAFARI_IPHONE, "Safari op iPhone"),
        (EDGE, "Edge op Windows"),
        (CHROME_LINUX, "Chrome op Linux"),
        ("", "Onbekende browser"),
        ("curl/8.0", "Onbekende browser"),
        ("<script>", "Onbekende browser"),
    ],
)
def test_omschrijving(ua, verwacht):
    assert omschrijving(ua) == verwacht


def sessie_van(client, user, ua: str, ip: str) -> UserSessie:
    inloggen(client, user)
    sessie = UserSessie.objects.get(session_key=client.session.session_key)
    UserSessie.objects.filter(pk=sessie.pk).update(user_agent=ua, ip=ip)
    return sessie


@pytest.mark.django_db
def test_een_gekozen_sessie_beeindigen(inspecteur):
    hier, telefoon, thuis = Client(), Client(), Client()
    sessie_van(hier, inspecteur, CHROME_LINUX, "192.0.2.1")
    van_telefoon = sessie_van(telefoon, inspecteur, SAFARI_IPHONE, "198.51.100.7")
    sessie_van(thuis, inspecteur, FIREFOX_WINDOWS, "203.0.113.9")

    html = hier.get(reverse("beveiliging:sessies")).content.decode()
    for tekst in ("Safari op iPhone", "198.51.100.7", "Firefox op Windows", "Deze sessie"):
        assert tekst in html
    # Each button says which session it ends (its accessible name), not a row number.
    knop = re.search(
        rf'<button[^>]*value="{van_telefoon.pk}"[^>]*>(.*?)</button>', html, re.S
    ).group(1)
    naam = re.sub(r"<[^>]+>", "", knop)
    assert "Beëindigen: Safari op iPhone, IP-adres 198.51.100.7, laatst actief" in naam
    assert "Sessie 2" not in html

    response = hier.post(reverse("beveiliging:sessies"), {"sessie": van_telefoon.pk}, follow=True)
    assert "De gekozen sessie is beëindigd." in response.content.decode()
    assert telefoon.get(reverse("inspecties:onderzoek_lijst")).status_code == 302  # logged out
    assert thuis.get(reverse("inspecties:onderzoek_lijst")).status_code == 200  # still in
    assert hier.get(reverse("inspecties:onderzoek_lijst")).status_code == 200


@pytest.mark.django_db
def test_de_eigen_sessie_en_die_van_een_ander_blijven(inspecteur, tweede_inspecteur):
    hier, ander = Client(), Client()
    eigen = sessie_van(hier, inspecteur, CHROME_LINUX, "192.0.2.1")
    van_ander = sessie_van(ander, tweede_inspecteur, FIREFOX_WINDOWS, "192.0.2.2")
    for doel in (eigen.pk, van_ander.pk, "abc", "9" * 30):
        hier.post(reverse("beveiliging:sessies"), {"sessie": doel})
    assert hier.get(reverse("inspecties:onderzoek_lijst")).status_code == 200
    assert ander.get(reverse("inspecties:onderzoek_lijst")).status_code == 200
